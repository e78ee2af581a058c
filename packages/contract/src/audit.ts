import { z } from 'zod';
import { idSchema, isoDateTime } from './common.js';
import type { Locale } from './errors.js';

export const auditEntrySchema = z
  .object({
    id: idSchema,
    tenantId: idSchema.nullable(),
    tenantName: z.string().nullable(),
    actorUserId: z.string().nullable(),
    actorName: z.string().nullable().meta({
      description:
        'As recorded; for a member’s own acts (portal), the member’s record’s name as it is now (an anonymized member shows the placeholder)',
    }),
    action: z.string().meta({ description: 'Dotted verb, e.g. `invitation.create`' }),
    subjectType: z.string(),
    subjectId: z.string().nullable(),
    subjectName: z.string().nullable().meta({
      description:
        'The subject’s name as it is now (an alumnus, a staff member, a segment, a company…), read when the log is read: an anonymized alumnus shows the placeholder; null when none is known',
    }),
    detail: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** A calendar day in Japan (Asia/Tokyo, as the page shows times): `2026-04-01`. */
const tokyoDay = z.iso.date({ error: 'invalid_date' });

/** What the log can be narrowed to: the list, the actors and the export share it. */
const auditFilterShape = {
  action: z.string().trim().max(100).optional(),
  actorUserId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Entries by this user only' }),
  from: tokyoDay.optional().meta({ description: 'From this day (Asia/Tokyo), inclusive' }),
  to: tokyoDay.optional().meta({ description: 'Up to this day (Asia/Tokyo), inclusive' }),
  tenantId: idSchema.optional().meta({ description: 'Operator view only: one company' }),
};

/** `to` before `from` is a mistake, not an empty period. */
function fromBeforeTo(value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (value.from && value.to && value.to < value.from)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'invalid_value' });
}

export const auditFilterSchema = z.object(auditFilterShape).superRefine(fromBeforeTo);
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
    ...auditFilterShape,
  })
  .superRefine(fromBeforeTo);

export const auditExportEncodings = ['utf8', 'cp932'] as const;
export type AuditExportEncoding = (typeof auditExportEncodings)[number];

export const auditExportQuerySchema = z
  .object({ ...auditFilterShape, encoding: z.enum(auditExportEncodings).default('utf8') })
  .superRefine(fromBeforeTo);

/** At most this many entries go into one CSV file; a longer log is exported by periods. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

/** The people who appear as actors in the (filtered) log, for the actor filter; newest first. */
export const auditActorsQuerySchema = z
  .object({
    from: auditFilterShape.from,
    to: auditFilterShape.to,
    tenantId: auditFilterShape.tenantId,
  })
  .superRefine(fromBeforeTo);
export const auditActorSchema = z
  .object({ userId: z.string(), name: z.string().nullable(), lastAt: isoDateTime })
  .meta({ id: 'AuditActor' });
export type AuditActorOption = z.infer<typeof auditActorSchema>;
export const auditActorsSchema = z.object({ items: z.array(auditActorSchema) });

/**
 * Every action the server writes to the audit log. `recordAudit` accepts only these, and the web
 * app's labels are typed by this list, so a new action without a ja/en label fails the typecheck.
 */
