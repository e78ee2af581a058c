import {
  type AlumnusInput,
  alumniInterests,
  alumnusInputSchema,
  coveredImportFields,
  effectiveImportDefaults,
  fieldMessages,
  type ImportDefaultField,
  type ImportDefaults,
  type ImportField,
  type ImportValueField,
  type ImportValueMaps,
  importFieldLabels,
  importKey,
  importMessages,
  importValueCodes,
  importValueLabels,
  inSentence,
  interestLabels,
  type Locale,
  leaveReasonCategories,
  leaveReasonLabels,
  leaveTypeLabels,
  leaveTypes,
  matchListValue,
} from '@kizuna/contract';
import { type CsvEncoding, decodeCsv, parseCsv, parseDate } from '../../platform/csv.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, fieldMessage } from '../../platform/errors.js';
import {
  type AlumnusColumns,
  changedFields,
  columnsOf,
  findAlumniByNumberOrEmail,
  findErasedEmails,
  insertAlumniBatch,
  present,
  updateAlumniBatch,
} from '../alumni/index.js';
import { type AuditActor, recordAudit, recordAuditForSubjects } from '../audit/index.js';

/** Columns an import can fill. `fullName`/`fullNameKana` split at the first space into family/given. */
export type { ImportField };
export type ColumnMapping = Record<string, ImportField | null>;

/** Header names Japanese HR systems use (compared after NFKC, case fold, spaces and brackets removed). */
const PRESET: Record<string, ImportField> = {};
const preset = (field: ImportField, ...headers: string[]) => {
  for (const h of headers) PRESET[importKey(h)] = field;
};
preset(
  'employeeNumber',
  '社員番号',
  '従業員番号',
  '社員No',
  '社員コード',
  '従業員コード',
  'employee number',
  'employee_number',
  'employee id',
);
preset('familyName', '姓', '氏', 'family name', 'last name', 'surname');
preset('givenName', '名', 'given name', 'first name');
preset('fullName', '氏名', '名前', '社員名', 'name', 'full name');
preset('familyNameKana', 'セイ', '姓カナ', '姓(カナ)', '姓フリガナ', 'せい', 'family name kana');
preset('givenNameKana', 'メイ', '名カナ', '名(カナ)', '名フリガナ', 'めい', 'given name kana');
preset('fullNameKana', 'フリガナ', 'ふりがな', '氏名カナ', '氏名(カナ)', 'カナ氏名', 'name kana');
preset(
  'email',
  'メールアドレス',
  'メール',
  '個人メールアドレス',
  '私用メールアドレス',
  '連絡先メールアドレス',
  'email',
  'e-mail',
  'mail',
);
preset('phone', '電話番号', '携帯電話', '携帯電話番号', '電話', '連絡先電話番号', 'phone', 'tel');
preset('department', '部署', '部署名', '所属', '所属部署', '部門', 'department');
preset('position', '役職', '職位', '役職名', 'position', 'title');
preset('joinedOn', '入社日', '入社年月日', 'join date', 'joined on', 'hire date');
preset('leftOn', '退職日', '退職年月日', 'leave date', 'left on', 'termination date');
preset('leaveType', '退職区分', '退職事由区分', '退職種別', 'leave type');
preset('leaveReason', '退職理由', 'leave reason');
preset('leaveReasonCategory', '退職理由区分', '退職理由カテゴリ', 'leave reason category');
preset('leaveReasonNote', '退職理由詳細', '退職理由(詳細)', '退職理由メモ', 'leave reason note');
preset('currentCompany', '現在の勤務先', '転職先', '勤務先', '現勤務先', 'current company');
preset('currentTitle', '現在の役職', '転職先役職', 'current title');
preset('hasDecisionAuthority', '決裁権', '決裁権限', 'decision authority');
preset('skills', 'スキル', '保有スキル', 'skills');
preset('interests', '関心', '興味', '関心事項', 'interests');
preset('tags', 'タグ', 'tags');
preset('internalNotes', '備考', 'メモ', '社内メモ', 'notes');
preset('doNotContact', '連絡不可', '連絡禁止', 'do not contact');

/** The preset mapping for a header row; unknown headers map to nothing. */
export function suggestMapping(headers: string[]): ColumnMapping {
  return Object.fromEntries(headers.map((h) => [h, PRESET[importKey(h)] ?? null]));
}

