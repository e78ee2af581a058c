/**
 * The databases a run measures: PGlite in memory always, and PostgreSQL when one is configured
 * or the local test server answers. A PostgreSQL run works in a throwaway database of its own,
 * created here and dropped at the end, so it never touches existing data.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite, QueryOptions, Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openDatabase } from '../../apps/server/src/platform/db/database.js';
import { createPgliteRaw, createPostgresRaw, type RawDriver } from './raw.js';

/** Where the local PostgreSQL test server is expected when nothing is configured. */
const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export type TargetSpec =
  | { kind: 'pglite'; label: string }
  | { kind: 'postgres'; label: string; adminUrl: string };

export interface OpenTarget {
  /** The spec's label, or for PGlite on disk "PGlite (on disk)". */
  label: string;
  db: Database;
  raw: RawDriver;
  /** Where the data lives, for printing (no credentials). */
  where: string;
  /** The connection string of the throwaway database (PostgreSQL only). */
  databaseUrl: string | undefined;
  /**
   * Runs `fn` and returns the SQL statements sent to the database meanwhile, by any connection of
   * this process. Only for one-off checks (it wraps the driver), never while timing.
   */
  captureStatements<T>(fn: () => Promise<T>): Promise<{ value: T; statements: string[] }>;
  /** Closes every connection and drops the throwaway database. */
  dispose(): Promise<void>;
}

/** host:port/database, without user or password, for printing. */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * PGlite, then PostgreSQL from BENCH_DATABASE_URL or DATABASE_URL (a configured server that does
 * not answer is an error), else the local test server if it answers (skipped quietly if not).
 */
export async function discoverTargets(
  env: NodeJS.ProcessEnv,
): Promise<{ targets: TargetSpec[]; notes: string[] }> {
  const targets: TargetSpec[] = [{ kind: 'pglite', label: 'PGlite (in memory)' }];
  const notes: string[] = [];
  const configured = env.BENCH_DATABASE_URL || env.DATABASE_URL || undefined;
  if (configured) {
    targets.push({ kind: 'postgres', label: 'PostgreSQL', adminUrl: configured });
  } else if (await answers(LOCAL_POSTGRES_URL)) {
    targets.push({ kind: 'postgres', label: 'PostgreSQL', adminUrl: LOCAL_POSTGRES_URL });
  } else {
    notes.push(
      `PostgreSQL skipped: no BENCH_DATABASE_URL or DATABASE_URL, and ${describeUrl(LOCAL_POSTGRES_URL)} does not answer`,
    );
  }
  return { targets, notes };
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Records the text of every statement PGlite runs, in or out of a transaction. */
async function capturePglite<T>(pglite: PGlite, fn: () => Promise<T>) {
  const statements: string[] = [];
  const { query, transaction } = pglite;
  const boundQuery = query.bind(pglite);
  const boundTransaction = transaction.bind(pglite);
  pglite.query = <R>(text: string, params?: unknown[], options?: QueryOptions) => {
    statements.push(text);
    return boundQuery<R>(text, params, options);
  };
  pglite.transaction = <R>(callback: (tx: Transaction) => Promise<R>) =>
    boundTransaction<R>(async (tx) => {
      // PGlite sends BEGIN and COMMIT itself; listed so the count compares with PostgreSQL's
      statements.push('begin');
      const txQuery = tx.query;
      tx.query = <Q>(text: string, params?: unknown[], options?: QueryOptions) => {
        statements.push(text);
        return txQuery<Q>(text, params, options);
      };
      const result = await callback(tx);
      statements.push('commit');
      return result;
    });
  try {
    return { value: await fn(), statements };
  } finally {
    pglite.query = query;
    pglite.transaction = transaction;
  }
}

/** Records the text of every statement any pg client (pooled or not) sends. */
async function capturePostgres<T>(fn: () => Promise<T>) {
  const statements: string[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const { query } = proto;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    if (typeof first === 'string') statements.push(first);
    else if (first && typeof first === 'object' && 'text' in first) statements.push(String(first.text));
    return query.apply(this, args);
  };
  try {
    return { value: await fn(), statements };
  } finally {
    proto.query = query;
  }
}

/**
 * Opens the database of `spec`, fresh. PGlite is in memory unless `pgliteOnDisk`: then it keeps its
 * data in a temporary directory, as the app runs it embedded (`KIZUNA_DATA_DIR/pgdata`). In-memory
 * PGlite slows down as relations grow (each 1,000-row COPY into alumni took 81 ms into an empty
 * table and 2.2 s at 49,000 rows here; on disk a steady ~0.15 s), so benchmarks with a large
 * volume use the disk.
 */
export async function openTarget(
  spec: TargetSpec,
  options: { pgliteOnDisk?: boolean } = {},
): Promise<OpenTarget> {
  if (spec.kind === 'pglite') {
    const dataDir = options.pgliteOnDisk ? mkdtempSync(join(tmpdir(), 'kizuna-bench-pglite-')) : undefined;
    const removeDir = () => {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    };
    let db: Database;
    try {
      db = await openDatabase({ dataDir });
    } catch (error) {
      removeDir();
      throw error;
    }
    if (!db.pglite) throw new Error('openDatabase returned no PGlite instance');
    const pglite = db.pglite;
    return {
      label: dataDir ? 'PGlite (on disk)' : spec.label,
      db,
      raw: createPgliteRaw(pglite),
      where: dataDir ? `in process, data in ${tmpdir()} (throwaway)` : 'in process',
      databaseUrl: undefined,
      captureStatements: (fn) => capturePglite(pglite, fn),
      dispose: async () => {
        try {
          await db.close();
        } finally {
          removeDir();
        }
      },
    };
  }

  // A fresh database on the configured server; its name is an identifier we generate, never input.
  const name = `kizuna_bench_${randomBytes(6).toString('hex')}`;
  await withAdmin(spec.adminUrl, (admin) => admin.query(`create database "${name}"`));
  const url = new URL(spec.adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dropDatabase = () =>
    withAdmin(spec.adminUrl, (admin) => admin.query(`drop database if exists "${name}" with (force)`));

  let db: Database | undefined;
  try {
    db = await openDatabase({ databaseUrl });
    const raw = createPostgresRaw(databaseUrl);
    const opened = db;
    return {
      label: spec.label,
      db: opened,
      raw,
      where: `${describeUrl(databaseUrl)} (throwaway)`,
      databaseUrl,
      captureStatements: capturePostgres,
      dispose: async () => {
        try {
          await raw.close();
          await opened.close();
        } finally {
          await dropDatabase();
        }
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    await dropDatabase().catch(() => undefined);
    throw error;
  }
}