export const auditActions = [
  'tenant.create',
  'tenant.update',
  'tenant.suspend',
  'tenant.reactivate',
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
  'staff.role_change',
  'staff.remove',
  'operator_staff.role_change',
  'operator_staff.remove',
  'user.password_change',
  'session.switch_tenant',
  'audit.read_all',
  'audit.export',
  'alumnus.create',
  'alumnus.read',
  'alumnus.update',
  'alumnus.email_change',
  'alumnus.import_create',
  'alumnus.import_update',
  'alumni.import',
  'alumni.export',
  'alumni.mapping_save',
  'segment.create',
  'segment.update',
  'segment.delete',
  'segment.invite',
  'rehire_policy.update',
  'rehire_policy.share_link',
  'privacy_notice.publish',
  'network_settings.update',
  'alumnus.invite',
  'alumnus.register',
  'alumnus.self_read',
  'alumnus.self_update',
  'alumnus.self_export',
  'alumnus.profile_confirm',
  'alumnus.anonymize',
  'consent.change',
  'consent.opt_out',
  'registration_request.queue',
  'registration_request.read',
  'registration_request.match',
  'registration_request.create_record',
  'registration_request.reject',
  'mail.read',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Each action in people's words, in both languages: the log page and its CSV export use them. */
export const auditActionLabels = {
  'tenant.create': { ja: '企業の作成', en: 'Company created' },
  'tenant.update': { ja: '企業情報の変更', en: 'Company changed' },
  'tenant.suspend': { ja: '企業の利用停止', en: 'Company suspended' },
  'tenant.reactivate': { ja: '企業の利用再開', en: 'Company reactivated' },
  'invitation.create': { ja: '招待の送信', en: 'Invitation sent' },
  'invitation.revoke': { ja: '招待の取り消し', en: 'Invitation revoked' },
  'invitation.accept': { ja: '招待の承諾', en: 'Invitation accepted' },
  'staff.role_change': { ja: 'スタッフの役割の変更', en: 'Staff role changed' },
  'staff.remove': { ja: 'スタッフの削除', en: 'Staff member removed' },
  'operator_staff.role_change': { ja: '運営スタッフの役割の変更', en: 'Operator staff role changed' },
  'operator_staff.remove': { ja: '運営スタッフの削除', en: 'Operator staff member removed' },
  'user.password_change': { ja: 'パスワードの変更', en: 'Password changed' },
  'session.switch_tenant': { ja: '操作する企業の切り替え', en: 'Switched the company acted in' },
  'audit.read_all': { ja: '全企業の監査ログの閲覧', en: 'All-company audit log read' },
  'audit.export': { ja: '監査ログの CSV 出力', en: 'Audit log CSV export' },
  'alumnus.create': { ja: 'アルムナイの登録', en: 'Alumnus added' },
  'alumnus.read': { ja: 'アルムナイ情報の閲覧', en: 'Alumnus viewed' },
  'alumnus.update': { ja: 'アルムナイ情報の変更', en: 'Alumnus edited' },
  'alumnus.email_change': { ja: 'メールアドレスの変更', en: 'E-mail address changed' },
  'alumnus.import_create': { ja: 'CSV 取り込みによる登録', en: 'Alumnus added by CSV import' },
  'alumnus.import_update': { ja: 'CSV 取り込みによる更新', en: 'Alumnus updated by CSV import' },
  'alumni.import': { ja: 'アルムナイの CSV 取り込み', en: 'Alumni CSV import' },
  'alumni.export': { ja: 'アルムナイの CSV 出力', en: 'Alumni CSV export' },
  'alumni.mapping_save': { ja: '取り込み列の対応付けの保存', en: 'Import column mapping saved' },
  'segment.create': { ja: 'セグメントの作成', en: 'Segment created' },
  'segment.update': { ja: 'セグメントの変更', en: 'Segment changed' },
  'segment.delete': { ja: 'セグメントの削除', en: 'Segment deleted' },
  'segment.invite': { ja: 'セグメントへの登録案内', en: 'Segment invited to register' },
  'rehire_policy.update': { ja: '再雇用条件の保存', en: 'Rehire policy saved' },
  'rehire_policy.share_link': { ja: '再雇用条件の共有リンクの発行', en: 'Rehire policy share link issued' },
  'privacy_notice.publish': { ja: '個人情報の取扱いの公開', en: 'Privacy notice published' },
  'network_settings.update': {
    ja: 'アルムナイネットワーク設定の変更',
    en: 'Alumni network settings changed',
  },
  'alumnus.invite': { ja: '会員登録の案内', en: 'Invited to register' },
  'alumnus.register': { ja: '会員登録', en: 'Registered as a member' },
  'alumnus.self_read': { ja: '本人によるプロフィールの閲覧', en: 'Member viewed own profile' },
  'alumnus.self_update': { ja: '本人によるプロフィールの変更', en: 'Member edited own profile' },
  'alumnus.self_export': { ja: '本人によるデータのダウンロード', en: 'Member downloaded own data' },
  'alumnus.profile_confirm': { ja: '本人によるプロフィールの確認', en: 'Member confirmed own profile' },
  'alumnus.anonymize': { ja: '匿名化（削除依頼）', en: 'Anonymized (deletion request)' },
  'consent.change': { ja: '同意の変更', en: 'Consents changed' },
  'consent.opt_out': { ja: '連絡停止', en: 'Opted out of all contact' },
  'registration_request.queue': { ja: '登録申請の受付（照合待ち）', en: 'Registration request queued' },
  'registration_request.read': { ja: '登録申請の閲覧', en: 'Registration request viewed' },
  'registration_request.match': { ja: '登録申請の照合', en: 'Registration request matched' },
  'registration_request.create_record': {
    ja: '登録申請から退職者情報を作成',
    en: 'Leaver record created from a registration request',
  },
  'registration_request.reject': { ja: '登録申請の見送り', en: 'Registration request declined' },
  'mail.read': { ja: '送信メールの閲覧', en: 'Outgoing mail read' },
} as const satisfies Record<AuditAction, Record<Locale, string>>;

/** What an entry is about (its `subjectType`), in both languages. */
export const auditSubjectLabels: Record<string, Record<Locale, string>> = {
  tenant: { ja: '企業', en: 'Company' },
  invitation: { ja: '招待', en: 'Invitation' },
  membership: { ja: 'メンバー', en: 'Member' },
  operator_staff: { ja: '運営スタッフ', en: 'Operator staff' },
  user: { ja: 'アカウント', en: 'Account' },
  session: { ja: 'ログイン中のセッション', en: 'Session' },
  audit_log: { ja: '監査ログ', en: 'Audit log' },
  mail: { ja: '送信メール', en: 'Outgoing mail' },
  alumnus: { ja: 'アルムナイ', en: 'Alumnus' },
  alumni: { ja: 'アルムナイ名簿', en: 'Alumni register' },
  import_mapping: { ja: '列の対応付け', en: 'Column mapping' },
  segment: { ja: 'セグメント', en: 'Segment' },
  rehire_policy: { ja: '再雇用条件', en: 'Rehire policy' },
  privacy_notice: { ja: '個人情報の取扱い', en: 'Privacy notice' },
  network_settings: { ja: 'アルムナイネットワーク設定', en: 'Alumni network settings' },
  registration_request: { ja: '登録申請', en: 'Registration request' },
};
