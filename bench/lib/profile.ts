/**
 * Where the time of one long operation goes: every SQL statement sent meanwhile (by any pg client of
 * the process, or through the PGlite instance) is timed from the driver call to its result, and
 * grouped by kind (`insert alumni`, `select alumni`…). The rest of the wall time is JavaScript:
 * parsing, validating, building SQL text and parameters, mapping results.
 *
 * Only for one-off breakdowns of a single long operation (an import), never around many small
 * timed requests: the wrapping costs a little per statement.
 */
import type { PGlite, QueryOptions, Transaction } from '@electric-sql/pglite';
import pg from 'pg';

export interface StatementGroup {
  kind: string;
  count: number;
  ms: number;
  /** Parameters sent, summed (a multi-row INSERT sends rows × columns). */
  params: number;
}

export interface Profile {
  wallMs: number;
  /** Time inside the driver: from the call until the result arrived. */
  sqlMs: number;
  groups: StatementGroup[];
}

/** `insert alumni`, `select alumni`, `update alumni`, `begin`… from a statement's text. */
export function statementKind(text: string): string {
  const t = text.trim().toLowerCase();
  const m =
    /^(insert into|update|delete from)\s+"?([\w.]+)"?/.exec(t) ??
    /^(select)\b[\s\S]*?\bfrom\s+"?([\w.]+)"?/.exec(t) ??
    /^(copy)\s+"?([\w.]+)"?/.exec(t);
  if (m) return `${m[1]!.split(' ')[0]} ${m[2]}`;
  return t.split(/\s+/, 1)[0] ?? '?';
}

type Recorder = (text: string, params: number, ms: number) => void;

function recorder() {
  const groups = new Map<string, StatementGroup>();
  const record: Recorder = (text, params, ms) => {
    const kind = statementKind(text);
    const g = groups.get(kind) ?? { kind, count: 0, ms: 0, params: 0 };
    g.count++;
    g.ms += ms;
    g.params += params;
    groups.set(kind, g);
  };
  return { groups, record };
}

function timedCall<R>(record: Recorder, text: string, params: number, call: () => Promise<R>): Promise<R> {
  const start = performance.now();
  return call().finally(() => record(text, params, performance.now() - start));
}

async function profilePglite<T>(pglite: PGlite, record: Recorder, fn: () => Promise<T>) {
  const { query, transaction } = pglite;
  const boundQuery = query.bind(pglite);
  const boundTransaction = transaction.bind(pglite);
  pglite.query = <R>(text: string, params?: unknown[], options?: QueryOptions) =>
    timedCall(record, text, params?.length ?? 0, () => boundQuery<R>(text, params, options));
  pglite.transaction = <R>(callback: (tx: Transaction) => Promise<R>) =>
    boundTransaction<R>(async (tx) => {
      const txQuery = tx.query;
      tx.query = <Q>(text: string, params?: unknown[], options?: QueryOptions) =>
        timedCall(record, text, params?.length ?? 0, () => txQuery<Q>(text, params, options));
      return callback(tx);
    });
  try {
    return await fn();
  } finally {
    pglite.query = query;
    pglite.transaction = transaction;
  }
}

async function profilePostgres<T>(record: Recorder, fn: () => Promise<T>) {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const { query } = proto;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const start = performance.now();
    const result = query.apply(this, args);
    // only promise-returning calls (drizzle's and ours); callbacks and submittables pass through
    if (!(result instanceof Promise)) return result;
    let text = '';
    let params = 0;
    if (typeof first === 'string') {
      text = first;
      params = Array.isArray(args[1]) ? args[1].length : 0;
    } else if (first && typeof first === 'object' && 'text' in first) {
      text = String(first.text);
      const values = (first as { values?: unknown[] }).values;
      params = Array.isArray(values) ? values.length : Array.isArray(args[1]) ? args[1].length : 0;
    }
    return result.finally(() => record(text, params, performance.now() - start));
  };
  try {
    return await fn();
  } finally {
    proto.query = query;
  }
}

/** Runs `fn` and returns its value with the statements it sent, timed and grouped. */
export async function profileStatements<T>(
  pglite: PGlite | undefined,
  fn: () => Promise<T>,
): Promise<{ value: T; profile: Profile }> {
  const { groups, record } = recorder();
  const start = performance.now();
  const value = pglite ? await profilePglite(pglite, record, fn) : await profilePostgres(record, fn);
  const wallMs = performance.now() - start;
  const list = [...groups.values()].sort((a, b) => b.ms - a.ms);
  return { value, profile: { wallMs, sqlMs: list.reduce((s, g) => s + g.ms, 0), groups: list } };
}
