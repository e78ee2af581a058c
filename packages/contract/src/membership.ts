import { z } from 'zod';
import { alumniInterests } from './alumni.js';
import { idSchema, isoDateTime, passwordSchema, personNameSchema } from './common.js';

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
  })
  .meta({ id: 'PortalMe' });

export const setConsentsSchema = z.object({
  granted: z
    .array(z.enum(consentPurposes))
    .refine((p) => p.includes(REQUIRED_PURPOSE), { error: 'consent_required' }),
  noticeVersion: z.number().int().min(1),
});