export interface ImportProblem {
  row: number;
  column: string | null;
  message: string;
}
export type ImportAction = 'create' | 'update' | 'unchanged';
export interface ImportPlan {
  encoding: 'utf8' | 'cp932';
  headers: string[];
  mapping: ColumnMapping;
  /** The defaults used: those of fields no column is mapped to. */
  defaults: ImportDefaults;
  values: ImportValueMaps;
  rows: number;
  summary: { create: number; update: number; unchanged: number; rejected: number };
  /** Rows left alone on purpose (counted as unchanged): the person was anonymized on request. */
  skipped: { row: number; message: string }[];
  problems: ImportProblem[];
  /** Per valid row: what applying would do. */
  actions: { row: number; action: ImportAction; id: string | null; input: AlumnusInput; changed: string[] }[];
  /** With `collectValues`: per header with few different values, each value and its row count. */
  distinctValues: Record<string, { value: string; rows: number }[]>;
}

const TRUE = new Set(['○', '〇', '◯', 'はい', 'あり', '有', 'yes', 'y', 'true', '1', '✓']);
const FALSE = new Set(['×', '✕', 'いいえ', 'なし', '無', 'no', 'n', 'false', '0', '-', '']);

/** A column with more different values than this is no list: its values are not reported. */
const MAX_DISTINCT = 50;

const list = (v: string) =>
  v
    .split(/[、,;；\n|]/)
    .map((s) => s.trim())
    .filter(Boolean);

function splitName(v: string): [string, string] {
  const parts = v.normalize('NFKC').trim().split(/\s+/);
  return [parts[0] ?? '', parts.slice(1).join(' ')];
}

function message(key: string, locale: Locale, params: Record<string, string | number> = {}) {
  return fieldMessage({ key, params }, locale);
}

/**
 * An Excel workbook instead of a CSV: .xlsx (and .xlsm, .ods) are ZIP archives, .xls an OLE2
 * compound file. Told apart by their first bytes, whatever the file is called.
 */
export function isSpreadsheetFile(bytes: Buffer): boolean {
  const zip = bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304;
  const ole2 = bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'));
  return zip || ole2;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length);

/**
 * Reads, maps and validates every row, and decides per row: create, update or unchanged.
 * `defaults` give a value for every row to fields no column is mapped to (an existing record keeps
 * a value it has); `values` read the file's own words for a fixed list as our codes.
 */
