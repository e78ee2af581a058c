import { sql } from 'drizzle-orm';
import { pgPolicy, pgRole, uuid } from 'drizzle-orm/pg-core';

/**
 * The non-superuser role every request runs as (`SET LOCAL ROLE`). Created by the first
 * migration; row-level-security policies name it.
 */
export const APP_ROLE = 'kizuna_app';
export const appRole = pgRole(APP_ROLE).existing();

/** The tenant of the current transaction, as the database sees it. */
export const currentTenant = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;

/** Every tenant-owned table starts with this column. */
export const tenantIdColumn = () => uuid('tenant_id').notNull();

/** Row-level security: a row is visible and writable only inside its own tenant's transaction. */
export function tenantIsolation(tenantIdSql = sql`tenant_id`) {
  return pgPolicy('tenant_isolation', {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`${tenantIdSql} = ${currentTenant}`,
    withCheck: sql`${tenantIdSql} = ${currentTenant}`,
  });
}
