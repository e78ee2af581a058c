/**
 * The raw side of the `load` benchmark sends exactly what the app sends: each request of the mix
 * is made once against the app in this process (`server.ts`, on the same database), and the
 * statements it sent inside its tenant transaction are recorded with their parameters. Replayed
 * through the raw driver (`raw.ts`: begin, tenant and role, the statements, commit) they are the
 * app's statements without the app. The request is made twice and the second one recorded: the
 * session look-up is then served from the app's 5-second cache, as nearly always under load.
 */
import type { PGlite, QueryOptions, Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import type { Statement } from './raw.js';

interface Captured extends Statement {
  /** Sent inside a transaction (the tenant's), not on the owner connection outside one. */
  inTransaction: boolean;
}

const SET_TENANT = /^select set_config\('app\.tenant_id'/i;
const CONTROL = /^(begin|commit|rollback)\b/i;

async function capturePglite<T>(pglite: PGlite, fn: () => Promise<T>) {
  const statements: Captured[] = [];
  const { query, transaction } = pglite;
  const boundQuery = query.bind(pglite);
  const boundTransaction = transaction.bind(pglite);
  pglite.query = <R>(text: string, params?: unknown[], options?: QueryOptions) => {
    statements.push({ text, params: params ?? [], inTransaction: false });
    return boundQuery<R>(text, params, options);
  };
  pglite.transaction = <R>(callback: (tx: Transaction) => Promise<R>) =>
    boundTransaction<R>(async (tx) => {
      const txQuery = tx.query;
      tx.query = <Q>(text: string, params?: unknown[], options?: QueryOptions) => {
        statements.push({ text, params: params ?? [], inTransaction: true });
        return txQuery<Q>(text, params, options);
      };
      return callback(tx);
    });
  try {
    return { value: await fn(), statements };
  } finally {
    pglite.query = query;
    pglite.transaction = transaction;
  }
}

async function capturePostgres<T>(fn: () => Promise<T>) {
  const statements: Captured[] = [];
  const open = new WeakSet<object>();
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const { query } = proto;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const text =
      typeof first === 'string'
        ? first
        : first && typeof first === 'object' && 'text' in first
          ? String(first.text)
          : undefined;
    if (text !== undefined) {
      const given = Array.isArray(args[1])
        ? args[1]
        : first && typeof first === 'object' && 'values' in first && Array.isArray(first.values)
          ? first.values
          : [];
      if (/^begin\b/i.test(text)) open.add(this);
      statements.push({ text, params: given as unknown[], inTransaction: open.has(this) });
      if (/^(commit|rollback)\b/i.test(text)) open.delete(this);
    }
    return query.apply(this, args);
  };
  try {
    return { value: await fn(), statements };
  } finally {
    proto.query = query;
  }
}

export interface CapturedRequest<T> {
  value: T;
  /** The company of the transaction (its `set_config('app.tenant_id', …)`). */
  tenantId: string;
  /** The statements of the tenant transaction, without begin, tenant and role, commit. */
  steps: Statement[];
  /** Statements sent outside it (the session look-up when not cached, rate limits…). */
  outside: string[];
}

/** Runs `fn` (one HTTP request to the in-process app) and returns what it sent, for the raw side. */
export async function captureRequest<T>(
  pglite: PGlite | undefined,
  fn: () => Promise<T>,
): Promise<CapturedRequest<T>> {
  const { value, statements } = pglite ? await capturePglite(pglite, fn) : await capturePostgres(fn);
  const inside = statements.filter((s) => s.inTransaction && !CONTROL.test(s.text.trim()));
  if (!inside.length || !SET_TENANT.test(inside[0]!.text))
    throw new Error(`the request opened no tenant transaction: ${statements.map((s) => s.text).join(' | ')}`);
  return {
    value,
    tenantId: String(inside[0]!.params[0]),
    steps: inside.slice(1).map(({ text, params }) => ({ text, params })),
    outside: statements.filter((s) => !s.inTransaction).map((s) => s.text),
  };
}
