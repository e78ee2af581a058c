import {
  type AlumniFilter,
  type AlumniInterest,
  interestLabels,
  type LeaveReasonCategory,
  type Locale,
  leaveReasonLabels,
  leaveTypeLabels,
} from '@kizuna/contract';
import { and, desc } from 'drizzle-orm';
import { encodeCsv } from '../../platform/csv.js';
import type { Tx } from '../../platform/db/database.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import { alumniConditions } from './records.js';
import { alumni } from './tables.js';

/** Header names that the import presets read back, so an exported file re-imports as is. */
const HEADERS: Record<Locale, string[]> = {
  ja: [
    '社員番号',
    '姓',
    '名',
    'セイ',
    'メイ',
    'メールアドレス',
    '電話番号',
    '部署',
    '役職',
    '入社日',
    '退職日',
    '退職区分',
    '退職理由区分',
    '退職理由詳細',
    '現在の勤務先',
    '現在の役職',
    '決裁権',
    'スキル',
    '関心',
    'タグ',
    '連絡不可',
  ],
  en: [
    'Employee number',
    'Family name',
    'Given name',
    'Family name kana',
    'Given name kana',
    'E-mail',
    'Phone',
    'Department',
    'Position',
    'Join date',
    'Leave date',
    'Leave type',
    'Leave reason category',
    'Leave reason note',
    'Current company',
    'Current title',
    'Decision authority',
    'Skills',
    'Interests',
    'Tags',
    'Do not contact',
  ],
};

/**
 * The filtered list as CSV (UTF-8 with BOM, or CP932), formula cells neutralized. Internal notes
 * stay out: an export travels further than the screen. Every export is audited.
 */
export async function exportAlumni(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  filter: AlumniFilter,
  options: { encoding: 'utf8' | 'cp932'; locale: Locale },
) {
  const { locale } = options;
  const rows = await tx
    .select()
    .from(alumni)
    .where(and(...(await alumniConditions(tx, tenantId, filter))))
    .orderBy(desc(alumni.leftOn), desc(alumni.id));
  const yes = locale === 'ja' ? 'はい' : 'yes';
  const no = locale === 'ja' ? 'いいえ' : 'no';
  const table = [
    HEADERS[locale],
    ...rows.map((r) => [
      r.employeeNumber,
      r.familyName,
      r.givenName,
      r.familyNameKana,
      r.givenNameKana,
      r.email,
      r.phone,
      r.department,
      r.position,
      r.joinedOn,
      r.leftOn,
      leaveTypeLabels[r.leaveType][locale],
      r.leaveReasonCategory
        ? leaveReasonLabels[r.leaveReasonCategory as LeaveReasonCategory]?.[locale]
        : null,
      r.leaveReasonNote,
      r.currentCompany,
      r.currentTitle,
      r.hasDecisionAuthority ? yes : no,
      r.skills.join('、'),
      r.interests.map((i) => interestLabels[i as AlumniInterest]?.[locale] ?? i).join('、'),
      r.tags.join('、'),
      r.doNotContact ? yes : no,
    ]),
  ];
  await recordAudit(tx, actor, {
    action: 'alumni.export',
    subjectType: 'alumni',
    detail: { count: rows.length, encoding: options.encoding, filter },
  });
  return { csv: encodeCsv(table, options.encoding), count: rows.length };
}
