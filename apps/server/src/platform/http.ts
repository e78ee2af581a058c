import type { Permission } from '@kizuna/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { AppError } from './errors.js';

/**
 * What a route needs: a permission, any signed-in user, or nothing. `secret-link`: nothing either,
 * and no session is even read — the random id in the path is the only key (it answers without the
 * database, e.g. while a long import holds PGlite's one connection).
 */
export type RouteAccess = Permission | 'authenticated' | 'public' | 'secret-link';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares one; the route → permission table test reads them. */
    permission?: RouteAccess;
  }
}

/**
 * Keyset pagination, newest first. The cursor names the last row seen (its id); the next page is
 * the rows before it in (created_at, id) order, compared as a row value so an index on
 * (…, created_at, id) serves it, and against the stored timestamp itself (microseconds: a
 * JavaScript Date would round them and skip rows).
 */
export function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : null;
}

/** `(created_at, id)` before the cursor's row; undefined without a cursor. */
export function olderThanCursor(
  table: PgTable & { createdAt: PgColumn; id: PgColumn },
  cursor: string | undefined,
): SQL | undefined {
  if (cursor === undefined) return undefined;
  const id = decodeCursor(cursor);
  if (!id) throw new AppError('validation_failed', [{ path: 'querystring.cursor', key: 'invalid_value' }]);
  return sql`(${table.createdAt}, ${table.id}) < (select c.created_at, c.id from ${table} c where c.id = ${id})`;
}

export function pageResult<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
