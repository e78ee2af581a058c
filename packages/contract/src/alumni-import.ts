import { z } from 'zod';
import { leaveReasonCategories, leaveReasonLabels, leaveTypeLabels, leaveTypes } from './alumni.js';
import { idSchema, isoDateTime } from './common.js';
import type { Locale } from './errors.js';

/** CSV import of leaver records (server module and web feature `alumni-import`). */
export const importFieldNames = [
  'employeeNumber',
  'familyName',
  'givenName',
  'fullName',
  'familyNameKana',
  'givenNameKana',
  'fullNameKana',
  'email',
  'phone',
  'department',
  'position',
  'joinedOn',
  'leftOn',
  'leaveType',
  'leaveReason',
  'leaveReasonCategory',
  'leaveReasonNote',
  'currentCompany',
  'currentTitle',
  'hasDecisionAuthority',
  'skills',
  'interests',
  'tags',
  'internalNotes',
  'doNotContact',
] as const;
export type ImportField = (typeof importFieldNames)[number];

type Words = { ja: string; en: string };

/**
 * Each field's name, as the mapping lists it and as the import's messages name it. The web adds
 * `importFieldHints` in the list; a message puts the name mid-sentence (`inSentence`).
 */
export const importFieldLabels: Record<ImportField, Words> = {
  employeeNumber: { ja: '社員番号', en: 'Employee number' },
  familyName: { ja: '姓', en: 'Family name' },
  givenName: { ja: '名', en: 'Given name' },
  fullName: { ja: '氏名', en: 'Full name' },
  familyNameKana: { ja: 'セイ（フリガナ）', en: 'Family name (kana)' },
  givenNameKana: { ja: 'メイ（フリガナ）', en: 'Given name (kana)' },
  fullNameKana: { ja: 'フリガナ', en: 'Kana name' },
  email: { ja: 'メールアドレス', en: 'E-mail' },
  phone: { ja: '電話番号', en: 'Phone' },
  department: { ja: '部署', en: 'Department' },
  position: { ja: '役職', en: 'Position' },
  joinedOn: { ja: '入社日', en: 'Joined on' },
  leftOn: { ja: '退職日', en: 'Left on' },
  leaveType: { ja: '退職区分', en: 'Leave type' },
  leaveReason: { ja: '退職理由', en: 'Leave reason' },
  leaveReasonCategory: { ja: '退職理由の区分', en: 'Leave reason category' },
  leaveReasonNote: { ja: '退職理由の詳細', en: 'Leave reason details' },
  currentCompany: { ja: '現在の勤務先', en: 'Current company' },
  currentTitle: { ja: '現在の役職', en: 'Current title' },
  hasDecisionAuthority: { ja: '決裁権', en: 'Decision authority' },
  skills: { ja: 'スキル', en: 'Skills' },
  interests: { ja: '関心', en: 'Interests' },
  tags: { ja: 'タグ', en: 'Tags' },
  internalNotes: { ja: '社内メモ', en: 'Internal notes' },
  doNotContact: { ja: '連絡不可', en: 'Do not contact' },
};

const LIST_HINT: Words = { ja: '「、」区切り', en: 'comma-separated' };
const YES_NO_HINT: Words = { ja: 'はい/いいえ', en: 'yes/no' };
/** How a cell of the field is written, where it is not plain: shown beside the name in the mapping. */
export const importFieldHints: Partial<Record<ImportField, Words>> = {
  fullName: { ja: '姓と名を空白で区切る', en: 'space-separated' },
  fullNameKana: { ja: 'セイとメイを空白で区切る', en: 'space-separated' },
  leaveReason: { ja: '区分または自由記述', en: 'category or free text' },
  hasDecisionAuthority: YES_NO_HINT,
  skills: LIST_HINT,
  interests: LIST_HINT,
  tags: LIST_HINT,
  doNotContact: YES_NO_HINT,
};

