import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIsolation } from '../../platform/db/tenancy.js';
import { authUser } from '../identity/tables.js';
import { tenants } from '../tenants/tables.js';

export const leaveTypeEnum = pgEnum('leave_type', ['voluntary', 'company', 'contract_end', 'other']);

export interface ReturnConditions {
  workStyle?: string | null;
  location?: string | null;
  payExpectation?: string | null;
  earliestDate?: string | null;
}

/** A leaver record (退職者), registered as a member or not. */
export const alumni = pgTable(
  'alumni',
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    familyName: text('family_name').notNull(),
    givenName: text('given_name').notNull(),
    familyNameKana: text('family_name_kana'),
    givenNameKana: text('given_name_kana'),
    email: text('email'),
    phone: text('phone'),
    employeeNumber: text('employee_number'),
    department: text('department'),
    position: text('position'),
    joinedOn: date('joined_on'),
    leftOn: date('left_on').notNull(),
    leaveType: leaveTypeEnum('leave_type').notNull(),
    leaveReasonCategory: text('leave_reason_category'),
    leaveReasonNote: text('leave_reason_note'),
    currentCompany: text('current_company'),
    currentTitle: text('current_title'),
    hasDecisionAuthority: boolean('has_decision_authority').notNull().default(false),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    interests: text('interests').array().notNull().default(sql`'{}'::text[]`),
    returnConditions: jsonb('return_conditions')
      .$type<ReturnConditions>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** Staff-only notes: never shown to alumni, never exported to them. */
    internalNotes: text('internal_notes'),
    doNotContact: boolean('do_not_contact').notNull().default(false),
    doNotContactReason: text('do_not_contact_reason'),
    /** The member account, once registered (会員). */
    userId: text('user_id').references(() => authUser.id, { onDelete: 'set null' }),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    /** When the member last saved or confirmed their profile ("is this still right?"). */
    profileConfirmedAt: timestamp('profile_confirmed_at', { withTimezone: true }),
    /** Which profile fields other alumni may see (community directory); the company sees all. */
    directoryFields: text('directory_fields').array().notNull().default(sql`'{}'::text[]`),
    /** Anonymized on a deletion request: personal data cleared, employment facts kept. */
    anonymizedAt: timestamp('anonymized_at', { withTimezone: true }),
    /** SHA-256 of the erased (normalized) e-mail, so a re-import never brings the person back. */
    erasedEmailHash: text('erased_email_hash'),
    /** Normalized name/kana/e-mail/number text and its unigrams+bigrams (see search-text.ts). */
    searchText: text('search_text').notNull().default(''),
    searchGrams: text('search_grams').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('alumni_employee_number_uq')
      .on(t.tenantId, t.employeeNumber)
      .where(sql`employee_number is not null`),
    uniqueIndex('alumni_email_uq').on(t.tenantId, t.email).where(sql`email is not null`),
    index('alumni_left_idx').on(t.tenantId, t.leftOn, t.id),
    index('alumni_created_idx').on(t.tenantId, t.createdAt, t.id),
    // フリガナ順: people with furigana first, in its order; then the others by their written name
    index('alumni_kana_order_idx').on(
      t.tenantId,
      sql`(family_name_kana is null)`,
      sql`coalesce(family_name_kana, family_name)`,
      sql`coalesce(given_name_kana, given_name)`,
      t.id,
    ),
    // department filter with the leave-year range and the default order in the index
    index('alumni_department_left_idx').on(t.tenantId, t.department, t.leftOn, t.id),
    // the company and the grams in one GIN index (btree_gin): a search reads only its company's
    // matches. Used by the function alumni_search_ids (see records.ts: under row-level security
    // the array operators cannot use an index).
    index('alumni_search_idx').using('gin', t.tenantId, t.searchGrams),
    index('alumni_tags_idx').using('gin', t.tags),
    index('alumni_interests_idx').using('gin', t.interests),
    index('alumni_erased_email_idx')
      .on(t.tenantId, t.erasedEmailHash)
      .where(sql`erased_email_hash is not null`),
    tenantIsolation(),
  ],
);
export type AlumnusRow = typeof alumni.$inferSelect;

/** A saved custom CSV column mapping per company (import presets are in code). */
export const alumniImportMappings = pgTable(
  'alumni_import_mappings',
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    /** CSV header → alumnus field */
    columns: jsonb('columns').$type<Record<string, string | null>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('alumni_import_mappings_name_uq').on(t.tenantId, t.name),
    tenantIsolation(),
  ],
);

/** A saved filter (セグメント) with a live count: later the audience of postings and surveys. */
export const alumniSegments = pgTable(
  'alumni_segments',
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    filter: jsonb('filter').$type<Record<string, unknown>>().notNull(),
    createdByUserId: text('created_by_user_id').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('alumni_segments_name_uq').on(t.tenantId, t.name),
    tenantIsolation(),
  ],
);

