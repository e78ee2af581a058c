import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type AlumniFilter,
  type AlumniInterest,
  interestLabels,
  type LeaveReasonCategory,
  type Locale,
  leaveReasonLabels,
  leaveTypeLabels,
} from '@kizuna/contract';
import { and, sql } from 'drizzle-orm';
import { csvEncodingStreams } from '../../platform/csv.js';
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

/** Rows fetched from the export's cursor at a time: the memory an export holds, whatever its size. */
export const EXPORT_BATCH = 1000;
const CURSOR = 'alumni_export';

interface ExportRow {
  employee_number: string | null;
  family_name: string;
  given_name: string;
  family_name_kana: string | null;
  given_name_kana: string | null;
  email: string | null;
  phone: string | null;
  department: string | null;
  position: string | null;
  joined_on: string | null;
  left_on: string;
  leave_type: keyof typeof leaveTypeLabels;
  leave_reason_category: string | null;
  leave_reason_note: string | null;
  current_company: string | null;
  current_title: string | null;
  has_decision_authority: boolean;
  skills: string[];
  interests: string[];
  tags: string[];
  do_not_contact: boolean;
}

function rowsOf(result: unknown): ExportRow[] {
  return (result as { rows: ExportRow[] }).rows;
}

/**
 * The filtered list as CSV (UTF-8 with BOM, or CP932), formula cells neutralized. Internal notes
 * stay out: an export travels further than the screen. Every export is audited.
 *
 * Streamed: one cursor (`DECLARE … CURSOR`, so the file is one snapshot of the table, as a single
 * statement was) is read `EXPORT_BATCH` rows at a time, and only as fast as `sink` takes the
 * bytes (the pipeline's backpressure), so memory stays flat however many rows match. `open` is
 * called once the first batch is read — errors before it (a bad filter) are still ordinary error
 * answers — and returns where the bytes go; it is not ended here (`end: false`): the caller ends
 * it after the transaction commits, so a complete file means its audit entry is stored. The
 * audit entry (`alumni.export` with the count) is recorded after the last row is written.
 */
export async function streamAlumniExport(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  filter: AlumniFilter,
  options: { encoding: 'utf8' | 'cp932'; locale: Locale },
  open: () => Writable,
): Promise<{ count: number }> {
  const { locale } = options;
  const where = and(...(await alumniConditions(tx, tenantId, filter))) ?? sql`true`;
  await tx.execute(sql`declare ${sql.identifier(CURSOR)} no scroll cursor for
    select ${alumni.employeeNumber} as employee_number, ${alumni.familyName} as family_name,
      ${alumni.givenName} as given_name, ${alumni.familyNameKana} as family_name_kana,
      ${alumni.givenNameKana} as given_name_kana, ${alumni.email} as email, ${alumni.phone} as phone,
      ${alumni.department} as department, ${alumni.position} as position,
      ${alumni.joinedOn}::text as joined_on, ${alumni.leftOn}::text as left_on,
      ${alumni.leaveType}::text as leave_type, ${alumni.leaveReasonCategory} as leave_reason_category,
      ${alumni.leaveReasonNote} as leave_reason_note, ${alumni.currentCompany} as current_company,
      ${alumni.currentTitle} as current_title, ${alumni.hasDecisionAuthority} as has_decision_authority,
      ${alumni.skills} as skills, ${alumni.interests} as interests, ${alumni.tags} as tags,
      ${alumni.doNotContact} as do_not_contact
    from ${alumni} where ${where}
    order by ${alumni.leftOn} desc, ${alumni.id} desc`);
  const fetchBatch = async () =>
    rowsOf(
      await tx.execute(sql`fetch forward ${sql.raw(String(EXPORT_BATCH))} from ${sql.identifier(CURSOR)}`),
    );
  const yes = locale === 'ja' ? 'はい' : 'yes';
  const no = locale === 'ja' ? 'いいえ' : 'no';
  const cells = (r: ExportRow) => [
    r.employee_number,
    r.family_name,
    r.given_name,
    r.family_name_kana,
    r.given_name_kana,
    r.email,
    r.phone,
    r.department,
    r.position,
    r.joined_on,
    r.left_on,
    leaveTypeLabels[r.leave_type][locale],
    r.leave_reason_category
      ? leaveReasonLabels[r.leave_reason_category as LeaveReasonCategory]?.[locale]
      : null,
    r.leave_reason_note,
    r.current_company,
    r.current_title,
    r.has_decision_authority ? yes : no,
    r.skills.join('、'),
    r.interests.map((i) => interestLabels[i as AlumniInterest]?.[locale] ?? i).join('、'),
    r.tags.join('、'),
    r.do_not_contact ? yes : no,
  ];
  let count = 0;
  let batch = await fetchBatch();
  async function* lines() {
    yield HEADERS[locale];
    while (batch.length > 0) {
      for (const r of batch) yield cells(r);
      count += batch.length;
      if (batch.length < EXPORT_BATCH) break;
      batch = await fetchBatch();
    }
  }
  await pipeline([Readable.from(lines()), ...csvEncodingStreams(options.encoding), open()], { end: false });
  await tx.execute(sql`close ${sql.identifier(CURSOR)}`);
  await recordAudit(tx, actor, {
    action: 'alumni.export',
    subjectType: 'alumni',
    detail: { count, encoding: options.encoding, filter },
  });
  return { count };
}

/** The whole file in memory (the CLI's `export alumni`, which writes it out at once). */
export async function exportAlumni(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  filter: AlumniFilter,
  options: { encoding: 'utf8' | 'cp932'; locale: Locale },
) {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const { count } = await streamAlumniExport(tx, tenantId, actor, filter, options, () => sink);
  return { csv: Buffer.concat(chunks), count };
}
