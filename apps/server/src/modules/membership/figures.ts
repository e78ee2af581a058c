import { and, count, eq, gte } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { alumniInvitations, alumniRegistrationRequests } from './tables.js';

/** Self-registrations confirmed by e-mail and waiting for staff to match or decline them (照合待ち). */
export async function countPendingRegistrations(tx: Tx, tenantId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(alumniRegistrationRequests)
    .where(
      and(
        eq(alumniRegistrationRequests.tenantId, tenantId),
        eq(alumniRegistrationRequests.status, 'pending'),
      ),
    );
  return row?.n ?? 0;
}

/** Registration links mailed to leavers since `since`, whatever became of them (one per sending). */
export async function countInvitationsSince(tx: Tx, tenantId: string, since: Date) {
  const [row] = await tx
    .select({ n: count() })
    .from(alumniInvitations)
    .where(and(eq(alumniInvitations.tenantId, tenantId), gte(alumniInvitations.createdAt, since)));
  return row?.n ?? 0;
}
