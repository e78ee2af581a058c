import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { APP_ROLE } from './tenancy.js';

/** Queries import their tables from the owning module; no relational query schema is registered. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction: what every use case receives. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const migrationsFolder = new URL('../../../drizzle', import.meta.url).pathname;

export interface Database {
  kind: 'pglite' | 'postgres';
  /**
   * The owner connection. It bypasses row-level security, so only platform code and functions
   * named `unsafe…` use it (authentication, the migrator, cross-tenant look-ups by design).
   */
  unsafeOwner: Db;
  /** Runs `fn` in one transaction as the application role, scoped to `tenantId` by RLS. */
  withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` in one transaction as the application role with no tenant: operator-level tables only. */
  withoutTenant<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  /**
   * Runs `fn` while holding the migration lock (a PostgreSQL advisory lock), so servers started
   * together do not race on migrations or the demo seed. PGlite is one process already.
   */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance, when embedded (tests dump it as a template). */
  pglite?: PGlite;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; when absent, PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite's data folder; absent means in memory. */
  dataDir?: string | undefined;
  /** A PGlite data dump to start from (a migrated template in tests). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
}

function scoped(db: Db) {
  const run = async <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) =>
    db.transaction(async (tx) => {
      // one round trip: the tenant, and `SET LOCAL ROLE` (set_config('role', …, true) is the same)
      await tx.execute(
        sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', ${APP_ROLE}, true)`,
      );
      return fn(tx);
    });
  return {
    withTenant: <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) => {
      if (!tenantId) throw new Error('withTenant needs a tenant id');
      return run(tenantId, fn);
    },
    withoutTenant: <T>(fn: (tx: Tx) => Promise<T>) => run('', fn),
  };
}

/**
 * Moves an open transaction of the operator context (`withoutTenant`) into one company's scope for
 * the rest of it: the operator changes a company's row (only the operator context may) and the
 * audit entry, written after this, belongs to the company's own log.
 */
export async function enterTenantScope(tx: Tx, tenantId: string) {
  if (!tenantId) throw new Error('enterTenantScope needs a tenant id');
  await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => {
      /* a dropped idle connection is replaced on next use; queries in flight fail on their own */
    });
    const db = drizzleNodePg(pool) as unknown as Db;
    return {
      kind: 'postgres',
      unsafeOwner: db,
      ...scoped(db),
      migrate: async () => {
        await migrateNodePg(drizzleNodePg(pool), { migrationsFolder });
      },
      withMigrationLock: async (fn) => {
        const lock = await pool.connect();
        try {
          await lock.query('select pg_advisory_lock(7346511)'); // "kizuna migrations"
          return await fn();
        } finally {
          await lock.query('select pg_advisory_unlock(7346511)').catch(() => {});
          lock.release();
        }
      },
      ping: async () => {
        await pool.query('select 1');
      },
      close: () => pool.end(),
    };
  }
  const client = await PGlite.create({
    // the alumni search index holds the company and the grams in one GIN index (migration 0005)
    extensions: { btree_gin },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    unsafeOwner: db,
    ...scoped(db),
    migrate: async () => {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    withMigrationLock: (fn) => fn(),
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
    pglite: client,
  };
}
