/**
 * The search benchmark's fixture load (not measured): many companies' alumni at once with COPY,
 * for speed, into the table as the migrations left it — its indexes in place, as an import's
 * INSERTs meet them — and **no VACUUM or ANALYZE of the benchmark's own**. What the statistics then
 * are is up to the caller: `search.ts` runs the product's own `maintainChangedTables` afterwards,
 * exactly what the product runs after an import commits.
 *
 * The indexes are not dropped and rebuilt (as `alumni-load.ts`, shared with other benchmarks,
 * does before its `VACUUM ANALYZE`): CREATE INDEX writes the table's page and row counts into
 * pg_class, so the product's maintenance would find the statistics matching the table's size and
 * leave it unanalyzed — a state no import reaches.
 *
 * PostgreSQL loads with COPY FROM STDIN, PGlite with `COPY FROM '/dev/blob'` in blobs of 10,000
 * rows (with its data on disk: in memory, PGlite slows down as the table grows, see `openTarget`).
 */
import { type CopyRows, copyDataOf, copyPglite, copyPostgres } from './copy.js';
import type { OpenTarget } from './databases.js';

/** Rows per PGlite COPY (one blob each). */
const PGLITE_COPY_ROWS = 10_000;

/** Loads each company's rows (the app's column values, as COPY text) with COPY. Nothing else. */
export async function copyAlumniForSearch(
  target: OpenTarget,
  companies: { tenantId: string; rows: CopyRows }[],
): Promise<{ loadMs: number }> {
  const { db } = target;
  const loadStart = performance.now();
  for (const { tenantId, rows } of companies) {
    if (target.raw.pool) await copyPostgres(target.raw.pool, 'alumni', copyDataOf(tenantId, rows));
    else if (db.pglite)
      for (let i = 0; i < rows.lines.length; i += PGLITE_COPY_ROWS)
        await copyPglite(db.pglite, 'alumni', copyDataOf(tenantId, rows, i, i + PGLITE_COPY_ROWS));
    else throw new Error('no driver to load with');
  }
  return { loadMs: performance.now() - loadStart };
}
