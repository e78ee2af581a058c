import {
  AUDIT_EXPORT_MAX_ROWS,
  type AuditAction,
  type AuditExportEncoding,
  auditActionLabels,
  auditSubjectLabels,
  type Locale,
} from '@kizuna/contract';
import { encodeCsv } from '../../platform/csv.js';
import type { Database, Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { type AuditLogFilter, pageFrom } from './list-audit.js';
import { type AuditNames, type Named, nameEntries, nameEntriesAcrossTenants } from './names.js';
import { type AuditActor, recordAudit } from './record-audit.js';

type Entry = Awaited<ReturnType<typeof pageFrom>>['items'][number];

const BATCH = 2000;

const WORDS = {
  ja: {
    headers: {
      time: '日時（日本時間）',
      company: '企業',
      actor: '操作者',
      actorId: '操作者ID',
      action: '操作',
      actionCode: '操作コード',
      subject: '対象の種類',
      subjectName: '対象',
      subjectId: '対象ID',
      detail: '詳細',
      ip: 'IP',
    },
    system: 'システム',
    operator: '運営',
  },
  en: {
    headers: {
      time: 'Time (Japan)',
      company: 'Company',
      actor: 'Actor',
      actorId: 'Actor ID',
      action: 'Action',
      actionCode: 'Action code',
      subject: 'Subject type',
      subjectName: 'Subject',
      subjectId: 'Subject ID',
      detail: 'Details',
      ip: 'IP',
    },
    system: 'System',
    operator: 'Operator',
  },
} as const;

/** `2026-04-01 09:30:00` in Tokyo: a value Excel reads as a date and time. */
const tokyoTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** Every entry matching the filter, newest first, in pages; refused past the export's limit. */
async function allEntries(
  db: Db | Tx,
  filter: AuditLogFilter,
  name: (rows: Entry[]) => Promise<Named<Entry>[]>,
) {
  const named: Named<Entry>[] = [];
  let cursor: string | undefined;
  do {
    const page = await pageFrom(db, { ...filter, limit: BATCH, cursor });
    named.push(...(await name(page.items)));
    if (named.length > AUDIT_EXPORT_MAX_ROWS) throw new AppError('payload_too_large');
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return named;
}

function table(entries: Named<Entry>[], locale: Locale, withCompany: boolean) {
  const w = WORDS[locale];
  const h = w.headers;
  const header = [
    h.time,
    ...(withCompany ? [h.company] : []),
    h.actor,
    h.actorId,
    h.action,
    h.actionCode,
    h.subject,
    h.subjectName,
    h.subjectId,
    h.detail,
    h.ip,
  ];
  return [
    header,
    ...entries.map((e) => [
      tokyoTime.format(e.createdAt),
      ...(withCompany ? [e.tenantName ?? (e.tenantId ? e.tenantId : w.operator)] : []),
      e.actorName ?? w.system,
      e.actorUserId,
      auditActionLabels[e.action as AuditAction]?.[locale] ?? e.action,
      e.action,
      auditSubjectLabels[e.subjectType]?.[locale] ?? e.subjectType,
      e.subjectName,
      e.subjectId,
      Object.keys(e.detail).length ? JSON.stringify(e.detail) : '',
      e.ip,
    ]),
  ];
}

export interface ExportOptions {
  encoding: AuditExportEncoding;
  locale: Locale;
}

const auditedFilter = (filter: AuditLogFilter) => ({
  action: filter.action ?? null,
  actorUserId: filter.actorUserId ?? null,
  from: filter.from ?? null,
  to: filter.to ?? null,
  ...(filter.tenantId ? { tenantId: filter.tenantId } : {}),
});

/**
 * One company's filtered log as CSV for Excel (UTF-8 with BOM, or CP932; formula cells
 * neutralized), names resolved as on the page. The export is itself audited, in the same
 * transaction, after the rows were read (so it is not in its own file).
 */
export async function exportAuditLog(
  tx: Tx,
  names: AuditNames,
  tenantId: string,
  actor: AuditActor,
  filter: AuditLogFilter,
  options: ExportOptions,
) {
  const scoped = { ...filter, tenantId };
  const entries = await allEntries(tx, scoped, (rows) => nameEntries(tx, names, rows));
  await recordAudit(tx, actor, {
    action: 'audit.export',
    subjectType: 'audit_log',
    detail: { count: entries.length, encoding: options.encoding, filter: auditedFilter(filter) },
  });
  return { csv: encodeCsv(table(entries, options.locale, false), options.encoding), count: entries.length };
}

/**
 * Every company's filtered log as CSV, for operator admins: read across tenants by design (the
 * owner connection), each company's names in its own transaction, then the export is recorded
 * in the operator scope, as reading the whole log is.
 */
export async function unsafeExportAuditLogAcrossTenants(
  db: Database,
  names: AuditNames,
  actor: AuditActor,
  filter: AuditLogFilter,
  options: ExportOptions,
) {
  const entries = await allEntries(db.unsafeOwner, filter, (rows) =>
    nameEntriesAcrossTenants(db, names, rows),
  );
  await db.withoutTenant((tx) =>
    recordAudit(tx, actor, {
      action: 'audit.export',
      subjectType: 'audit_log',
      detail: { count: entries.length, encoding: options.encoding, filter: auditedFilter(filter) },
    }),
  );
  return { csv: encodeCsv(table(entries, options.locale, true), options.encoding), count: entries.length };
}
