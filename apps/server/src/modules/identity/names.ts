import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { authUser, invitations, memberships } from './tables.js';

/**
 * Members' names by membership id (the person's account name as it is now), for the audit log.
 * In a company's transaction, row-level security keeps it to that company's memberships.
 */
export async function membershipNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: memberships.id, name: authUser.name })
    .from(memberships)
    .innerJoin(authUser, eq(authUser.id, memberships.userId))
    .where(inArray(memberships.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Staff invitations by id, named by the invited address (they have no other name), for the audit log. */
export async function invitationNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: invitations.id, email: invitations.email })
    .from(invitations)
    .where(inArray(invitations.id, unique));
  return new Map(rows.map((r) => [r.id, r.email]));
}
