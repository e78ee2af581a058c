/**
 * The search benchmark's "right after import" phase: leavers imported through the product's real
 * import path — `planImport` + `applyImport` in one `db.withTenant` transaction, as the route
 * `POST /api/alumni/import/apply` runs them (row locks included) — then, when asked, the product's
 * post-import maintenance exactly as the route calls it (`maintainAfterBulkWrite(db, log)`), and
 * what the alumni table's statistics look like at that moment.
 */
import { eq, sql } from 'drizzle-orm';
import { applyImport, planImport } from '../../apps/server/src/modules/alumni-import/import.js';
import type { AuditActor } from '../../apps/server/src/modules/audit/record-audit.js';
import { authUser } from '../../apps/server/src/modules/identity/tables.js';
import type { Database } from '../../apps/server/src/platform/db/database.js';
import { maintainAfterBulkWrite } from '../../apps/server/src/platform/db/maintenance.js';

const FILE_NAME = 'leavers.csv';
const SECRET = 'bench-secret-bench-secret-bench-secret';

/** What the alumni table's statistics say (pg_class) and when (auto)vacuum/analyze last ran (pg_stat_user_tables). */
export interface AlumniStatsState {
  /** -1: never analyzed. */
  reltuples: number;
  relpages: number;
  /** The table's actual size in pages. */
  pages: number;
  lastAnalyze: string | null;
  lastAutoanalyze: string | null;
  lastVacuum: string | null;
  lastAutovacuum: string | null;
}

export async function alumniStatsState(db: Database): Promise<AlumniStatsState> {
  const result = await db.unsafeOwner.execute(sql`
    select c.reltuples::float8 as reltuples, c.relpages::int as relpages,
           (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages,
           s.last_analyze::text as la, s.last_autoanalyze::text as laa,
           s.last_vacuum::text as lv, s.last_autovacuum::text as lav
    from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
    where c.oid = 'alumni'::regclass`);
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0] ?? {};
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    reltuples: Number(row.reltuples ?? -1),
    relpages: Number(row.relpages ?? 0),
    pages: Number(row.pages ?? 0),
    lastAnalyze: text(row.la),
    lastAutoanalyze: text(row.laa),
    lastVacuum: text(row.lv),
    lastAutovacuum: text(row.lav),
  };
}

/** The database's clock (to compare with pg_stat_user_tables' timestamps). */
export async function databaseNow(db: Database): Promise<string> {
  const result = await db.unsafeOwner.execute(sql`select now()::text as now`);
  return String((result as unknown as { rows: { now: string }[] }).rows[0]?.now);
}

/** Whether autovacuum or autoanalyze ran on alumni after `since` (a database timestamp). */
export async function autovacuumSince(db: Database, since: string): Promise<boolean> {
  const result = await db.unsafeOwner.execute(sql`
    select coalesce(greatest(last_autovacuum, last_autoanalyze) > ${since}::timestamptz, false) as ran
    from pg_stat_user_tables where relid = 'alumni'::regclass`);
  return (result as unknown as { rows: { ran: boolean }[] }).rows[0]?.ran === true;
}

export interface ImportRun {
  /** planImport + applyImport, committed. */
  importMs: number;
  created: number;
  /** The database's clock when the import had committed. */
  committedAt: string;
  /** What `maintainAfterBulkWrite` logged (tables vacuumed and analyzed), null when not called. */
  maintenance: { tables: { name: string; ms: number }[]; ms: number; warning: string | null } | null;
}

/**
 * Imports `file` (a CSV of leavers) into the company as its admin, through planImport + applyImport
 * in one transaction; then `maintainAfterBulkWrite` when `maintain`, with a log that keeps what it
 * says (the route passes the request's logger).
 */
export async function importLeavers(
  db: Database,
  tenantId: string,
  adminEmail: string,
  file: Buffer,
  options: { maintain: boolean; expectCreated: number },
): Promise<ImportRun> {
  const [admin] = await db.unsafeOwner
    .select({ id: authUser.id, name: authUser.name })
    .from(authUser)
    .where(eq(authUser.email, adminEmail));
  if (!admin) throw new Error(`${adminEmail} missing after seeding`);
  const actor: AuditActor = { userId: admin.id, name: admin.name, ip: null };
  const started = performance.now();
  const summary = await db.withTenant(tenantId, async (tx) => {
    const plan = await planImport(tx, tenantId, file, { locale: 'ja', secret: SECRET, lockRows: true });
    if (plan.summary.create !== options.expectCreated || plan.summary.rejected !== 0)
      throw new Error(`the generated file does not plan cleanly: ${JSON.stringify(plan.summary)}`);
    return applyImport(tx, tenantId, actor, plan, { fileName: FILE_NAME });
  });
  const importMs = performance.now() - started;
  if (summary.create !== options.expectCreated)
    throw new Error(`the import created ${summary.create} rows, expected ${options.expectCreated}`);
  const committedAt = await databaseNow(db);
  if (!options.maintain) return { importMs, created: summary.create, committedAt, maintenance: null };

  const logged: { tables: { name: string; ms: number }[]; warning: string | null } = {
    tables: [],
    warning: null,
  };
  const log = {
    info: (o: object) => {
      const tables = (o as { tables?: { name: string; ms: number }[] }).tables;
      if (tables) logged.tables.push(...tables);
    },
    warn: (_o: object, message: string) => {
      logged.warning = message;
    },
  };
  const maintenanceStart = performance.now();
  await maintainAfterBulkWrite(db, log);
  return {
    importMs,
    created: summary.create,
    committedAt,
    maintenance: { ...logged, ms: performance.now() - maintenanceStart },
  };
}