/** The company's rehire policy (再雇用条件): eligibility rules and the explanation for employees. */
export const rehirePolicies = pgTable(
  'rehire_policies',
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    allowedLeaveTypes: text('allowed_leave_types').array().notNull().default(sql`'{}'::text[]`),
    minTenureMonths: integer('min_tenure_months').notNull().default(0),
    minMonthsSinceLeaving: integer('min_months_since_leaving').notNull().default(0),
    excludedLeaveReasons: text('excluded_leave_reasons').array().notNull().default(sql`'{}'::text[]`),
    excludeDoNotContact: boolean('exclude_do_not_contact').notNull().default(true),
    /** What current employees read (Markdown-free plain text, shown with line breaks). */
    explanation: text('explanation').notNull().default(''),
    published: boolean('published').notNull().default(false),
    /** SHA-256 of the shareable internal link's secret, when one was made. */
    shareTokenHash: text('share_token_hash'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('rehire_policies_tenant_uq').on(t.tenantId),
    uniqueIndex('rehire_policies_share_token_uq').on(t.shareTokenHash),
    tenantIsolation(),
  ],
);

/** The company's privacy notice (個人情報の取扱い), versioned: a new version asks members again. */
export const privacyNotices = pgTable(
  'privacy_notices',
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    purposes: text('purposes').array().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('privacy_notices_version_uq').on(t.tenantId, t.version),
    tenantIsolation(),
  ],
);

/** One purpose a member agreed to, under one notice version; withdrawal is a time, never a deletion. */
export const alumniConsents = pgTable(
  'alumni_consents',
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    alumnusId: uuid('alumnus_id').notNull(),
    purpose: text('purpose').notNull(),
    noticeVersion: integer('notice_version').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.alumnusId],
      foreignColumns: [alumni.tenantId, alumni.id],
      name: 'alumni_consents_alumnus_fk',
    }).onDelete('cascade'),
    index('alumni_consents_alumnus_idx').on(t.tenantId, t.alumnusId, t.purpose),
    tenantIsolation(),
  ],
);

/** A one-time registration link mailed to a leaver. */
export const alumniInvitations = pgTable(
  'alumni_invitations',
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    alumnusId: uuid('alumnus_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    status: text('status').notNull().default('pending'),
    invitedByUserId: text('invited_by_user_id').references(() => authUser.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.alumnusId],
      foreignColumns: [alumni.tenantId, alumni.id],
      name: 'alumni_invitations_alumnus_fk',
    }).onDelete('cascade'),
    uniqueIndex('alumni_invitations_token_uq').on(t.tokenHash),
    tenantIsolation(),
  ],
);

/** The company's alumni network: its public page and the member profile review age. One row per company. */
export const alumniNetworkSettings = pgTable(
  'alumni_network_settings',
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    publicPageEnabled: boolean('public_page_enabled').notNull().default(false),
    intro: text('intro').notNull().default(''),
    /** Months after which a member is asked "is this still right?"; 0 turns the check off. */
    profileReviewMonths: integer('profile_review_months').notNull().default(12),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('alumni_network_settings_tenant_uq').on(t.tenantId),
    tenantIsolation(),
  ],
);

/**
 * A leaver registering from the public page: `unverified` until the e-mailed link is followed,
 * then `matched` (registered on a leaver record) or `pending` for staff, who match or reject it.
 */
export const alumniRegistrationRequests = pgTable(
  'alumni_registration_requests',
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    familyName: text('family_name').notNull(),
    givenName: text('given_name').notNull(),
    familyNameKana: text('family_name_kana'),
    givenNameKana: text('given_name_kana'),
    employeeNumber: text('employee_number'),
    leaveYear: integer('leave_year'),
    department: text('department'),
    interests: text('interests').array().notNull().default(sql`'{}'::text[]`),
    consents: text('consents').array().notNull().default(sql`'{}'::text[]`),
    noticeVersion: integer('notice_version').notNull(),
    /** SHA-256 of the e-mailed verification token. */
    tokenHash: text('token_hash').notNull(),
    status: text('status')
      .$type<'unverified' | 'pending' | 'matched' | 'rejected'>()
      .notNull()
      .default('unverified'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    alumnusId: uuid('alumnus_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByUserId: text('decided_by_user_id').references(() => authUser.id, { onDelete: 'set null' }),
    decisionReason: text('decision_reason'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.alumnusId],
      foreignColumns: [alumni.tenantId, alumni.id],
      name: 'alumni_registration_requests_alumnus_fk',
    }).onDelete('cascade'),
    uniqueIndex('alumni_registration_requests_token_uq').on(t.tokenHash),
    index('alumni_registration_requests_status_idx').on(t.tenantId, t.status, t.createdAt, t.id),
    index('alumni_registration_requests_email_idx').on(t.tenantId, t.email, t.createdAt),
    tenantIsolation(),
  ],
);