export async function planImport(
  tx: Tx,
  tenantId: string,
  bytes: Buffer,
  options: {
    encoding?: CsvEncoding;
    mapping?: ColumnMapping;
    defaults?: ImportDefaults;
    values?: ImportValueMaps;
    locale: Locale;
    /** The server secret: erased addresses are recognised by their keyed hash (findErasedEmails). */
    secret: string;
    lockRows?: boolean;
    /** Report each low-variety column's values (the preview's `distinctValues`). */
    collectValues?: boolean;
  },
): Promise<ImportPlan> {
  const { locale } = options;
  const say = (key: keyof typeof importMessages, params: Record<string, string | number> = {}) =>
    message(importMessages[key][locale], locale, params);
  const nameOf = (field: ImportField) => inSentence(importFieldLabels[field], locale);
  if (isSpreadsheetFile(bytes))
    throw new AppError('validation_failed', [{ path: 'body', key: say('excel_file') }]);
  const { text, encoding } = decodeCsv(bytes, options.encoding ?? 'auto');
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (e) {
    // csv-parse's error codes in the user's words, with the line the problem starts on
    const { code, lines } = e as { code?: string; lines?: number };
    const key =
      code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'csv_quote_not_closed'
        : code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
          ? 'csv_invalid_quote'
          : 'csv_unreadable';
    throw new AppError('validation_failed', [{ path: 'body', key, params: { line: lines ?? 1 } }]);
  }
  const headers = (table[0] ?? []).map((h) => h.trim());
  const mapping: ColumnMapping = { ...suggestMapping(headers), ...(options.mapping ?? {}) };
  const values: ImportValueMaps = options.values ?? {};
  const mapped = new Set(headers.map((h) => mapping[h]).filter((f): f is ImportField => Boolean(f)));
  const defaults = effectiveImportDefaults(coveredImportFields(mapped), options.defaults);
  const plan: ImportPlan = {
    encoding,
    headers,
    mapping,
    defaults,
    values,
    rows: Math.max(0, table.length - 1),
    summary: { create: 0, update: 0, unchanged: 0, rejected: 0 },
    problems: [],
    actions: [],
    skipped: [],
    distinctValues: options.collectValues ? distinctValues(headers, table) : {},
  };
  const fileProblem = (m: string) => plan.problems.push({ row: 1, column: null, message: m });
  const given = (f: ImportDefaultField) => mapped.has(f) || f in defaults;
  if (mapped.size === 0) fileProblem(say('no_columns'));
  if (!mapped.has('familyName') && !mapped.has('fullName'))
    fileProblem(say('missing_column', { field: `${nameOf('familyName')} / ${nameOf('fullName')}` }));
  for (const f of ['leftOn', 'leaveType'] as const)
    if (!given(f)) fileProblem(say('missing_field', { field: nameOf(f) }));
  if (table.length < 2) fileProblem(say('empty_file'));

  /** The file's own words for a fixed list (value map), compared as headers are. */
  const valueMaps = new Map<ImportValueField, Map<string, string>>();
  for (const [field, map] of Object.entries(values) as [ImportValueField, Record<string, string>][])
    valueMaps.set(field, new Map(Object.entries(map ?? {}).map(([k, code]) => [importKey(k), code])));
  const codeOf = (field: ImportValueField, value: string): string | null =>
    valueMaps.get(field)?.get(importKey(value)) ??
    matchListValue<string>(value, importValueCodes[field], importValueLabels[field]);
  const quoted = (value: string) =>
    value ? (locale === 'ja' ? `「${value}」` : `“${value}”`) : locale === 'ja' ? '空欄' : 'blank';
  const allowedLeaveTypes = leaveTypes
    .map((t) => leaveTypeLabels[t][locale])
    .join(locale === 'ja' ? '・' : ', ');

  /** One cell's value into the record's fields; what is wrong with it goes to `complain`. */
  const read = (
    field: ImportField,
    value: string,
    raw: Record<string, unknown>,
    complain: (m: string) => void,
  ) => {
    switch (field) {
      case 'fullName':
      case 'fullNameKana': {
        if (!value) return;
        const [family, given] = splitName(value);
        raw[field === 'fullName' ? 'familyName' : 'familyNameKana'] = family;
        raw[field === 'fullName' ? 'givenName' : 'givenNameKana'] = given;
        return;
      }
      case 'joinedOn':
      case 'leftOn': {
        if (!value) return;
        const date = parseDate(value);
        if (date) raw[field] = date;
        else complain(message('invalid_date', locale));
        return;
      }
      case 'leaveType': {
        const code = codeOf('leaveType', value);
        if (code) raw.leaveType = code;
        else complain(say('unknown_leave_type', { value: quoted(value), allowed: allowedLeaveTypes }));
        return;
      }
      case 'leaveReason':
      case 'leaveReasonCategory': {
        const code = valueMaps.get('leaveReasonCategory')?.has(importKey(value))
          ? codeOf('leaveReasonCategory', value)
          : value
            ? matchListValue(value, leaveReasonCategories, leaveReasonLabels)
            : null;
        if (code) raw.leaveReasonCategory = code;
        else if (!value) return;
        else if (field === 'leaveReason') {
          raw.leaveReasonCategory ??= 'other';
          raw.leaveReasonNote = value;
        } else complain(say('unknown_reason', { value: quoted(value) }));
        return;
      }
      case 'hasDecisionAuthority':
      case 'doNotContact': {
        if (!value) return; // a blank cell keeps what is stored (never silently clears 連絡不可)
        const key = value.normalize('NFKC').toLowerCase();
        if (TRUE.has(key) || TRUE.has(value)) raw[field] = true;
        else if (FALSE.has(key) || FALSE.has(value)) raw[field] = false;
        else complain(say('unknown_boolean'));
        return;
      }
      case 'skills':
      case 'tags':
        if (value) raw[field] = list(value);
        return;
      case 'interests': {
        if (!value) return;
        const codes = list(value).map((v) => matchListValue(v, alumniInterests, interestLabels));
        if (codes.some((c) => c === null)) complain(say('unknown_interest'));
        else raw.interests = codes;
        return;
      }
      case 'employeeNumber':
        if (value) raw.employeeNumber = value.normalize('NFKC');
        return;
      case 'email':
        if (value) raw.email = value;
        return;
      default:
        if (value) raw[field] = value;
    }
  };

  // the defaults, read once as a cell would be
  const fromDefaults: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(defaults) as [ImportDefaultField, string][])
    read(field, value, fromDefaults, (m) =>
      fileProblem(say('bad_default', { field: nameOf(field), message: m })),
    );

  if (plan.problems.length) {
    plan.summary.rejected = plan.rows;
    return plan;
  }

  // existing records of the company, by employee number and e-mail
  const numbers: string[] = [];
  const emails: string[] = [];
  const columnOf = (field: ImportField) => headers.findIndex((h) => mapping[h] === field);
  const numberCol = columnOf('employeeNumber');
  const emailCol = columnOf('email');
  for (const r of table.slice(1)) {
    if (numberCol >= 0 && r[numberCol]?.trim()) numbers.push(r[numberCol]!.normalize('NFKC').trim());
    if (emailCol >= 0 && r[emailCol]?.trim()) emails.push(r[emailCol]!.trim().toLowerCase());
  }
  const existing = await findAlumniByNumberOrEmail(
    tx,
    tenantId,
    { employeeNumbers: numbers, emails },
    options.lockRows ? 'update' : 'share',
  );
  // e-mails of people anonymized on request (only their hash is kept): never brought back
  const erased = await findErasedEmails(tx, tenantId, emails, options.secret);
  const byNumber = new Map(existing.filter((r) => r.employeeNumber).map((r) => [r.employeeNumber!, r]));
  const byEmail = new Map(existing.filter((r) => r.email).map((r) => [r.email!, r]));
  const seenNumber = new Map<string, number>();
  const seenEmail = new Map<string, number>();

  table.slice(1).forEach((cells, index) => {
    const rowNumber = index + 2;
    const rowProblems: ImportProblem[] = [];
    const problem = (header: string | null, m: string) =>
      rowProblems.push({ row: rowNumber, column: header, message: m });
    const raw: Record<string, unknown> = {};
    headers.forEach((header, col) => {
      const field = mapping[header];
      if (field) read(field, (cells[col] ?? '').trim(), raw, (m) => problem(header, m));
    });

    // updates keep what the file does not carry
    const match =
      (raw.employeeNumber ? byNumber.get(raw.employeeNumber as string) : undefined) ??
      (raw.email ? byEmail.get((raw.email as string).toLowerCase()) : undefined);
    if (match?.anonymizedAt || (raw.email && erased.has((raw.email as string).toLowerCase()))) {
      plan.skipped.push({ row: rowNumber, message: say('anonymized') });
      plan.summary.unchanged++;
      return;
    }
    const emailOwner = raw.email ? byEmail.get((raw.email as string).toLowerCase()) : undefined;
    if (match && emailOwner && emailOwner.id !== match.id)
      problem(headers[emailCol] ?? null, message('email_taken', locale));
    const base = match ? stripReadOnly(present(match)) : {};
    // a default fills what neither the file nor the stored record holds
    for (const [key, value] of Object.entries(fromDefaults))
      if (!(key in raw) && isEmpty((base as Record<string, unknown>)[key])) raw[key] = value;
    const merged = { ...base, ...raw } as Record<string, unknown>;
    if (
      typeof merged.joinedOn === 'string' &&
      typeof merged.leftOn === 'string' &&
      merged.joinedOn > merged.leftOn
    )
      problem(headers.find((h) => mapping[h] === 'leftOn') ?? null, message('date_order', locale));
    const parsed = alumnusInputSchema.safeParse(merged);
    const flagged = new Set(rowProblems.map((p) => p.column));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const header =
          headers.find(
            (h) =>
              mapping[h] === field ||
              (mapping[h] === 'fullName' && (field === 'familyName' || field === 'givenName')),
          ) ?? field;
        if (flagged.has(header) || issue.message === 'date_order') continue; // already said, in better words
        const key =
          issue.message in fieldMessages
            ? issue.message
            : issue.code === 'invalid_type'
              ? 'required'
              : 'invalid_value';
        problem(
          header,
          message(key, locale, { min: 1, max: 'maximum' in issue ? String(issue.maximum) : '' }),
        );
      }
    }
    const input = parsed.success ? parsed.data : null;
    const number = raw.employeeNumber as string | undefined;
    if (number) {
      const first = seenNumber.get(number);
      if (first)
        problem(
          headers[numberCol] ?? null,
          say('duplicate_in_file', { row: first, what: nameOf('employeeNumber') }),
        );
      else seenNumber.set(number, rowNumber);
    }
    const email = typeof raw.email === 'string' ? raw.email.toLowerCase() : undefined;
    if (email) {
      const first = seenEmail.get(email);
      if (first)
        problem(headers[emailCol] ?? null, say('duplicate_in_file', { row: first, what: nameOf('email') }));
      else seenEmail.set(email, rowNumber);
    }
    if (rowProblems.length || !input) {
      plan.problems.push(...rowProblems);
      plan.summary.rejected++;
      return;
    }
    if (!match) {
      plan.actions.push({ row: rowNumber, action: 'create', id: null, input, changed: [] });
      plan.summary.create++;
      return;
    }
    const changed = changedFields(match, columnsOf(input));
    const action: ImportAction = changed.length ? 'update' : 'unchanged';
    plan.actions.push({ row: rowNumber, action, id: match.id, input, changed });
    plan.summary[action]++;
  });
  return plan;
}

