import {
  type AlumnusInput,
  alumniInterests,
  alumnusInputSchema,
  fieldMessages,
  type importFieldNames,
  interestLabels,
  type Locale,
  leaveReasonCategories,
  leaveReasonLabels,
  leaveTypeLabels,
  leaveTypes,
} from '@kizuna/contract';
import { type CsvEncoding, decodeCsv, parseCsv, parseDate } from '../../platform/csv.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, fieldMessage } from '../../platform/errors.js';
import {
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
export type ImportField = (typeof importFieldNames)[number];
export type ColumnMapping = Record<string, ImportField | null>;

/** Header names Japanese HR systems use (compared after NFKC, case fold, spaces and brackets removed). */
const PRESET: Record<string, ImportField> = {};
const preset = (field: ImportField, ...headers: string[]) => {
  for (const h of headers) PRESET[headerKey(h)] = field;
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

function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_()（）【】[\]]/g, '');
}

/** The preset mapping for a header row; unknown headers map to nothing. */
export function suggestMapping(headers: string[]): ColumnMapping {
  return Object.fromEntries(headers.map((h) => [h, PRESET[headerKey(h)] ?? null]));
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
  rows: number;
  summary: { create: number; update: number; unchanged: number; rejected: number };
  /** Rows left alone on purpose (counted as unchanged): the person was anonymized on request. */
  skipped: { row: number; message: string }[];
  problems: ImportProblem[];
  /** Per valid row: what applying would do. */
  actions: { row: number; action: ImportAction; id: string | null; input: AlumnusInput; changed: string[] }[];
}

const TRUE = new Set(['○', '〇', '◯', 'はい', 'あり', '有', 'yes', 'y', 'true', '1', '✓']);
const FALSE = new Set(['×', '✕', 'いいえ', 'なし', '無', 'no', 'n', 'false', '0', '-', '']);

/** Each fixed list's accepted spellings (code, ja and en labels, ja label + 退職), normalized once. */
const spellings = new WeakMap<object, Map<string, string>>();

function lookup<T extends string>(
  value: string,
  codes: readonly T[],
  labels: Record<T, { ja: string; en: string }>,
): T | null {
  let known = spellings.get(labels);
  if (!known) {
    known = new Map();
    // in list order, the first code claiming a spelling keeps it (as the loop this replaces did)
    for (const code of codes) {
      const l = labels[code];
      for (const spelling of [code, l.ja, l.en, `${l.ja}退職`]) {
        const key = headerKey(spelling);
        if (!known.has(key)) known.set(key, code);
      }
    }
    spellings.set(labels, known);
  }
  return (known.get(headerKey(value)) as T | undefined) ?? null;
}

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

const rowMessages = {
  anonymized: {
    ja: '削除のご依頼により匿名化された方のため、取り込みません',
    en: 'Skipped: this person’s record was anonymized at their request',
  },
  unknown_leave_type: {
    ja: '退職区分が不明です（自己都合・会社都合・契約満了・定年退職・その他）',
    en: 'Unknown leave type (voluntary, company, contract end, mandatory retirement, other)',
  },
  unknown_reason: { ja: '退職理由区分が不明です', en: 'Unknown leave reason category' },
  unknown_interest: { ja: '関心事項が不明です', en: 'Unknown interest' },
  unknown_boolean: { ja: '「はい」「いいえ」で入力してください', en: 'Use yes or no' },
  duplicate_in_file: {
    ja: 'ファイル内で重複しています（{{row}}行目と同じ{{what}}）',
    en: 'Duplicate in this file (same {{what}} as row {{row}})',
  },
  employee_number: { ja: '社員番号', en: 'employee number' },
  email: { ja: 'メールアドレス', en: 'e-mail' },
  no_columns: {
    ja: '取り込む列がありません。列の対応付けを確認してください',
    en: 'No column is mapped. Check the column mapping.',
  },
  missing_column: {
    ja: '必須の列「{{field}}」が対応付けられていません',
    en: 'The required column "{{field}}" is not mapped',
  },
  empty_file: { ja: 'データ行がありません', en: 'The file has no data rows' },
} as const;