/** A field's name inside a sentence: English lower-cases its first letter ("the leave type"). */
export function inSentence(words: Words, locale: Locale): string {
  const name = words[locale];
  return locale === 'en' ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** A column mapped to one field also stands for these (a value for all rows is then not used). */
export const importAlsoCovers: Partial<Record<ImportField, ImportField[]>> = {
  fullName: ['familyName', 'givenName'],
  fullNameKana: ['familyNameKana', 'givenNameKana'],
  leaveReason: ['leaveReasonCategory', 'leaveReasonNote'],
};

/** Every field the mapped columns fill, counting what a column stands for (`importAlsoCovers`). */
export function coveredImportFields(mapped: Iterable<ImportField | null | undefined>): Set<ImportField> {
  const fields = [...mapped].filter((f): f is ImportField => Boolean(f));
  return new Set(fields.flatMap((f) => [f, ...(importAlsoCovers[f] ?? [])]));
}
export const columnMappingSchema = z.record(z.string().max(200), z.enum(importFieldNames).nullable());

/**
 * Fields a mapping can fill with one value for every row when no column of the file holds them
 * ("all rows: 自己都合"). Not the person's own data (names, contacts, numbers) nor the yes/no flags.
 */
export const importDefaultFields = [
  'department',
  'position',
  'joinedOn',
  'leftOn',
  'leaveType',
  'leaveReasonCategory',
  'leaveReasonNote',
  'currentCompany',
  'currentTitle',
  'skills',
  'interests',
  'tags',
] as const satisfies readonly ImportField[];
export type ImportDefaultField = (typeof importDefaultFields)[number];
export const importDefaultsSchema = z
  .partialRecord(z.enum(importDefaultFields), z.string().trim().max(2000, { error: 'too_long' }))
  .meta({
    description:
      'Field → one value for every row, used when no column is mapped to the field; written as a cell would be (a leave type as its code or label, a date as 2024-03-31). Existing records keep a value they already have.',
  });
export type ImportDefaults = z.infer<typeof importDefaultsSchema>;

/** The defaults that count: non-empty, for fields no column fills (`coveredImportFields`). */
export function effectiveImportDefaults(
  covered: Set<ImportField>,
  defaults: ImportDefaults = {},
): ImportDefaults {
  return Object.fromEntries(
    importDefaultFields.flatMap((f) => {
      const v = defaults[f]?.trim();
      return v && !covered.has(f) ? [[f, v]] : [];
    }),
  );
}

/** Fields holding a code of a fixed list: the file's own words for them can be read as ours. */
export const importValueFields = ['leaveType', 'leaveReasonCategory'] as const;
export type ImportValueField = (typeof importValueFields)[number];
export const importValueCodes = {
  leaveType: leaveTypes,
  leaveReasonCategory: leaveReasonCategories,
} as const satisfies Record<ImportValueField, readonly string[]>;
export const importValueLabels = {
  leaveType: leaveTypeLabels,
  leaveReasonCategory: leaveReasonLabels,
} satisfies Record<ImportValueField, Record<string, { ja: string; en: string }>>;
export const importValueMapsSchema = z
  .object({
    leaveType: z.record(z.string().max(200), z.enum(leaveTypes)).optional(),
    leaveReasonCategory: z.record(z.string().max(200), z.enum(leaveReasonCategories)).optional(),
  })
  .meta({
    description:
      'Per field, the file’s own values → our codes (依願退職 → voluntary). Values are compared as headers are (width, case, spaces); an empty key stands for a blank cell.',
  });
export type ImportValueMaps = z.infer<typeof importValueMapsSchema>;

/**
 * How the import compares headers and values: NFKC (full/half width), lower case, without spaces,
 * `_` and brackets, so 姓（カナ） equals 姓カナ and ｼﾞｺﾂｺﾞｳ… is read as written in full width.
 */
export function importKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_()（）【】[\]]/g, '');
}

