import { z } from 'zod';
import {
  emailSchema,
  idSchema,
  isKana,
  isoDateTime,
  pageOf,
  pageQuerySchema,
  phoneSchema,
} from './common.js';

/** 退職区分. `retirement` (定年退職) is leaving at the retirement age. */
export const leaveTypes = ['voluntary', 'company', 'contract_end', 'retirement', 'other'] as const;
export type LeaveType = (typeof leaveTypes)[number];
export const leaveTypeLabels: Record<LeaveType, { ja: string; en: string }> = {
  voluntary: { ja: '自己都合', en: 'Voluntary' },
  company: { ja: '会社都合', en: 'Company decision' },
  contract_end: { ja: '契約満了', en: 'Contract end' },
  retirement: { ja: '定年退職', en: 'Mandatory retirement' },
  other: { ja: 'その他', en: 'Other' },
};

/** The leave-reason taxonomy (退職理由). Free text goes in `leaveReasonNote`. */
export const leaveReasonCategories = [
  'career_growth',
  'compensation',
  'work_style',
  'relationships',
  'management',
  'job_content',
  'family',
  'health',
  'relocation',
  'further_education',
  'independence',
  'other',
] as const;
export type LeaveReasonCategory = (typeof leaveReasonCategories)[number];
export const leaveReasonLabels: Record<LeaveReasonCategory, { ja: string; en: string }> = {
  career_growth: { ja: 'キャリアアップ', en: 'Career growth' },
  compensation: { ja: '給与・待遇', en: 'Pay and benefits' },
  work_style: { ja: '働き方・勤務時間', en: 'Work style and hours' },
  relationships: { ja: '人間関係', en: 'Relationships at work' },
  management: { ja: '経営方針・評価制度', en: 'Management and evaluation' },
  job_content: { ja: '仕事内容', en: 'Job content' },
  family: { ja: '家庭の事情（育児・介護・結婚）', en: 'Family (childcare, care, marriage)' },
  health: { ja: '健康上の理由', en: 'Health' },
  relocation: { ja: '転居', en: 'Relocation' },
  further_education: { ja: '進学・留学', en: 'Further education' },
  independence: { ja: '独立・起業', en: 'Independence / own business' },
  other: { ja: 'その他', en: 'Other' },
};

export const alumniInterests = ['rehire', 'side_job', 'referral', 'monitor', 'events', 'business'] as const;
export type AlumniInterest = (typeof alumniInterests)[number];
export const interestLabels: Record<AlumniInterest, { ja: string; en: string }> = {
  rehire: { ja: '再雇用', en: 'Rehiring' },
  side_job: { ja: '副業', en: 'Side job' },
  referral: { ja: 'リファラル', en: 'Referral' },
  monitor: { ja: 'モニター', en: 'Product monitor' },
  events: { ja: 'イベント', en: 'Events' },
  business: { ja: 'ビジネス協業', en: 'Business' },
};

const text = (max: number) => z.string().trim().max(max, { error: 'too_long' });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'too_long' })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
/**
 * Furigana as HR systems keep it: full-width katakana (ﾀﾅｶ and たなか become タナカ); romaji
 * and kanji are refused (`invalid_kana`).
 */
const kanaText = (max: number) =>
  optionalText(max)
    .transform((v) =>
      v
        ? v.normalize('NFKC').replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
        : v,
    )
    .refine((v) => !v || isKana(v), { error: 'invalid_kana' });
/** A phone number (see `phoneSchema`); empty is none. */
const optionalPhone = phoneSchema
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();
export const dateOnlySchema = z.iso.date({ error: 'invalid_date' });

export const returnConditionsSchema = z.object({
  workStyle: optionalText(200),
  location: optionalText(200),
  payExpectation: optionalText(200),
  earliestDate: dateOnlySchema.nullable().optional(),
});

/** What staff enter or import for one leaver (退職者). */
export const alumnusInputSchema = z
  .object({
    familyName: text(50).min(1, { error: 'required' }),
    givenName: text(50).min(1, { error: 'required' }),
    familyNameKana: kanaText(50),
    givenNameKana: kanaText(50),
    email: emailSchema.nullable().optional(),
    phone: optionalPhone,
    employeeNumber: optionalText(50),
    department: optionalText(100),
    position: optionalText(100),
    joinedOn: dateOnlySchema.nullable().optional(),
    leftOn: dateOnlySchema,
    leaveType: z.enum(leaveTypes),
    leaveReasonCategory: z.enum(leaveReasonCategories).nullable().optional(),
    leaveReasonNote: optionalText(2000),
    currentCompany: optionalText(200),
    currentTitle: optionalText(200),
    hasDecisionAuthority: z.boolean().default(false),
    skills: z.array(text(50).min(1)).max(50).default([]),
    interests: z.array(z.enum(alumniInterests)).max(6).default([]),
    returnConditions: returnConditionsSchema.default({}),
    tags: z.array(text(50).min(1)).max(30).default([]),
    internalNotes: optionalText(5000),
    doNotContact: z.boolean().default(false),
    doNotContactReason: optionalText(500),
  })
  .refine((v) => !v.joinedOn || v.joinedOn <= v.leftOn, { error: 'date_order', path: ['leftOn'] });
export type AlumnusInput = z.infer<typeof alumnusInputSchema>;

