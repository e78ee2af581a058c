import { z } from 'zod';
import { alumniInterests } from './alumni.js';
import {
  emailSchema,
  idSchema,
  isoDateTime,
  kanaSchema,
  pageOf,
  pageQuerySchema,
  personNameSchema,
} from './common.js';
import { consentPurposes, privacyNoticeSchema, REQUIRED_PURPOSE } from './membership.js';

/**
 * The company's alumni network (アルムナイネットワーク): its public page, where leavers who
 * got no invitation can register themselves, and the settings behind it.
 */
export const networkSettingsInputSchema = z.object({
  /** The public page `/network/{slug}` answers only when enabled. */
  publicPageEnabled: z.boolean().default(false),
  /** What alumni get from joining (plain text, shown with line breaks). */
  intro: z.string().trim().max(5000, { error: 'too_long' }).default(''),
  /** Months after which a member is asked "is this still right?"; 0 turns the check off. */
  profileReviewMonths: z.number().int().min(0).max(60).default(12),
  /**
   * Whether leavers at the retirement age (定年退職) count as alumni: invited and judged by the
   * rehire policy. Off by default (their records are kept either way).
   */
  retireesAreAlumni: z.boolean().default(false),
});
export type NetworkSettingsInput = z.infer<typeof networkSettingsInputSchema>;
export const networkSettingsSchema = networkSettingsInputSchema
  .extend({ slug: z.string(), updatedAt: isoDateTime.nullable() })
  .meta({ id: 'NetworkSettings' });

export const networkSlugParamsSchema = z.object({ slug: z.string().min(1).max(63) });

export const publicNetworkSchema = z
  .object({
    companyName: z.string(),
    intro: z.string(),
    notice: privacyNoticeSchema,
    /** Open job postings (filled in when postings exist). */
    openPostings: z.number().int().nullable(),
  })
  .meta({ id: 'PublicNetwork' });

/** A leaver registering themselves from the public page; confirmed by an e-mailed link. */
export const selfRegistrationSchema = z.object({
  email: emailSchema,
  familyName: personNameSchema,
  givenName: personNameSchema,
  familyNameKana: kanaSchema(50).nullable().default(null),
  givenNameKana: kanaSchema(50).nullable().default(null),
  /** Helps staff find the leaver record; optional. */
  employeeNumber: z.string().trim().max(50, { error: 'too_long' }).nullable().default(null),
  leaveYear: z.number().int().min(1950).max(2100).nullable().default(null),
  department: z.string().trim().max(100, { error: 'too_long' }).nullable().default(null),
  interests: z.array(z.enum(alumniInterests)).max(6).default([]),
  consents: z
    .array(z.enum(consentPurposes))
    .refine((p) => p.includes(REQUIRED_PURPOSE), { error: 'consent_required' }),
  noticeVersion: z.number().int().min(1),
});
export type SelfRegistration = z.infer<typeof selfRegistrationSchema>;

export const verificationTokenParamsSchema = z.object({ token: z.string().min(20).max(200) });

export const verificationPreviewSchema = z
  .object({ companyName: z.string(), email: z.string(), expiresAt: isoDateTime })
  .meta({ id: 'VerificationPreview' });

/**
 * After the e-mail link: `registered` when the address matched exactly one leaver record
 * (the answer signs the member in); `queued` when staff must match the person by hand first.
 */
export const verificationResultSchema = z
  .object({
    status: z.enum(['registered', 'queued']),
    companyName: z.string(),
    email: z.string(),
    signedIn: z.boolean().meta({
      description: 'The answer carries a session cookie: the member is signed in (registered only)',
    }),
  })
  .meta({ id: 'VerificationResult' });

// ---- staff: the queue of self-registrations to match (照合待ち)

export const registrationRequestStatuses = ['pending', 'matched', 'rejected'] as const;
export const registrationRequestSchema = z
  .object({
    id: idSchema,
    status: z.enum(registrationRequestStatuses),
    email: z.string(),
    familyName: z.string(),
    givenName: z.string(),
    familyNameKana: z.string().nullable(),
    givenNameKana: z.string().nullable(),
    employeeNumber: z.string().nullable(),
    leaveYear: z.number().int().nullable(),
    department: z.string().nullable(),
    interests: z.array(z.enum(alumniInterests)),
    verifiedAt: isoDateTime,
    alumnusId: idSchema.nullable().meta({ description: 'The leaver record once matched' }),
    decidedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'RegistrationRequest' });
export const registrationRequestListQuerySchema = pageQuerySchema.extend({
  status: z.enum(registrationRequestStatuses).default('pending'),
});
/** One status's requests, newest first, a page at a time; `total` counts them all. */
export const registrationRequestPageSchema = pageOf(registrationRequestSchema)
  .extend({
    total: z.number().int().meta({ description: 'How many requests have this status, on every page' }),
  })
  .meta({ id: 'RegistrationRequestPage' });
export const registrationRequestParamsSchema = z.object({ requestId: idSchema });

/** What a candidate record has in common with the request. */
export const matchAttributes = ['email', 'employee_number', 'name', 'kana', 'leave_year'] as const;
export type MatchAttribute = (typeof matchAttributes)[number];
/**
 * Attributes that identify a person on their own: the address they just verified, or their
 * employee number. A candidate sharing neither (a name, kana or leave year only) may be someone
 * else with the same name: staff confirm a second attribute with the person before matching.
 */
export const identifyingAttributes = ['email', 'employee_number'] as const;
/** How staff confirmed a name-only match with the person (and a note of how: phone, mail…). */
export const identityConfirmations = ['employee_number', 'joined_on', 'left_on', 'other'] as const;
export type IdentityConfirmation = (typeof identityConfirmations)[number];

/** Leaver records that may be this person (same e-mail, employee number, name or kana). */
export const registrationCandidateSchema = z.object({
  alumnusId: idSchema,
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string().nullable(),
  givenNameKana: z.string().nullable(),
  employeeNumber: z.string().nullable(),
  department: z.string().nullable(),
  leftOn: z.string(),
  isRegistered: z.boolean(),
  doNotContact: z.boolean(),
  matchedOn: z.array(z.enum(matchAttributes)),
  needsConfirmation: z.boolean().meta({
    description: 'Neither the verified e-mail nor the employee number matches: confirm a second attribute',
  }),
});
export const registrationRequestDetailSchema = registrationRequestSchema
  .extend({ candidates: z.array(registrationCandidateSchema) })
  .meta({ id: 'RegistrationRequestDetail' });

export const matchRegistrationSchema = z.object({
  alumnusId: idSchema,
  /** Required when the record shares neither the verified e-mail nor the employee number. */
  confirmation: z
    .object({
      attribute: z.enum(identityConfirmations),
      note: z.string().trim().min(1, { error: 'required' }).max(500, { error: 'too_long' }),
    })
    .nullable()
    .default(null),
});
/** Leave date for a new record created from a request (the person gave only a year). */
export const createFromRegistrationSchema = z.object({
  leftOn: z.iso.date({ error: 'invalid_date' }),
  leaveType: z.enum(['voluntary', 'company', 'contract_end', 'other']).default('voluntary'),
});
export const rejectRegistrationSchema = z.object({
  reason: z.string().trim().max(500, { error: 'too_long' }).default(''),
});