/** Spellings the import accepts beyond each code, its labels and its ja label + 退職. */
const extraSpellings: Partial<Record<string, string[]>> = { retirement: ['定年'] };
const spellings = new WeakMap<object, Map<string, string>>();

/**
 * The code a value of a fixed list stands for: the code itself, its ja or en label, the ja label
 * followed by 退職 (自己都合退職), compared by `importKey`; null when none matches.
 */
export function matchListValue<T extends string>(
  value: string,
  codes: readonly T[],
  labels: Record<T, { ja: string; en: string }>,
): T | null {
  let known = spellings.get(labels);
  if (!known) {
    known = new Map();
    // in list order, the first code claiming a spelling keeps it
    for (const code of codes) {
      const l = labels[code];
      for (const spelling of [code, l.ja, l.en, `${l.ja}退職`, ...(extraSpellings[code] ?? [])]) {
        const key = importKey(spelling);
        if (!known.has(key)) known.set(key, code);
      }
    }
    spellings.set(labels, known);
  }
  return (known.get(importKey(value)) as T | undefined) ?? null;
}

/** A JSON object in a query parameter, checked against its schema (400 invalid_value otherwise). */
const jsonParam = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .max(20_000)
    .optional()
    .transform((v, ctx): z.output<T> | undefined => {
      if (!v) return undefined;
      try {
        return schema.parse(JSON.parse(v));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'invalid_value' });
        return z.NEVER;
      }
    });

export const importQuerySchema = z.object({
  encoding: z.enum(['auto', 'utf8', 'cp932']).default('auto'),
  /** JSON object: CSV header → field (null to ignore a column). Missing headers use the presets. */
  mapping: jsonParam(columnMappingSchema).meta({
    description: 'JSON: CSV header → field (null to ignore a column); headers left out use the presets',
  }),
  defaults: jsonParam(importDefaultsSchema).meta({
    description: 'JSON: field → one value for every row, for a field no column holds (see ImportDefaults)',
  }),
  values: jsonParam(importValueMapsSchema).meta({
    description: 'JSON: per field, the file’s values → our codes (see ImportValueMaps)',
  }),
  skipInvalid: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  fileName: z.string().max(255).optional(),
  progressId: idSchema.optional().meta({
    description:
      'Apply only: an id the client chose, to follow the apply at GET /api/alumni/import/progress/{progressId}',
  }),
});

/** Where an apply stands: checking the file, writing records (done of total), then saving. */
export const importPhases = ['checking', 'writing', 'saving', 'done', 'failed'] as const;
export const importProgressSchema = z
  .object({
    phase: z.enum(importPhases),
    done: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'AlumniImportProgress' });
export type ImportProgress = z.infer<typeof importProgressSchema>;

const importSummarySchema = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});

