import { inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { alumni } from './tables.js';

/**
 * Leaver records' names by id, as they are now ("姓 名"; an anonymized record's placeholder), for
 * the audit log. In a company's transaction, row-level security keeps it to that company.
 */
export async function alumnusNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: alumni.id, familyName: alumni.familyName, givenName: alumni.givenName })
    .from(alumni)
    .where(inArray(alumni.id, unique));
  return new Map(rows.map((r) => [r.id, `${r.familyName} ${r.givenName}`.trim()]));
}
