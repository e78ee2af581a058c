import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { auditLog } from './tables.js';

/**
 * A person's deletion request (APPI), in the log of one company: every entry they acted in (their
 * own acts on the portal, their registration) and every queued self-registration of theirs
 * (written before they had an account, under the name they typed) keeps its action, subject, time
 * and opaque actor id, but shows `placeholder` instead of their name.
 *
 * The log is append-only for the application role (0002_grants.sql): this runs in the deletion's
 * own transaction with the owner's rights (`unsafeAsOwner`, platform/db/owner.ts), rewriting only
 * the one column, in the one company, for the one person. Returns how many entries it changed.
 */
export async function unsafeEraseActorName(
  tx: Tx,
  tenantId: string,
  person: { userId: string | null; registrationRequestIds: string[] },
  placeholder: string,
): Promise<number> {
  const theirs = [
    person.userId ? eq(auditLog.actorUserId, person.userId) : undefined,
    person.registrationRequestIds.length
      ? and(
          isNull(auditLog.actorUserId),
          eq(auditLog.subjectType, 'registration_request'),
          inArray(auditLog.subjectId, person.registrationRequestIds),
        )
      : undefined,
  ].filter((c) => c !== undefined);
  if (!theirs.length) return 0;
  const changed = await tx
    .update(auditLog)
    .set({ actorName: placeholder })
    .where(and(eq(auditLog.tenantId, tenantId), or(...theirs)))
    .returning({ id: auditLog.id });
  return changed.length;
}