/** Reads, maps and validates every row, and decides per row: create, update or unchanged. */
export async function planImport(
  tx: Tx,
  tenantId: string,
  bytes: Buffer,
  options: { encoding?: CsvEncoding; mapping?: ColumnMapping; locale: Locale; lockRows?: boolean },
): Promise<ImportPlan> {
  const { locale } = options;
  const say = (key: keyof typeof rowMessages, params: Record<string, string | number> = {}) =>
    message(rowMessages[key][locale], locale, params);
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
  const plan: ImportPlan = {
    encoding,
    headers,
    mapping,
    rows: Math.max(0, table.length - 1),
    summary: { create: 0, update: 0, unchanged: 0, rejected: 0 },
    problems: [],
    actions: [],
    skipped: [],
  };
  const mapped = new Set(Object.values(mapping).filter(Boolean));
  const fileProblem = (m: string) => plan.problems.push({ row: 1, column: null, message: m });
  if (mapped.size === 0) fileProblem(say('no_columns'));
  if (!mapped.has('familyName') && !mapped.has('fullName'))
    fileProblem(say('missing_column', { field: locale === 'ja' ? '姓 / 氏名' : 'family name / name' }));
  if (!mapped.has('leftOn'))
    fileProblem(say('missing_column', { field: locale === 'ja' ? '退職日' : 'leave date' }));
  if (!mapped.has('leaveType'))
    fileProblem(say('missing_column', { field: locale === 'ja' ? '退職区分' : 'leave type' }));
  if (table.length < 2) fileProblem(say('empty_file'));
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
  const erased = await findErasedEmails(tx, tenantId, emails);
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
      if (!field) return;
      const value = (cells[col] ?? '').trim();
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
          else problem(header, message('invalid_date', locale));
          return;
        }
        case 'leaveType': {
          const code = lookup(value, leaveTypes, leaveTypeLabels);
          if (code) raw.leaveType = code;
          else problem(header, say('unknown_leave_type'));
          return;
        }
        case 'leaveReason':
        case 'leaveReasonCategory': {
          if (!value) return;
          const code = lookup(value, leaveReasonCategories, leaveReasonLabels);
          if (code) raw.leaveReasonCategory = code;
          else if (field === 'leaveReason') {
            raw.leaveReasonCategory ??= 'other';
            raw.leaveReasonNote = value;
          } else problem(header, say('unknown_reason'));
          return;
        }
        case 'hasDecisionAuthority':
        case 'doNotContact': {
          if (!value) return; // a blank cell keeps what is stored (never silently clears 連絡不可)
          const key = value.normalize('NFKC').toLowerCase();
          if (TRUE.has(key) || TRUE.has(value)) raw[field] = true;
          else if (FALSE.has(key) || FALSE.has(value)) raw[field] = false;
          else problem(header, say('unknown_boolean'));
          return;
        }
        case 'skills':
        case 'tags':
          if (value) raw[field] = list(value);
          return;
        case 'interests': {
          if (!value) return;
          const codes = list(value).map((v) => lookup(v, alumniInterests, interestLabels));
          if (codes.some((c) => c === null)) problem(header, say('unknown_interest'));
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
    const base = match ? present(match) : {};
    const merged = { ...stripReadOnly(base), ...raw } as Record<string, unknown>;
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
          say('duplicate_in_file', { row: first, what: rowMessages.employee_number[locale] }),
        );
      else seenNumber.set(number, rowNumber);
    }
    const email = typeof raw.email === 'string' ? raw.email.toLowerCase() : undefined;
    if (email) {
      const first = seenEmail.get(email);
      if (first)
        problem(
          headers[emailCol] ?? null,
          say('duplicate_in_file', { row: first, what: rowMessages.email[locale] }),
        );
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

function stripReadOnly(a: Partial<ReturnType<typeof present>>) {
  const {
    id: _id,
    isRegistered: _r,
    version: _v,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = a as ReturnType<typeof present>;
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
    const ids = await insertAlumniBatch(
      tx,
      tenantId,
      creates.slice(i, i + IMPORT_BATCH).map((a) => columnsOf(a.input)),
    );
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
