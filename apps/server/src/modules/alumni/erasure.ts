import { createHash, createHmac } from 'node:crypto';
import { and, eq, isNotNull, notLike } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { alumni } from './tables.js';

/** Marks the keyed form; a stored value without it is a bare SHA-256 written before issue 9. */
const KEYED = 'hmac:';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const keyed = (secret: string, digest: string) =>
  `${KEYED}${createHmac('sha256', secret).update(digest).digest('hex')}`;

/**
 * What stays of an erased person's address, so a later import of the same leaver is recognised and
 * not re-created, without keeping the address itself: HMAC-SHA-256 keyed with the server secret
 * (KIZUNA_SECRET) over the SHA-256 of the normalized address. Without the secret nobody can confirm
 * a guessed address against the stored value (a bare SHA-256 anyone could recompute). The inner
 * SHA-256 lets values stored before the key was introduced be re-keyed without the address
 * ({@link unsafeRekeyErasedEmailHashes}). Changing the secret makes earlier values unrecognisable:
 * a re-import of such a person is then not skipped.
 */
export function erasedEmailHash(secret: string, email: string) {
  return keyed(secret, sha256(email.trim().toLowerCase()));
}

/**
 * Re-keys values written as a bare SHA-256 (before issue 9) into the keyed form, across companies
 * (owner connection: a start-up step, before any request; never with a transaction open). Runs on
 * every start after the migrations and does nothing once every value is keyed. Returns how many
 * it changed.
 */
export async function unsafeRekeyErasedEmailHashes(db: Database, secret: string): Promise<number> {
  const legacy = await db.unsafeOwner
    .select({ tenantId: alumni.tenantId, id: alumni.id, hash: alumni.erasedEmailHash })
    .from(alumni)
    .where(and(isNotNull(alumni.erasedEmailHash), notLike(alumni.erasedEmailHash, `${KEYED}%`)));
  for (const row of legacy)
    await db.unsafeOwner
      .update(alumni)
      .set({ erasedEmailHash: keyed(secret, row.hash!) })
      .where(
        and(eq(alumni.tenantId, row.tenantId), eq(alumni.id, row.id), eq(alumni.erasedEmailHash, row.hash!)),
      );
  return legacy.length;
}
