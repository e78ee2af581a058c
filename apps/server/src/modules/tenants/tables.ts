import { pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { operatorOnly, ownRowOrOperator } from '../../platform/db/tenancy.js';

export const tenantStatusEnum = pgEnum('tenant_status', ['active', 'suspended']);
export const operatingModelEnum = pgEnum('operating_model', ['broadcast', 'community']);

/**
 * Client companies. Operator-level, reachable through operator permissions; row-level security is
 * the backstop: inside a company's transaction only its own row exists, read-only (its status, i.e.
 * a suspension, changes only in the operator context).
 */
export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    status: tenantStatusEnum('status').notNull().default('active'),
    operatingModel: operatingModelEnum('operating_model').notNull().default('broadcast'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [ownRowOrOperator(), operatorOnly()],
);
