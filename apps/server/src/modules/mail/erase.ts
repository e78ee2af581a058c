import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { outgoingMail } from './tables.js';

/**
 * A person's deletion request (APPI): the mail a company sent to their addresses keeps subject,
 * status and times, but loses the address and the body (its greeting names them). Mail outside
 * any company (sign-in links, password resets) goes the same way when `withoutCompany` (their
 * account is gone). Runs in the deletion's transaction with the owner's rights (`unsafeAsOwner`):
 * the outbox is operator-level, hidden from company transactions. Returns how many rows changed.
 */
export async function unsafeEraseMailTo(
  tx: Tx,
  tenantId: string,
  addresses: string[],
  options: { withoutCompany: boolean },
): Promise<number> {
  const to = [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  if (!to.length) return 0;
  const changed = await tx
    .update(outgoingMail)
    .set({ to: null, text: null, html: null, erasedAt: new Date() })
    .where(
      and(
        inArray(outgoingMail.to, to),
        options.withoutCompany
          ? or(eq(outgoingMail.tenantId, tenantId), isNull(outgoingMail.tenantId))
          : eq(outgoingMail.tenantId, tenantId),
      ),
    )
    .returning({ id: outgoingMail.id });
  return changed.length;
}
