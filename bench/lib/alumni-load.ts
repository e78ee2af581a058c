/**
 * Fixture loading of alumni (not measured): many companies' records at once, fast. The secondary
 * indexes of the table are dropped, the rows loaded, and the same indexes created again from their
 * own definitions (a bulk index build is several times faster than maintaining a GIN index row by
 * row), then ANALYZE. The definitions are read back and compared, so the table ends up exactly as
 * the migrations left it.
 *
 * PostgreSQL loads with COPY FROM STDIN, PGlite with `COPY FROM '/dev/blob'` in blobs of 10,000
 * rows (with its data on disk: in memory, PGlite slows down as the table grows, see `openTarget`).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../apps/server/src/platform/db/database.js';
import { type CopyRows, copyDataOf, copyPglite, copyPostgres } from './copy.js';
import type { OpenTarget } from './databases.js';

/** Rows per PGlite COPY (one blob each). */
const PGLITE_COPY_ROWS = 10_000;

interface IndexDefinition {
  name: string;
  definition: string;
}

/** The alumni indexes that back no constraint (the primary key and constraints stay). */
async function secondaryIndexes(db: Database): Promise<IndexDefinition[]> {
  const result = await db.unsafeOwner.execute(sql`
    select i.relname as name, pg_get_indexdef(i.oid) as definition
    from pg_index x join pg_class i on i.oid = x.indexrelid
    where x.indrelid = 'alumni'::regclass
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
    order by i.relname`);
  return (result as unknown as { rows: Record<string, unknown>[] }).rows.map((r) => ({
    name: String(r.name),
    definition: String(r.definition),
  }));
}

/** Loads each company's rows (the app's column values, as COPY text), rebuilds the indexes, ANALYZEs. */
export async function bulkLoadAlumni(
  target: OpenTarget,
  companies: { tenantId: string; rows: CopyRows }[],
): Promise<{ loadMs: number; indexMs: number }> {
  const { db } = target;
  const indexes = await secondaryIndexes(db);
  for (const index of indexes) await db.unsafeOwner.execute(sql.raw(`drop index "${index.name}"`));
  const loadStart = performance.now();
  for (const { tenantId, rows } of companies) {
    if (target.raw.pool) await copyPostgres(target.raw.pool, 'alumni', copyDataOf(tenantId, rows));
    else if (db.pglite)
      for (let i = 0; i < rows.lines.length; i += PGLITE_COPY_ROWS)
        await copyPglite(db.pglite, 'alumni', copyDataOf(tenantId, rows, i, i + PGLITE_COPY_ROWS));
    else throw new Error('no driver to load with');
  }
  const indexStart = performance.now();
  await db.unsafeOwner.transaction(async (tx) => {
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    for (const index of indexes) await tx.execute(sql.raw(index.definition));
  });
  const rebuilt = await secondaryIndexes(db);
  if (JSON.stringify(rebuilt) !== JSON.stringify(indexes))
    throw new Error('the alumni indexes differ after the bulk load');
  // VACUUM as autovacuum would soon after a bulk load (insert-triggered since PostgreSQL 13): the
  // visibility map lets counts and id look-ups read the indexes alone, as on a settled table
  await db.unsafeOwner.execute(sql`vacuum analyze alumni`);
  await db.unsafeOwner.execute(sql`analyze`);
  return { loadMs: indexStart - loadStart, indexMs: performance.now() - indexStart };
}

/** Removes a company's alumni and vacuums the table, so the next load starts from the same state. */
export async function clearAlumni(db: Database, tenantId: string): Promise<void> {
  await db.unsafeOwner.execute(sql`delete from alumni where tenant_id = ${tenantId}`);
  await db.unsafeOwner.execute(sql`vacuum analyze alumni`);
}
