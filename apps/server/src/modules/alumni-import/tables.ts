import { jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIsolation } from '../../platform/db/tenancy.js';
import { tenants } from '../tenants/tables.js';

/** A saved custom CSV column mapping per company (import presets are in code). */
export const alumniImportMappings = pgTable(
  'alumni_import_mappings',
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    /** CSV header → alumnus field */
    columns: jsonb('columns').$type<Record<string, string | null>>().notNull(),
    /** field → one value for every row, for a field no column holds ("all rows: 自己都合") */
    defaults: jsonb('defaults').$type<Record<string, string>>().notNull().default({}),
    /** field → the file's own value → our code (依願退職 → voluntary) */
    values: jsonb('values').$type<Record<string, Record<string, string>>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('alumni_import_mappings_name_uq').on(t.tenantId, t.name),
    tenantIsolation(),
  ],
);
