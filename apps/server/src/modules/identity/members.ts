import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { authUser, memberships, operatorStaff } from './tables.js';

/** Makes a user an alumni member of the company (once: a second call changes nothing). */
export async function grantAlumnusMembership(tx: Tx, tenantId: string, userId: string) {
  const [existing] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  if (!existing) await tx.insert(memberships).values({ tenantId, userId, role: 'alumnus' });
}

/** Ends a user's alumni membership of the company (their staff roles, if any, stay). */
export async function revokeAlumnusMembership(tx: Tx, tenantId: string, userId: string) {
  await tx
    .delete(memberships)
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.userId, userId),
        eq(memberships.role, 'alumnus'),
      ),
    );
}

/** The address a user signs in with. */
export async function userEmail(tx: Tx, userId: string) {
  const [user] = await tx.select({ email: authUser.email }).from(authUser).where(eq(authUser.id, userId));
  return user?.email ?? null;
}

/**
 * Deletes a user who has no company or operator role left (their sessions and sign-in methods go
 * with them), inside a transaction already holding the owner's rights (`unsafeAsOwner`: the
 * application role may not delete users), so that the account goes in the transaction that erased
 * the person. Returns whether it was removed.
 */
export async function unsafeRemoveUserWithoutRoles(tx: Tx, userId: string): Promise<boolean> {
  const [other] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .limit(1);
  const [operator] = await tx
    .select({ userId: operatorStaff.userId })
    .from(operatorStaff)
    .where(eq(operatorStaff.userId, userId))
    .limit(1);
  if (other || operator) return false;
  await tx.delete(authUser).where(eq(authUser.id, userId));
  return true;
}
