import { z } from 'zod';
import { alumniInterests } from './alumni.js';
import { idSchema, isoDateTime, passwordSchema, personNameSchema, phoneSchema } from './common.js';

/** Purposes of use (利用目的) a member consents to, one by one (APPI). */
export const consentPurposes = [
  'member_profile',
  'job_offers',
  'side_jobs',
  'events',
  'news',
  'surveys',
] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
/** Without this one there is no membership: it covers keeping the member's own record. */
export const REQUIRED_PURPOSE: ConsentPurpose = 'member_profile';
/** Purposes that are contact; opting out withdraws them all. */
export const contactPurposes: ConsentPurpose[] = ['job_offers', 'side_jobs', 'events', 'news', 'surveys'];
export const consentPurposeLabels: Record<ConsentPurpose, { ja: string; en: string }> = {
  member_profile: { ja: '会員情報の管理（必須）', en: 'Keeping your member record (required)' },
  job_offers: { ja: '求人（再雇用）のご案内', en: 'Job openings (rehiring)' },
  side_jobs: { ja: '副業・業務委託のご案内', en: 'Side jobs and contract work' },
  events: { ja: 'イベント・セレモニーのご案内', en: 'Events and ceremonies' },
  news: { ja: '会社からのお知らせ', en: 'News from the company' },
  surveys: { ja: 'アンケート・モニターのご依頼', en: 'Surveys and product monitoring' },
};

export const privacyNoticeSchema = z
  .object({
    version: z.number().int(),
    body: z.string(),
    purposes: z.array(z.enum(consentPurposes)),
    publishedAt: isoDateTime,
  })
  .meta({ id: 'PrivacyNotice' });
export const privacyNoticeInputSchema = z.object({
  body: z.string().trim().min(1, { error: 'required' }).max(20_000, { error: 'too_long' }),
  purposes: z
    .array(z.enum(consentPurposes))
    .min(1)
    .refine((p) => p.includes(REQUIRED_PURPOSE), { error: 'invalid_value' }),
});

export const alumnusInvitationPreviewSchema = z
  .object({
    companyName: z.string(),
    familyName: z.string(),
    givenName: z.string(),
    email: z.string(),
    hasAccount: z.boolean(),
    notice: privacyNoticeSchema,
    expiresAt: isoDateTime,
  })
  .meta({ id: 'AlumnusInvitationPreview' });

export const registerMemberSchema = z.object({
  familyName: personNameSchema,
  givenName: personNameSchema,
  interests: z.array(z.enum(alumniInterests)).max(6).default([]),
  /** The purposes the person agrees to; must include `member_profile`. */
  consents: z
    .array(z.enum(consentPurposes))
    .refine((p) => p.includes(REQUIRED_PURPOSE), { error: 'consent_required' }),
  noticeVersion: z.number().int().min(1),
  /** Optional: without one the member signs in by e-mail link. */
  password: passwordSchema.optional(),
});
export type RegisterMember = z.infer<typeof registerMemberSchema>;

export const consentStateSchema = z.object({
  purpose: z.enum(consentPurposes),
  granted: z.boolean(),
  noticeVersion: z.number().int().nullable(),
  changedAt: isoDateTime.nullable(),
});

export const portalMeSchema = z
  .object({
    companyName: z.string(),
    alumnusId: idSchema,
    familyName: z.string(),
    givenName: z.string(),
    email: z.string().nullable(),
    interests: z.array(z.enum(alumniInterests)),
    doNotContact: z.boolean(),
    consents: z.array(consentStateSchema),
    notice: privacyNoticeSchema,
    /** True when a newer notice than the one consented to was published: ask again. */
    needsConsent: z.boolean(),
    /** The profile is older than the company's review age: ask "is this still right?". */
    profileReviewDue: z.boolean(),
  })
  .meta({ id: 'PortalMe' });

export const setConsentsSchema = z.object({
  granted: z
    .array(z.enum(consentPurposes))
    .refine((p) => p.includes(REQUIRED_PURPOSE), { error: 'consent_required' }),
  noticeVersion: z.number().int().min(1),
});

