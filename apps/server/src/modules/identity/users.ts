import { randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/database.js';
import { authAccount, authUser } from './tables.js';

export async function findUserByEmail(tx: Tx | Db, email: string) {
  const [row] = await tx
    .select({ id: authUser.id, name: authUser.name, email: authUser.email })
    .from(authUser)
    .where(eq(authUser.email, email.trim().toLowerCase()));
  return row ?? null;
}

/**
 * Creates a user with an optional password, the way better-auth stores one (credential account,
 * scrypt hash). Used by invitations, the CLI and the demo seed; there is no open sign-up.
 */
export async function createUser(
  tx: Tx | Db,
  input: { email: string; name: string; password?: string | undefined; emailVerified?: boolean },
) {
  const id = randomUUID();
  const email = input.email.trim().toLowerCase();
  await tx
    .insert(authUser)
    .values({ id, name: input.name, email, emailVerified: input.emailVerified ?? true });
  if (input.password) {
    await tx.insert(authAccount).values({
      id: randomUUID(),
      accountId: id,
      providerId: 'credential',
      userId: id,
      password: await hashPassword(input.password),
    });
  }
  return { id, name: input.name, email };
}
