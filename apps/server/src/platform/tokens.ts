import { createHash, randomBytes } from 'node:crypto';
import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './db/database.js';

/**
 * The one way the product makes and finds the secrets it mails (staff and alumni invitations,
 * registration confirmations, the rehire-policy share link): a random token goes into the link,
 * only its SHA-256 is stored, so a database read reveals no usable link.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A fresh token (256 bits unless told) and the hash to store. */
export function newToken(bytes = 32): { token: string; tokenHash: string } {
  const token = randomBytes(bytes).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

/**
 * The company a token belongs to, found by its hash. Whoever follows a mailed link has no session
 * yet, so this crosses tenants by design (the owner connection); everything after it runs inside
 * that company's row-level-security scope.
 */
export async function unsafeFindTenantByToken(
  db: Database,
  table: PgTable & { tenantId: PgColumn },
  tokenHashColumn: PgColumn,
  token: string,
  alsoWhere?: SQL,
): Promise<string | null> {
  const [row] = await db.unsafeOwner
    .select({ tenantId: table.tenantId })
    .from(table)
    .where(and(eq(tokenHashColumn, hashToken(token)), alsoWhere))
    .limit(1);
  return (row?.tenantId as string | undefined) ?? null;
}
