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
    /**
     * Whether leavers at the retirement age (定年退職) count as alumni: invited, and judged by the
     * rehire policy. Off by default: the brief defines alumni as leavers other than at retirement.
     */
    retireesAreAlumni: boolean('retirees_are_alumni').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('alumni_network_settings_tenant_uq').on(t.tenantId),
    tenantIsolation(),
  ],
);
