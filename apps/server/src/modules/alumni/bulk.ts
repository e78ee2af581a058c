import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { nestedTextArrayLiteral, textArrayLiteral } from '../../platform/db/arrays.js';
import type { Tx } from '../../platform/db/database.js';
import { erasedEmailHash } from './erasure.js';
import type { AlumnusColumns } from './records.js';
import { type AlumnusRow, alumni } from './tables.js';

/**
 * Many records at once, for the CSV import: look-ups by employee number and e-mail, and writes of
 * thousands of records per statement. Callers run them in their own transaction.
 */

/** Values per look-up statement: one array parameter each (not thousands of parameters to bind). */
const LOOKUP_CHUNK = 20_000;

const anyOf = (values: string[]) => sql`any(${textArrayLiteral(values)}::text[])`;

/**
 * The company's records whose employee number or e-mail is among these (numbers width-folded,
 * e-mails in lower case, as stored), each once, locked for the caller's transaction: `update` when
 * it goes on to write them, `share` when it only plans.
 */
export async function findAlumniByNumberOrEmail(
  tx: Tx,
  tenantId: string,
  keys: { employeeNumbers: string[]; emails: string[] },
  lock: 'update' | 'share',
): Promise<AlumnusRow[]> {
  const found = new Map<string, AlumnusRow>();
  const { employeeNumbers, emails } = keys;
  for (let i = 0; i < Math.max(employeeNumbers.length, emails.length); i += LOOKUP_CHUNK) {
    const n = employeeNumbers.slice(i, i + LOOKUP_CHUNK);
    const e = emails.slice(i, i + LOOKUP_CHUNK);
    if (n.length)
      for (const row of await tx
        .select()
        .from(alumni)
        .where(and(eq(alumni.tenantId, tenantId), sql`${alumni.employeeNumber} = ${anyOf(n)}`))
        .for(lock))
        found.set(row.id, row);
    if (e.length)
      for (const row of await tx
        .select()
        .from(alumni)
        .where(and(eq(alumni.tenantId, tenantId), sql`${alumni.email} = ${anyOf(e)}`))
        .for(lock))
        found.set(row.id, row);
  }
  return [...found.values()];
}

/**
 * Which of these e-mails (lower case) belonged to people anonymized on request: only a keyed hash
 * of the address is kept (`secret`: the server secret, see erasure.ts), so an import never brings
 * them back.
 */
export async function findErasedEmails(
  tx: Tx,
  tenantId: string,
  emails: string[],
  secret: string,
): Promise<Set<string>> {
  const erased = new Set<string>();
  for (let i = 0; i < emails.length; i += LOOKUP_CHUNK) {
    const chunk = emails.slice(i, i + LOOKUP_CHUNK);
    const byHash = new Map(chunk.map((email) => [erasedEmailHash(secret, email), email]));
    for (const r of await tx
      .select({ hash: alumni.erasedEmailHash })
      .from(alumni)
      .where(
        and(eq(alumni.tenantId, tenantId), sql`${alumni.erasedEmailHash} = ${anyOf([...byHash.keys()])}`),
      )) {
      const email = byHash.get(r.hash!);
      if (email) erased.add(email);
    }
  }
  return erased;
}

/** How each stored column travels: as text in a text[] parameter, cast back in SQL. */
const CASTS: Record<keyof AlumnusColumns, 'text' | 'date' | 'boolean' | 'text[]' | 'jsonb' | 'leave_type'> = {
  familyName: 'text',
  givenName: 'text',
  familyNameKana: 'text',
  givenNameKana: 'text',
  email: 'text',
  phone: 'text',
  employeeNumber: 'text',
  department: 'text',
  position: 'text',
  joinedOn: 'date',
  leftOn: 'date',
  leaveType: 'leave_type',
  leaveReasonCategory: 'text',
  leaveReasonNote: 'text',
  currentCompany: 'text',
  currentTitle: 'text',
  hasDecisionAuthority: 'boolean',
  skills: 'text[]',
  interests: 'text[]',
  returnConditions: 'jsonb',
  tags: 'text[]',
  internalNotes: 'text',
  doNotContact: 'boolean',
  doNotContactReason: 'text',
  searchText: 'text',
  searchGrams: 'text[]',
};
const COLUMN_KEYS = Object.keys(CASTS) as (keyof AlumnusColumns)[];
const tableColumns = getTableColumns(alumni);

function cellOf(key: keyof AlumnusColumns, c: AlumnusColumns): string | null {
  const value = c[key];
  if (value === null || value === undefined) return null;
  switch (CASTS[key]) {
    case 'boolean':
      return value ? 't' : 'f';
    case 'jsonb':
      return JSON.stringify(value);
    default:
      return value as string;
  }
}

/**
 * The records' stored columns as one text[] parameter per column, and the SQL reading them back
 * row by row: `unnest` of arrays makes one short statement of thousands of rows, which PostgreSQL
 * neither has to parse as thousands of VALUES nor plan as such.
 */
export function columnArrays(
  records: AlumnusColumns[],
  extra: { name: string; values: string[]; cast: string }[] = [],
) {
  const params = [
    ...extra.map((e) => textArrayLiteral(e.values)),
    ...COLUMN_KEYS.map((key) =>
      CASTS[key] === 'text[]'
        ? nestedTextArrayLiteral(records.map((r) => r[key] as string[] | null))
        : textArrayLiteral(records.map((r) => cellOf(key, r))),
    ),
  ];
  const names = [...extra.map((e) => e.name), ...COLUMN_KEYS.map((key) => tableColumns[key].name)];
  const casts = [...extra.map((e) => e.cast), ...COLUMN_KEYS.map((key) => CASTS[key])];
  const unnest = sql.join(
    params.map((p) => sql`${p}::text[]`),
    sql`, `,
  );
  const aliases = sql.raw(names.map((_, i) => `c${i}`).join(', '));
  const read = (i: number) => sql.raw(`u.c${i}::${casts[i]}`);
  return { names, unnest, aliases, read, extra: extra.length };
}

/** Inserts the records in one statement; returns their new ids, in order. */
export async function insertAlumniBatch(
  tx: Tx,
  tenantId: string,
  records: AlumnusColumns[],
): Promise<string[]> {
  const { names, unnest, aliases, read } = columnArrays(records);
  const result = await tx.execute<{ id: string }>(sql`
    insert into ${alumni} (tenant_id, ${sql.raw(names.join(', '))})
    select ${tenantId}::uuid, ${sql.join(
      names.map((_, i) => read(i)),
      sql`, `,
    )}
    from unnest(${unnest}) as u(${aliases})
    returning id`);
  return (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
}

/** Overwrites the records' stored columns in one statement (one version more each). */
export async function updateAlumniBatch(tx: Tx, tenantId: string, ids: string[], records: AlumnusColumns[]) {
  const { names, unnest, aliases, read, extra } = columnArrays(records, [
    { name: 'id', values: ids, cast: 'uuid' },
  ]);
  const set = names.slice(extra).map((name, i) => sql`${sql.raw(name)} = ${read(i + extra)}`);
  await tx.execute(sql`
    update ${alumni} as a set ${sql.join(set, sql`, `)}, version = a.version + 1, updated_at = now()
    from unnest(${unnest}) as u(${aliases})
    where a.tenant_id = ${tenantId}::uuid and a.id = ${read(0)}`);
}