/** Per header, its cells' different values (trimmed) with their row counts, most frequent first. */
function distinctValues(headers: string[], table: string[][]) {
  const counts = headers.map(() => new Map<string, number>() as Map<string, number> | null);
  for (let r = 1; r < table.length; r++) {
    const cells = table[r]!;
    for (let c = 0; c < headers.length; c++) {
      const seen = counts[c];
      if (!seen) continue;
      const value = (cells[c] ?? '').trim();
      seen.set(value, (seen.get(value) ?? 0) + 1);
      if (seen.size > MAX_DISTINCT) counts[c] = null;
    }
  }
  const out: Record<string, { value: string; rows: number }[]> = {};
  headers.forEach((header, c) => {
    const seen = counts[c];
    if (seen?.size)
      out[header] = [...seen]
        .map(([value, rows]) => ({ value, rows }))
        .sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value));
  });
  return out;
}

function stripReadOnly(a: ReturnType<typeof present>) {
  const {
    id: _id,
    isRegistered: _r,
    version: _v,
    createdAt: _c,
    updatedAt: _u,
    anonymizedAt: _a,
    eligibility: _e,
    ...rest
  } = a;
  return rest;
}

/** Rows per statement when applying: one INSERT or UPDATE of arrays per this many records. */
export const IMPORT_BATCH = 5000;

