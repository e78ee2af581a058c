import { type SQL, sql } from 'drizzle-orm';
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

/** A policy for the application role whose one condition says what it may both read and write. */
function appPolicy(name: string, condition: SQL) {
  return pgPolicy(name, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: condition,
    withCheck: condition,
  });
}

/** Row-level security: a row is visible and writable only inside its own tenant's transaction. */
export function tenantIsolation(tenantIdSql = sql`tenant_id`) {
  return appPolicy('tenant_isolation', sql`${tenantIdSql} = ${currentTenant}`);
}

/**
 * Row-level security for a company's own row of an operator-level table, for reading only: a company
 * transaction sees the row keyed by its own id, the operator context (no company) sees every row.
 * Writes need another policy; with `operatorOnly()` beside it only the operator context writes (a
 * company cannot lift its own suspension).
 */
export function ownRowOrOperator() {
  return pgPolicy('own_row_or_operator', {
    as: 'permissive',
    for: 'select',
    to: appRole,
    using: sql`id = ${currentTenant} or ${currentTenant} is null`,
  });
}

/** Row-level security for operator-level data: visible only outside any company's transaction. */
export function operatorOnly() {
  return appPolicy('operator_only', sql`${currentTenant} is null`);
}
