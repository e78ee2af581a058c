import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIsolation } from '../../platform/db/tenancy.js';
import { alumni } from '../alumni/tables.js';
import { authUser } from '../identity/tables.js';
import { tenants } from '../tenants/tables.js';

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
    // one open link per record: of two invitations at once, the second insert is refused (409)
    uniqueIndex('alumni_invitations_pending_uq').on(t.tenantId, t.alumnusId).where(sql`status = 'pending'`),
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
