import { sql } from 'drizzle-orm';
import {
  boolean,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIsolation } from '../../platform/db/tenancy.js';
import { tenants } from '../tenants/tables.js';

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
