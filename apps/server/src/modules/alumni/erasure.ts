import { createHash } from 'node:crypto';

/**
 * What stays of an erased person's address: a hash, so a later import of the same leaver is
 * recognised and not re-created, without keeping the address itself.
 */
export function erasedEmailHash(email: string) {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}
