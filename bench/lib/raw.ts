/**
 * The raw baseline: the SQL that GET /api/audit runs, written by hand and sent through the driver
 * itself, inside the same kind of transaction `db.withTenant` opens (one `select set_config(…)` of
 * the tenant and the application role, so row-level security applies as in the app).
 * No ORM, no HTTP, no session look-up: what the database and driver alone cost.
 */
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { APP_ROLE } from '../../apps/server/src/platform/db/tenancy.js';

/** The keyset cursor the endpoint decodes: the id of the last row seen. */
export interface KeysetAfter {
  id: string;
}

/**
 * Column list, join, filter and order exactly as drizzle generates them for `listAuditLog` (checked
 * with `.toSQL()`; the run also checks that the app still sends this text, see `sqlMatchesApp`).
 */
const SELECT = `select "audit_log"."id", "audit_log"."tenant_id", "tenants"."name", "audit_log"."actor_user_id", "audit_log"."actor_name", "audit_log"."action", "audit_log"."subject_type", "audit_log"."subject_id", "audit_log"."detail", "audit_log"."ip", "audit_log"."created_at" from "audit_log" left join "tenants" on "tenants"."id" = "audit_log"."tenant_id"`;
const ORDER = `order by "audit_log"."created_at" desc, "audit_log"."id" desc`;
const FIRST_PAGE_SQL = `${SELECT} where "audit_log"."tenant_id" = $1 ${ORDER} limit $2`;
const AFTER_SQL = `${SELECT} where (("audit_log"."created_at", "audit_log"."id") < (select c.created_at, c.id from "audit_log" c where c.id = $1) and "audit_log"."tenant_id" = $2) ${ORDER} limit $3`;

/** The statement and parameters for one page of `limit` rows (one more is fetched, as the app does). */
export function auditPageQuery(
  tenantId: string,
  limit: number,
  after: KeysetAfter | null,
): { text: string; params: unknown[] } {
  if (!after) return { text: FIRST_PAGE_SQL, params: [tenantId, limit + 1] };
  return { text: AFTER_SQL, params: [after.id, tenantId, limit + 1] };
}

/**
 * The tenant and the role in one round trip, as `db.withTenant` sends it (`set_config('role', …,
 * true)` is `SET LOCAL ROLE`), with the same text and parameters.
 */
const SET_TENANT_AND_ROLE = `select set_config('app.tenant_id', $1, true), set_config('role', $2, true)`;

export interface Statement {
  text: string;
  params: unknown[];
}

/**
 * A statement of a raw transaction, or one made from the rows of the statements before it (as the
 * app feeds the name search's ids into the page query); null skips it (its rows are then empty).
 */
export type Step = Statement | ((previous: Record<string, unknown>[][]) => Statement | null);

const statementOf = (step: Step, previous: Record<string, unknown>[][]) =>
  typeof step === 'function' ? step(previous) : step;

/** Statements one raw transaction sends besides the caller's: begin, tenant and role, commit. */
export const RAW_OVERHEAD_STATEMENTS = 3;

export interface RawDriver {
  /** Runs one statement as the application role in `tenantId`'s transaction; returns its rows. */
  query(tenantId: string, text: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs the statements in order in one such transaction; returns the rows of each. */
  transaction(tenantId: string, statements: Step[]): Promise<Record<string, unknown>[][]>;
  /** One statement as the connecting user (the owner: no role change, row-level security bypassed). */
  ownerQuery(text: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** The pg pool (PostgreSQL only), for bulk loads through the driver itself. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

/** PGlite: the instance the app uses, through its own transaction API (as drizzle's PGlite session does). */
export function createPgliteRaw(pglite: PGlite): RawDriver {
  const transaction = (tenantId: string, statements: Step[]) =>
    pglite.transaction(async (tx) => {
      await tx.query(SET_TENANT_AND_ROLE, [tenantId, APP_ROLE]);
      const results: Record<string, unknown>[][] = [];
      for (const step of statements) {
        const s = statementOf(step, results);
        results.push(s ? (await tx.query<Record<string, unknown>>(s.text, s.params)).rows : []);
      }
      return results;
    });
  return {
    transaction,
    query: async (tenantId, text, params) => (await transaction(tenantId, [{ text, params }]))[0] ?? [],
    ownerQuery: async (text, params) => (await pglite.query<Record<string, unknown>>(text, params)).rows,
    close: async () => {
      /* the instance belongs to the app's Database and is closed with it */
    },
  };
}

/**
 * PostgreSQL: a pg Pool of its own on the same database. Like drizzle's node-postgres session, each
 * call checks a connection out, runs begin … commit, and releases it.
 */
export function createPostgresRaw(databaseUrl: string): RawDriver {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // an idle connection ended by the server (the throwaway database dropped WITH (FORCE) while one
  // lingers) must not crash the run
  pool.on('error', () => undefined);
  const transaction = async (tenantId: string, statements: Step[]) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(SET_TENANT_AND_ROLE, [tenantId, APP_ROLE]);
      const results: Record<string, unknown>[][] = [];
      for (const step of statements) {
        const s = statementOf(step, results);
        results.push(s ? (await client.query<Record<string, unknown>>(s.text, s.params)).rows : []);
      }
      await client.query('commit');
      return results;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    transaction,
    query: async (tenantId, text, params) => (await transaction(tenantId, [{ text, params }]))[0] ?? [],
    ownerQuery: async (text, params) => (await pool.query<Record<string, unknown>>(text, params)).rows,
    pool,
    close: () => pool.end(),
  };
}

/**
 * The plan of one statement with EXPLAIN (ANALYZE, BUFFERS): as the application role in `tenantId`'s
 * transaction (as the app runs it), or with `tenantId` null as the owner, bypassing row-level
 * security (to show what the policy changes).
 */
export async function explain(raw: RawDriver, tenantId: string | null, text: string, params: unknown[]) {
  const statement = `explain (analyze, buffers) ${text}`;
  const rows =
    tenantId === null
      ? await raw.ownerQuery(statement, params)
      : await raw.query(tenantId, statement, params);
  return rows.map((row) => String(row['QUERY PLAN'] ?? Object.values(row)[0]));
}

/** One line out of a plan: the scans used, whether it sorts, rows filters threw away, execution time. */
export function summarizePlan(plan: string[]): string {
  const scans = plan
    .map((line) =>
      /((?:Bitmap Heap|Bitmap Index|Index Only|Index|Seq) Scan(?: Backward)?)(?: using (\S+))? on (\S+)/.exec(
        line,
      ),
    )
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => (m[2] ? `${m[1]} using ${m[2]}` : `${m[1]} on ${m[3]}`));
  const sorts = plan.some((line) => line.includes('Sort Key:'));
  const removed = plan
    .map((line) => /Rows Removed by Filter: (\d+)/.exec(line)?.[1])
    .reduce((sum, n) => sum + (n ? Number(n) : 0), 0);
  const time = plan.map((line) => /Execution Time: ([\d.]+) ms/.exec(line)?.[1]).find(Boolean);
  return [
    `${[...new Set(scans)].join(' + ') || 'no scan found'}${sorts ? ', then sort' : ''}`,
    `rows removed by filter ${removed}`,
    `execution ${time ?? '?'} ms`,
  ].join('; ');
}
