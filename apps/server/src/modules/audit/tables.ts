import { sql } from 'drizzle-orm';
import { index, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appRole, currentTenant } from '../../platform/db/tenancy.js';

/**
 * Append-only audit log, written in the same transaction as the change it records.
 * The application role may only SELECT and INSERT here (see the grants migration).
 * `tenant_id` is null for operator-level actions (creating a company, say); such rows are
 * invisible to tenant transactions and read only through the operator's audit view.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id'),
    actorUserId: text('actor_user_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // ascending keys, scanned backwards for "newest first" (a DESC NULLS LAST key would not match)
    index('audit_log_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('audit_log_created_idx').on(t.createdAt, t.id),
    // one record's history (an alumnus's timeline)
    index('audit_log_subject_idx').on(t.tenantId, t.subjectType, t.subjectId, t.createdAt),
    // Like every tenant table, but operator-level rows (null tenant) belong to the operator
    // context, where no tenant is set.
    pgPolicy('tenant_isolation', {
      as: 'permissive',
      for: 'all',
      to: appRole,
      using: sql`tenant_id is not distinct from ${currentTenant}`,
      withCheck: sql`tenant_id is not distinct from ${currentTenant}`,
    }),
  ],
);