export const importPreviewSchema = z
  .object({
    encoding: z.enum(['utf8', 'cp932']),
    headers: z.array(z.string()),
    mapping: columnMappingSchema,
    defaults: importDefaultsSchema.meta({
      description: 'The defaults used: those of fields that no column is mapped to',
    }),
    values: importValueMapsSchema,
    rows: z.number().int(),
    summary: importSummarySchema,
    problems: z.array(
      z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() }),
    ),
    skipped: z.array(z.object({ row: z.number().int(), message: z.string() })).meta({
      description:
        'Rows left alone on purpose, with the reason (counted as unchanged): the person was anonymized at their request',
    }),
    distinctValues: z
      .record(z.string(), z.array(z.object({ value: z.string(), rows: z.number().int() })))
      .meta({
        description:
          'Per header, the different values of its cells (trimmed; "" for blank) with how many rows hold each, most frequent first; only for columns with at most 50 different values (candidates for a value map)',
      }),
    samples: z.array(
      z.object({
        row: z.number().int(),
        action: z.enum(['create', 'update', 'unchanged']),
        name: z.string(),
        employeeNumber: z.string().nullable(),
        leftOn: z.string(),
        leaveType: z.enum(leaveTypes),
        changed: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'AlumniImportPreview' });
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importResultSchema = z
  .object({ summary: importSummarySchema })
  .meta({ id: 'AlumniImportResult' });

export const savedMappingSchema = z.object({
  id: idSchema,
  name: z.string(),
  columns: columnMappingSchema,
  defaults: importDefaultsSchema,
  values: importValueMapsSchema,
  updatedAt: isoDateTime,
});
export const saveMappingSchema = z.object({
  name: z.string().trim().min(1, { error: 'required' }).max(100, { error: 'too_long' }),
  columns: columnMappingSchema,
  defaults: importDefaultsSchema.default({}),
  values: importValueMapsSchema.default({}),
});

/** The template CSV (GET /api/alumni/import/template): our headers in Japanese and one example row. */
export const importTemplateQuerySchema = z.object({
  encoding: z
    .enum(['utf8', 'cp932'])
    .default('utf8')
    .meta({ description: 'utf8: UTF-8 with BOM; cp932: Shift_JIS as Excel in Japan saves it' }),
});

/**
 * What the import says about a file or a row, in both languages (`{{name}}` filled in by the
 * server). Field names in them come from `importFieldLabels`.
 */
export const importMessages = {
  anonymized: {
    ja: '削除のご依頼により匿名化された方のため、取り込みません',
    en: 'Skipped: this person’s record was anonymized at their request',
  },
  unknown_leave_type: {
    ja: '退職区分が不明です：{{value}}（{{allowed}}のいずれか。ファイル独自の値は、列の対応付けで読み替えを指定できます）',
    en: 'Unknown leave type: {{value}} (use one of {{allowed}}; the column mapping can read the file’s own values as ours)',
  },
  unknown_reason: {
    ja: '退職理由区分が不明です：{{value}}（列の対応付けで読み替えを指定できます）',
    en: 'Unknown leave reason category: {{value}} (the column mapping can read the file’s own values as ours)',
  },
  unknown_interest: { ja: '関心事項が不明です', en: 'Unknown interest' },
  unknown_boolean: { ja: '「はい」「いいえ」で入力してください', en: 'Use yes or no' },
  duplicate_in_file: {
    ja: 'ファイル内で重複しています（{{row}}行目と同じ{{what}}）',
    en: 'Duplicate in this file (same {{what}} as row {{row}})',
  },
  no_columns: {
    ja: '取り込む列がありません。列の対応付けを確認してください',
    en: 'No column is mapped. Check the column mapping.',
  },
  missing_column: {
    ja: '必須の列「{{field}}」が対応付けられていません',
    en: 'The required column "{{field}}" is not mapped',
  },
  missing_field: {
    ja: '必須の項目「{{field}}」の列がありません。列を対応付けるか、すべての行に使う値を指定してください',
    en: 'The required field "{{field}}" has no column. Map a column to it, or give one value for all rows.',
  },
  bad_default: {
    ja: 'すべての行に使う値（{{field}}）：{{message}}',
    en: 'Value for all rows ({{field}}): {{message}}',
  },
  empty_file: { ja: 'データ行がありません', en: 'The file has no data rows' },
  excel_file: {
    ja: 'Excel のブック（.xlsx / .xls）はそのままでは取り込めません。CSV で保存し直してください：Excel でファイルを開き、［ファイル］＞［名前を付けて保存］で、ファイルの種類に「CSV UTF-8 (コンマ区切り) (*.csv)」または「CSV (コンマ区切り) (*.csv)」を選んで保存します。保存されるのは表示中のシート 1 枚です。保存した .csv ファイルを選び直してください。',
    en: 'An Excel workbook (.xlsx, .xls) cannot be imported as it is. Save it as CSV first: open the file in Excel, choose File > Save As, pick “CSV UTF-8 (Comma delimited) (*.csv)” or “CSV (Comma delimited) (*.csv)” as the file type, and save (only the sheet on screen is saved). Then choose the saved .csv file.',
  },
} as const satisfies Record<string, Words>;
