import { randomUUID } from 'node:crypto';
import type { OperatorRole, TenantRole } from '@kizuna/contract';
import { hashPassword } from 'better-auth/crypto';
import { count, eq, inArray } from 'drizzle-orm';
import type { Database, Db, Tx } from '../../platform/db/database.js';
import { authAccount, authUser, memberships, operatorStaff } from './tables.js';

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

/** A user with one role: an operator role, or a role in one company. One transaction. */
export async function createUserWithRole(
  db: Database,
  input: { email: string; name: string; password?: string | undefined } & (
    | { operatorRole: OperatorRole }
    | { tenantId: string; role: TenantRole }
  ),
) {
  return db.unsafeOwner.transaction(async (tx) => {
    const user = await createUser(tx, input);
    if ('operatorRole' in input)
      await tx.insert(operatorStaff).values({ userId: user.id, role: input.operatorRole });
    else await tx.insert(memberships).values({ tenantId: input.tenantId, userId: user.id, role: input.role });
    return user;
  });
}

/** Member counts per company, crossing tenants by design (the operator's list of companies). */
export async function unsafeCountMembers(owner: Db, tenantIds: string[]) {
  if (tenantIds.length === 0) return new Map<string, number>();
  const rows = await owner
    .select({ tenantId: memberships.tenantId, n: count() })
    .from(memberships)
    .where(inArray(memberships.tenantId, tenantIds))
    .groupBy(memberships.tenantId);
  return new Map(rows.map((r) => [r.tenantId, r.n]));
}
