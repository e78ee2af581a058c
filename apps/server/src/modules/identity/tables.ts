import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { appRole, operatorOnly, tenantIdColumn, tenantIsolation } from '../../platform/db/tenancy.js';
import { tenants } from '../tenants/tables.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// ---- better-auth's tables (authentication only). Property names are better-auth's field names.
export const authUser = pgTable('auth_user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const authSession = pgTable(
  'auth_session',
  {
    id: text('id').primaryKey(),
    expiresAt: ts('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    /** Our addition: the company this session acts in (validated against memberships). */
    activeTenantId: uuid('active_tenant_id'),
  },
  (t) => [index('auth_session_user_idx').on(t.userId)],
);

export const authAccount = pgTable(
  'auth_account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: ts('access_token_expires_at'),
    refreshTokenExpiresAt: ts('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('auth_account_user_idx').on(t.userId),
    // The application role may only add a sign-in method to a user created in the same transaction
    // (accepting an invitation, registering): never a password for an existing person of any company.
    // better-auth works on the owner connection, which this does not bind.
    pgPolicy('new_user_only', {
      as: 'permissive',
      for: 'insert',
      to: appRole,
      withCheck: sql`exists (select 1 from auth_user u where u.id = user_id and u.xmin = pg_current_xact_id()::xid)`,
    }),
  ],
);

export const authVerification = pgTable(
  'auth_verification',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('auth_verification_identifier_idx').on(t.identifier)],
);

export const authRateLimit = pgTable('auth_rate_limit', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});

// ---- our own identity tables (authorization)
export const operatorRoleEnum = pgEnum('operator_role', ['operator_admin', 'interviewer']);
export const tenantRoleEnum = pgEnum('tenant_role', [
  'company_admin',
  'company_staff',
  'employee',
  'alumnus',
]);

/**
 * Operator-level staff, read on the owner connection (a session's roles). The application role has no
 * grant on it; should one be added, row-level security still keeps every company transaction out.
 */
export const operatorStaff = pgTable(
  'operator_staff',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    role: operatorRoleEnum('role').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  () => [operatorOnly()],
);

/** A user's role inside one company. */
export const memberships = pgTable(
  'memberships',
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    role: tenantRoleEnum('role').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('memberships_tenant_user_uq').on(t.tenantId, t.userId),
    index('memberships_user_idx').on(t.userId),
    tenantIsolation(),
  ],
);

export const invitationStatusEnum = pgEnum('invitation_status', ['pending', 'accepted', 'revoked']);

export const invitations = pgTable(
  'invitations',
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    role: tenantRoleEnum('role').notNull(),
    /** SHA-256 of the secret part of the link; the link itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    status: invitationStatusEnum('status').notNull().default('pending'),
    invitedByUserId: text('invited_by_user_id').references(() => authUser.id, { onDelete: 'set null' }),
    acceptedMembershipId: uuid('accepted_membership_id'),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('invitations_token_hash_uq').on(t.tokenHash),
    uniqueIndex('invitations_pending_email_uq').on(t.tenantId, t.email).where(sql`status = 'pending'`),
    // the list, newest first, a page at a time (keyset on created_at, id)
    index('invitations_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
    foreignKey({
      columns: [t.tenantId, t.acceptedMembershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
      name: 'invitations_accepted_membership_fk',
    }),
    tenantIsolation(),
  ],
);
