/**
 * The `load` benchmark's data: the demo seed, then many companies' alumni loaded in bulk with the
 * existing COPY loaders (`copy.ts`) into the table with its indexes in place — unlike
 * `alumni-load.ts`, which drops and rebuilds them (a rebuild records the table's size in the
 * catalogue, which would hide the bulk write from the product's staleness check) — and **no VACUUM
 * or ANALYZE of the benchmark's own**: after loading, the product's own post-bulk-write maintenance
 * runs (`maintainAfterBulkWrite`, apps/server/src/platform/db/maintenance.ts), as after an import,
 * so the server meets the table in the state the product leaves it.
 *
 * PGlite lives in `<dataDir>/pgdata`, exactly where the server finds it with KIZUNA_DATA_DIR set to
 * `dataDir` (PGlite is one process: the harness loads, closes, and only then starts the server).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alumnusInputSchema } from '@kizuna/contract';
import { columnsOf } from '../../apps/server/src/modules/alumni/records.js';
import { createTenant } from '../../apps/server/src/modules/tenants/use-cases.js';
import { type Database, openDatabase } from '../../apps/server/src/platform/db/database.js';
import { maintainAfterBulkWrite } from '../../apps/server/src/platform/db/maintenance.js';
import { type CopyRows, copyDataOf, copyPglite, copyPostgres, copyRowsOf } from './copy.js';
import { prepareDemo } from './fixture.js';
import { generateLeavers, leaverInput } from './leavers.js';
import { createPgliteRaw, type RawDriver } from './raw.js';

/** Rows per PGlite COPY (one blob each), as in `alumni-load.ts`. */
const PGLITE_COPY_ROWS = 10_000;

export interface FixtureSizes {
  total: number;
  inCompany: number;
  companies: number;
}

/** Per company (sakura first): the app's column values as COPY text, generated once per run. */
export function generateCompanies(sizes: FixtureSizes): CopyRows[] {
  const others = sizes.companies - 1;
  const rest = sizes.total - sizes.inCompany;
  const counts = [
    sizes.inCompany,
    ...Array.from({ length: others }, (_, k) => Math.floor(rest / others) + (k < rest % others ? 1 : 0)),
  ];
  return counts.map((size, k) => {
    const leavers = generateLeavers(size, 1000 + k, k === 0 ? '' : `C${k}-`);
    for (const l of leavers.slice(0, 100)) {
      const validated = JSON.stringify(columnsOf(alumnusInputSchema.parse(leaverInput(l))));
      if (validated !== JSON.stringify(columnsOf(leaverInput(l))))
        throw new Error(`generated leaver differs once validated: ${validated}`);
    }
    return copyRowsOf(leavers.map((l) => columnsOf(leaverInput(l))));
  });
}

/** PGlite on disk in a throwaway KIZUNA_DATA_DIR (the database in its `pgdata`). */
export async function openPgliteDataDir(): Promise<{
  dataDir: string;
  open(): Promise<{ db: Database; raw: RawDriver }>;
  remove(): void;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kizuna-bench-load-'));
  return {
    dataDir,
    open: async () => {
      const db = await openDatabase({ dataDir: join(dataDir, 'pgdata') });
      if (!db.pglite) throw new Error('openDatabase returned no PGlite instance');
      return { db, raw: createPgliteRaw(db.pglite) };
    },
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export interface Loaded {
  sakura: string;
  loadMs: number;
  /** What the product's maintenance did after the load. */
  maintenance: string;
  maintenanceMs: number;
}

/**
 * Migrates, seeds the demo, creates the other companies, bulk-loads every company's rows into the
 * table as it is (indexes in place, as an import writes them), then the product's own maintenance.
 */
export async function loadFixture(
  db: Database,
  pool: RawDriver['pool'],
  companies: CopyRows[],
): Promise<Loaded> {
  const demo = await prepareDemo(db);
  const tenantIds = [demo.sakura, demo.midori];
  for (let k = tenantIds.length; k < companies.length; k++) {
    const tenant = await createTenant(db, null, {
      slug: `bench-${k}`,
      name: `ベンチ${k}株式会社`,
      operatingModel: 'broadcast',
    });
    tenantIds.push(tenant.id);
  }
  const loadStart = performance.now();
  for (const [k, rows] of companies.entries()) {
    const tenantId = tenantIds[k]!;
    if (pool) await copyPostgres(pool, 'alumni', copyDataOf(tenantId, rows));
    else if (db.pglite)
      for (let i = 0; i < rows.lines.length; i += PGLITE_COPY_ROWS)
        await copyPglite(db.pglite, 'alumni', copyDataOf(tenantId, rows, i, i + PGLITE_COPY_ROWS));
    else throw new Error('no driver to load with');
  }
  const loadMs = performance.now() - loadStart;

  // the product's own maintenance after a bulk write, and nothing of the benchmark's
  const maintenanceStart = performance.now();
  const logged: string[] = [];
  let failure: unknown;
  await maintainAfterBulkWrite(db, {
    info: (o, m) => logged.push(`${m}: ${JSON.stringify(o)}`),
    warn: (o, m) => {
      failure = (o as { err?: unknown }).err ?? m;
    },
  });
  if (failure) throw new Error(`maintainAfterBulkWrite failed: ${failure}`);
  return {
    sakura: demo.sakura,
    loadMs,
    maintenance: `maintainAfterBulkWrite: ${logged.join('; ') || 'nothing to do (no table found stale)'}`,
    maintenanceMs: performance.now() - maintenanceStart,
  };
}

/**
 * `n` alumni ids of the company for detail requests: the first by id (uuids, so scattered over the
 * table), read through the primary key so the look-up touches only those rows' pages.
 */
export async function sampleIds(raw: RawDriver, tenantId: string, n: number): Promise<string[]> {
  const rows = await raw.ownerQuery(`select id from alumni where tenant_id = $1 order by id limit $2`, [
    tenantId,
    n,
  ]);
  return rows.map((r) => String(r.id));
}
