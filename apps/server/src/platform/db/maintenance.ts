import { sql } from 'drizzle-orm';
import type { Database } from './database.js';

/**
 * What autovacuum does, done by the product where it would come too late or never.
 *
 * Right after a bulk write (an import of 20,000 leavers, a bulk anonymization, a segment's mail
 * fan-out) the planner still sees the table as it was: never analyzed, it guesses a handful of
 * rows and reads the whole table for a name search; and the rows sit in the search index's
 * pending list (GIN fast update) that every search scans linearly until a VACUUM merges it.
 * PostgreSQL's autovacuum fixes this a minute or so later; embedded PGlite runs no autovacuum at
 * all, so there the slow state would stay. `maintainChangedTables` finds the tables whose size
 * moved away from what their statistics say and runs `VACUUM (ANALYZE)` on each: after a bulk
 * write (both databases) and, on PGlite, on a schedule (`startMaintenance`).
 *
 * A table counts as changed when it was never analyzed and holds pages, or when its size differs
 * from the pages recorded by its last VACUUM/ANALYZE by more than 10 % (and 8 pages: small tables
 * are planned well whatever their statistics). Inserts and updates (new row versions) grow a
 * table; that is what a bulk write does. The check reads only the catalogue.
 */

export interface MaintenanceRun {
  /** The tables vacuumed and analyzed, with how long each took. */
  tables: { name: string; ms: number }[];
}

interface TableSize {
  name: string;
  /** Whether ANALYZE (by hand or autovacuum) ever ran on it. */
  analyzed: boolean;
  relpages: number;
  pages: number;
}

const MIN_PAGES = 8;
const DRIFT = 0.1;

async function tableSizes(db: Database): Promise<TableSize[]> {
  const result = await db.unsafeOwner.execute(sql`
    select c.relname as name, c.relpages::int as relpages,
           (s.last_analyze is not null or s.last_autoanalyze is not null) as analyzed,
           (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_stat_user_tables s on s.relid = c.oid
    where n.nspname = 'public' and c.relkind = 'r'
    order by c.relname`);
  // node-postgres answers { rows }, PGlite's drizzle driver the same shape
  return (result as unknown as { rows: TableSize[] }).rows;
}

/** Whether a table's statistics no longer describe it (see above). */
export function isStale(t: Pick<TableSize, 'analyzed' | 'relpages' | 'pages'>): boolean {
  // never analyzed (CREATE INDEX records a size too, so relpages alone cannot tell)
  if (!t.analyzed) return t.pages > 0;
  const drift = Math.abs(t.pages - t.relpages);
  return drift > MIN_PAGES && drift > t.relpages * DRIFT;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Vacuums and analyzes every table whose statistics went stale; returns what it did. */
export async function maintainChangedTables(db: Database): Promise<MaintenanceRun> {
  const stale = (await tableSizes(db)).filter(isStale);
  const tables: MaintenanceRun['tables'] = [];
  for (const t of stale) {
    const started = performance.now();
    // VACUUM runs outside a transaction: on PGlite a query waits for any open transaction to end
    await db.unsafeOwner.execute(sql.raw(`vacuum (analyze) ${quoted(t.name)}`));
    tables.push({ name: t.name, ms: Math.round(performance.now() - started) });
  }
  return { tables };
}

/** Every 5 minutes: PGlite changes slowly between bulk writes, and a check costs one catalogue read. */
export const MAINTENANCE_INTERVAL_MS = 5 * 60_000;

/**
 * On PGlite, which has no autovacuum, checks on a schedule (and once soon after start) and
 * maintains what changed; on PostgreSQL autovacuum does it, so nothing is scheduled. `stop` ends
 * the schedule and waits for a run in progress. A failed run is reported to `onError` and the
 * schedule goes on.
 */
export function startMaintenance(
  db: Database,
  options: {
    intervalMs?: number;
    onRun?: (run: MaintenanceRun) => void;
    onError?: (error: unknown) => void;
  } = {},
): { stop: () => Promise<void> } {
  if (db.kind !== 'pglite') return { stop: async () => {} };
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = maintainChangedTables(db).then(
      (run) => {
        if (run.tables.length > 0) options.onRun?.(run);
      },
      (error: unknown) => options.onError?.(error),
    );
  };
  const first = setTimeout(tick, 10_000);
  const timer = setInterval(tick, options.intervalMs ?? MAINTENANCE_INTERVAL_MS);
  first.unref();
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * After a bulk write has committed: brings the statistics of what it changed up to date before
 * the caller answers, so the next search is planned for the table as it now is. The write itself
 * stands whatever happens here: a failure is logged, never thrown.
 */
export async function maintainAfterBulkWrite(
  db: Database,
  log: { info: (o: object, m: string) => void; warn: (o: object, m: string) => void },
): Promise<void> {
  try {
    const run = await maintainChangedTables(db);
    if (run.tables.length > 0)
      log.info({ tables: run.tables }, 'tables vacuumed and analyzed after a bulk write');
  } catch (error) {
    log.warn({ err: error }, 'maintenance after a bulk write failed');
  }
}
