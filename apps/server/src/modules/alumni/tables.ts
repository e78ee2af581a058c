import { leaveTypes } from '@kizuna/contract';
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
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

/** The contract's leave types, in its order (a new one is an `ALTER TYPE … ADD VALUE` migration). */
export const leaveTypeEnum = pgEnum('leave_type', leaveTypes);

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
    /** HMAC (server secret) of the erased e-mail, so a re-import never brings the person back (erasure.ts). */
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
    // a member's own record (the portal reads it on every page) and the account's removal (the
    // foreign key's ON DELETE SET NULL): without it both read every alumnus of the company
    index('alumni_user_idx').on(t.userId).where(sql`user_id is not null`),
    tenantIsolation(),
  ],
);
export type AlumnusRow = typeof alumni.$inferSelect;
