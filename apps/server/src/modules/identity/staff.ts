import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { authUser, memberships } from './tables.js';

/** The company's staff: its admins and HR members. */
export async function listStaff(tx: Tx, tenantId: string) {
  const rows = await tx
    .select({
      membershipId: memberships.id,
      userId: memberships.userId,
      name: authUser.name,
      email: authUser.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(authUser, eq(authUser.id, memberships.userId))
    .where(
      and(eq(memberships.tenantId, tenantId), inArray(memberships.role, ['company_admin', 'company_staff'])),
    )
    .orderBy(asc(memberships.role), asc(authUser.name));
  return rows.map((r) => ({ ...r, joinedAt: r.joinedAt.toISOString() }));
}
