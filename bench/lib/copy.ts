/**
 * Bulk loading with COPY, the floor any import is compared against:
 *
 * - rows of the app's own column values (`columnsOf`: search text and grams included) written in
 *   COPY's text format;
 * - PGlite: `COPY … FROM '/dev/blob'` with the text as the query's blob (PGlite's way to stream a
 *   file in);
 * - PostgreSQL: `COPY … FROM STDIN` over the pg connection, with the copy-in sub-protocol spoken
 *   by a small `pg.Query` subclass (what the pg-copy-streams package does; not installed here).
 *
 * COPY runs as the table owner: PostgreSQL refuses COPY FROM into a table under row-level security
 * for a role subject to it, so the baseline cannot run as the application role. The owner bypasses
 * the policy (one equality per row; the app's import pays it, the baseline does not).
 */
import type { PGlite } from '@electric-sql/pglite';
import { getTableColumns } from 'drizzle-orm';
import pg from 'pg';
import type { AlumnusColumns } from '../../apps/server/src/modules/alumni/records.js';
import { alumni } from '../../apps/server/src/modules/alumni/tables.js';

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const ARRAY_SPECIAL = /["\\]/;

/** One field in COPY text format: backslash, tab, newline and carriage return escaped; null as \N. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (Array.isArray(value)) text = arrayLiteral(value);
  else if (typeof value === 'object') text = JSON.stringify(value);
  else if (typeof value === 'boolean') text = value ? 't' : 'f';
  else text = String(value);
  // most values need no escaping: test first, the replace is the expensive part
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text;
}

/** A PostgreSQL array literal: every element double-quoted, `"` and `\` escaped. */
function arrayLiteral(items: unknown[]): string {
  if (items.length === 0) return '{}';
  // the common case in one pass: no nulls, nothing to escape (search grams, interests)
  if (!items.includes(null) && !ARRAY_SPECIAL.test(items.join(''))) return `{"${items.join('","')}"}`;
  const quoted = items.map((v) =>
    v === null ? 'NULL' : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`,
  );
  return `{${quoted.join(',')}}`;
}

/** Records in COPY text format without the tenant: reusable for any company. */
export interface CopyRows {
  /** Database column names, `tenant_id` not included. */
  columns: string[];
  /** One line per record: its fields after `tenant_id`, tab-separated, no newline. */
  lines: string[];
}

export interface CopyData {
  /** Database column names, `tenant_id` first. */
  columns: string[];
  /** The rows in COPY text format, one line each. */
  text: string;
  rows: number;
}

/** The app's column values of each record (`columnsOf`), in COPY text format. */
export function copyRowsOf(records: AlumnusColumns[]): CopyRows {
  const first = records[0];
  if (!first) throw new Error('nothing to copy');
  const table = getTableColumns(alumni);
  const keys = Object.keys(first) as (keyof AlumnusColumns)[];
  return {
    columns: keys.map((k) => table[k].name),
    lines: records.map((r) => keys.map((k) => field(r[k])).join('\t')),
  };
}

/** The rows of one company, ready to COPY into alumni (`tenant_id` + the record's columns). */
export function copyDataOf(tenantId: string, rows: CopyRows, from = 0, to = rows.lines.length): CopyData {
  const prefix = `${field(tenantId)}\t`;
  const lines = rows.lines.slice(from, to);
  return {
    columns: ['tenant_id', ...rows.columns],
    text: lines.map((line) => `${prefix}${line}\n`).join(''),
    rows: lines.length,
  };
}

/** `copyDataOf` straight from the records. */
export function alumniCopyData(tenantId: string, records: AlumnusColumns[]): CopyData {
  return copyDataOf(tenantId, copyRowsOf(records));
}

const copySql = (table: string, columns: string[], source: string) =>
  `copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from ${source}`;

/** COPY into `table` on PGlite, in one transaction; returns the rows copied. */
export async function copyPglite(pglite: PGlite, table: string, data: CopyData): Promise<number> {
  return pglite.transaction(async (tx) => {
    const result = await tx.query(copySql(table, data.columns, `'/dev/blob'`), [], {
      blob: new Blob([data.text]),
    });
    return result.affectedRows ?? 0;
  });
}

/** Streams `chunks` when the server asks for the copy data (CopyInResponse). */
class CopyFromStdin extends pg.Query {
  constructor(
    text: string,
    private readonly chunks: Buffer[],
    callback: (error: Error | undefined, result: unknown) => void,
  ) {
    super(text);
    (this as unknown as { callback: typeof callback }).callback = callback;
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }) {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }
}

/** COPY … FROM STDIN into `table` on PostgreSQL, in one transaction; returns the rows copied. */
export async function copyPostgres(pool: pg.Pool, table: string, data: CopyData): Promise<number> {
  const bytes = Buffer.from(data.text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 1 << 20) chunks.push(bytes.subarray(i, i + (1 << 20)));
  const client = await pool.connect();
  try {
    await client.query('begin');
    const count = await new Promise<number>((resolve, reject) => {
      let settled = false;
      client.query(
        new CopyFromStdin(copySql(table, data.columns, 'stdin'), chunks, (error, result) => {
          if (settled) return;
          settled = true;
          if (error) reject(error);
          else resolve((result as { rowCount: number | null }).rowCount ?? 0);
        }),
      );
    });
    await client.query('commit');
    return count;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