// ---- rehire eligibility (再雇用条件), evaluated per alumnus: part of the record's answer, so it lives
// here; the policy itself is in rehire-policy.ts (which reads leaveTypes from this file).
export const rehireRules = [
  'leave_type',
  'tenure',
  'months_since_leaving',
  'leave_reason',
  'do_not_contact',
  'join_date_missing',
  'retiree',
] as const;
export type RehireRule = (typeof rehireRules)[number];
export const rehireRuleLabels: Record<RehireRule, { ja: string; en: string }> = {
  leave_type: { ja: '退職区分が対象外', en: 'Leave type not eligible' },
  tenure: { ja: '在籍期間が不足', en: 'Tenure too short' },
  months_since_leaving: { ja: '退職からの期間が不足', en: 'Too soon since leaving' },
  leave_reason: { ja: '退職理由が対象外', en: 'Leave reason not eligible' },
  do_not_contact: { ja: '連絡不可', en: 'Do not contact' },
  join_date_missing: { ja: '判定不可（入社日が未登録）', en: 'Unknown (join date missing)' },
  retiree: {
    ja: '定年退職（アルムナイに含めない設定）',
    en: 'Retired at the retirement age (not counted as alumni)',
  },
};

export const eligibilitySchema = z
  .object({
    eligible: z.boolean().nullable().meta({
      description: 'Null when it cannot be told (the policy asks for a tenure and the join date is missing)',
    }),
    rule: z.enum(rehireRules).nullable().meta({
      description: 'The first rule that made the alumnus not eligible, or join_date_missing when unknown',
    }),
  })
  .nullable()
  .meta({ description: 'Null while the company has no rehire policy' });

export const alumnusSchema = z
  .object({
    id: idSchema,
    familyName: z.string(),
    givenName: z.string(),
    familyNameKana: z.string().nullable(),
    givenNameKana: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    employeeNumber: z.string().nullable(),
    department: z.string().nullable(),
    position: z.string().nullable(),
    joinedOn: z.string().nullable(),
    leftOn: z.string(),
    leaveType: z.enum(leaveTypes),
    leaveReasonCategory: z.enum(leaveReasonCategories).nullable(),
    leaveReasonNote: z.string().nullable(),
    currentCompany: z.string().nullable(),
    currentTitle: z.string().nullable(),
    hasDecisionAuthority: z.boolean(),
    skills: z.array(z.string()),
    interests: z.array(z.enum(alumniInterests)),
    returnConditions: z.object({
      workStyle: z.string().nullable().optional(),
      location: z.string().nullable().optional(),
      payExpectation: z.string().nullable().optional(),
      earliestDate: z.string().nullable().optional(),
    }),
    tags: z.array(z.string()),
    internalNotes: z.string().nullable(),
    doNotContact: z.boolean(),
    doNotContactReason: z.string().nullable(),
    isRegistered: z.boolean().meta({ description: 'Registered as a member (会員)' }),
    anonymizedAt: isoDateTime
      .nullable()
      .meta({ description: 'Anonymized on a deletion request: only what law requires is kept' }),
    eligibility: eligibilitySchema,
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Alumnus' });
export type Alumnus = z.infer<typeof alumnusSchema>;

export const alumnusUpdateSchema = z.object({ version: z.number().int(), alumnus: alumnusInputSchema });

const csvList = <T extends z.ZodType>(item: T) =>
  z
    .union([z.array(item), item])
    .transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[])
    .optional();
/** true/false in a query string or in JSON (segment filters are stored as JSON). */
const boolParam = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const alumniSorts = ['left_desc', 'left_asc', 'kana_asc', 'created_desc'] as const;

export const alumniFilterSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .meta({ description: 'Name (kanji or kana), e-mail or employee number' }),
  department: z.string().trim().max(100).optional(),
  leaveYear: z.coerce.number().int().min(1950).max(2100).optional(),
  leaveType: csvList(z.enum(leaveTypes)),
  interest: csvList(z.enum(alumniInterests)),
  tag: csvList(z.string().trim().min(1).max(50)),
  registered: boolParam.optional(),
  hasDecisionAuthority: boolParam.optional(),
  currentCompany: z.string().trim().max(200).optional(),
  eligible: boolParam.optional().meta({ description: 'Rehire eligibility under the company’s policy' }),
});
export type AlumniFilter = z.infer<typeof alumniFilterSchema>;

export const alumniListQuerySchema = alumniFilterSchema.extend({
  sort: z.enum(alumniSorts).default('left_desc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const alumnusSummarySchema = alumnusSchema
  .pick({
    id: true,
    familyName: true,
    givenName: true,
    familyNameKana: true,
    givenNameKana: true,
    email: true,
    employeeNumber: true,
    department: true,
    position: true,
    leftOn: true,
    leaveType: true,
    currentCompany: true,
    hasDecisionAuthority: true,
    interests: true,
    tags: true,
    doNotContact: true,
    isRegistered: true,
    eligibility: true,
  })
  .meta({ id: 'AlumnusSummary' });

export const alumniPageSchema = z.object({
  items: z.array(alumnusSummarySchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().nullable().meta({
    description:
      'How many match the filter, counted up to 10,000 — up to 1,000 for a name search alone (see totalCapped); on the first page only (null on pages after a cursor)',
  }),
  totalCapped: z.boolean().meta({
    description: 'More than `total` match: counting stopped at 10,000 (1,000 for a name search alone)',
  }),
});

export const alumnusParamsSchema = z.object({ alumnusId: idSchema });

export const timelineEntrySchema = z.object({
  id: idSchema,
  action: z.string(),
  actorName: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  createdAt: isoDateTime,
});
/** A record's history, newest first, a page at a time. */
export const timelineQuerySchema = pageQuerySchema;
export const timelinePageSchema = pageOf(timelineEntrySchema).meta({ id: 'TimelinePage' });
export type TimelinePage = z.infer<typeof timelinePageSchema>;

export const exportQuerySchema = alumniFilterSchema.extend({
  encoding: z.enum(['utf8', 'cp932']).default('utf8'),
});