/**
 * Lets the event loop serve other requests between batches (the page polling this import's
 * progress, among them). Embedded PGlite runs on this thread and its queries resolve without
 * waiting for I/O, so without this an import would answer nobody until it ends.
 */
const otherRequestsTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Applies a plan inside the caller's transaction: all rows or none. Rejected rows stop the
 * import unless `skipInvalid`. Re-running the same file finds every row unchanged. `onProgress` hears
 * the total first (none of it done), then the records written after each batch.
 */
export async function applyImport(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  plan: ImportPlan,
  options: { skipInvalid?: boolean; fileName?: string; onProgress?: (done: number, total: number) => void },
) {
  if (plan.summary.rejected > 0 && !options.skipInvalid) throw new AppError('validation_failed');
  const creates = plan.actions.filter((a) => a.action === 'create');
  const updates = plan.actions.filter((a) => a.action === 'update');
  const total = creates.length + updates.length;
  options.onProgress?.(0, total);
  const created: string[] = [];
  for (let i = 0; i < creates.length; i += IMPORT_BATCH) {
    const records: AlumnusColumns[] = creates.slice(i, i + IMPORT_BATCH).map((a) => columnsOf(a.input));
    const ids = await insertAlumniBatch(tx, tenantId, records);
    // one audit entry per record (the record's timeline reads "imported" from it), in one statement
    await recordAuditForSubjects(tx, actor, { action: 'alumnus.import_create', subjectType: 'alumnus' }, ids);
    created.push(...ids);
    options.onProgress?.(created.length, total);
    await otherRequestsTurn();
  }
  for (let i = 0; i < updates.length; i += IMPORT_BATCH) {
    const batch = updates.slice(i, i + IMPORT_BATCH);
    const ids = batch.map((u) => u.id!);
    await updateAlumniBatch(
      tx,
      tenantId,
      ids,
      batch.map((u) => columnsOf(u.input)),
    );
    await recordAuditForSubjects(
      tx,
      actor,
      { action: 'alumnus.import_update', subjectType: 'alumnus' },
      ids,
      batch.map((u) => ({ fields: u.changed })),
    );
    options.onProgress?.(created.length + i + batch.length, total);
    await otherRequestsTurn();
  }
  const summary = { ...plan.summary, create: created.length };
  await recordAudit(tx, actor, {
    action: 'alumni.import',
    subjectType: 'alumni',
    detail: { ...summary, encoding: plan.encoding, fileName: options.fileName ?? null },
  });
  return summary;
}