// ---- the member's own profile (portal), its periodic check, own-data download, deletion

/** Fields a member keeps up to date themselves; the company sees all of them. */
export const memberProfileInputSchema = z.object({
  phone: phoneSchema.nullable().default(null),
  currentCompany: z.string().trim().max(200, { error: 'too_long' }).nullable().default(null),
  currentTitle: z.string().trim().max(200, { error: 'too_long' }).nullable().default(null),
  hasDecisionAuthority: z.boolean().default(false),
  skills: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  interests: z.array(z.enum(alumniInterests)).max(6).default([]),
  returnConditions: z
    .object({
      workStyle: z.string().trim().max(200).nullable().optional(),
      location: z.string().trim().max(200).nullable().optional(),
      payExpectation: z.string().trim().max(200).nullable().optional(),
      earliestDate: z.iso.date({ error: 'invalid_date' }).nullable().optional(),
    })
    .default({}),
  /**
   * Which of these fields other alumni may see once the company runs the community model
   * (directory). Nothing by default; the company always sees everything listed here.
   */
  directoryFields: z.array(z.enum(['currentCompany', 'currentTitle', 'skills', 'interests'])).default([]),
});
export type MemberProfileInput = z.infer<typeof memberProfileInputSchema>;

export const memberProfileSchema = memberProfileInputSchema
  .extend({
    /** As stored: a reply is not checked against today's input rules (older data may differ). */
    phone: z.string().nullable(),
    familyName: z.string(),
    givenName: z.string(),
    familyNameKana: z.string().nullable(),
    givenNameKana: z.string().nullable(),
    email: z.string().nullable(),
    department: z.string().nullable().meta({ description: 'At leaving (read-only for the member)' }),
    leftOn: z.string(),
    /** When the member last saved or confirmed the profile (null: never). */
    confirmedAt: isoDateTime.nullable(),
    /** The profile is older than the company's review age: ask "is this still right?". */
    reviewDue: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'MemberProfile' });

export const memberProfileUpdateSchema = z.object({
  version: z.number().int(),
  profile: memberProfileInputSchema,
});

export const ownDataFormats = ['json', 'csv'] as const;
export const ownDataQuerySchema = z.object({ format: z.enum(ownDataFormats).default('json') });

/** Deletion on request (削除依頼): the member confirms by typing their e-mail address. */
export const deletionRequestSchema = z.object({
  confirmEmail: z.string().trim().max(254),
});
/** Staff anonymize a record when a deletion request reaches them another way (phone, letter). */
export const anonymizeAlumnusSchema = z.object({
  reason: z.string().trim().min(1, { error: 'required' }).max(500, { error: 'too_long' }),
  version: z.number().int(),
});

// ---- a record's consents as staff see them (the alumnus detail page)

export const memberConsentStates = ['granted', 'withdrawn', 'never'] as const;
export const memberConsentSchema = z.object({
  purpose: z.enum(consentPurposes),
  state: z
    .enum(memberConsentStates)
    .meta({ description: '`never`: the person has not consented to this purpose under any notice' }),
  grantedAt: isoDateTime
    .nullable()
    .meta({ description: 'When the latest consent to this purpose was given' }),
  withdrawnAt: isoDateTime.nullable(),
  noticeVersion: z.number().int().nullable().meta({ description: 'The notice version it was given under' }),
});
export const alumnusConsentsSchema = z
  .object({
    registeredAt: isoDateTime.nullable().meta({ description: 'Null while the person is not a member' }),
    currentNoticeVersion: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'The privacy notice in force; null before the company has one' }),
    lastInvitedAt: isoDateTime.nullable().meta({ description: 'When a registration link was last mailed' }),
    consents: z.array(memberConsentSchema).meta({ description: 'One per purpose, in the contract’s order' }),
  })
  .meta({ id: 'AlumnusConsents' });
export type AlumnusConsents = z.infer<typeof alumnusConsentsSchema>;
