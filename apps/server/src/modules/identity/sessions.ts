import type { ChangePassword } from '@kizuna/contract';
import { APIError } from 'better-auth/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { forgetCachedSessions, unsafeFindRolesOfUser } from './access.js';
import { type Auth, authHeadersOf } from './auth.js';

/**
 * Signs in a person who has just become an alumni member by following a link mailed to their
 * address (an alumni invitation, or a self-registration's confirmation): the link proves they
 * hold the address, as a sign-in link does. The session is better-auth's own (see
 * `startRegisteredSession` in `auth.ts`), acting in the company they registered with; its signed
 * cookie is added to `reply`. Nothing about it is logged.
 *
 * Only an account that holds nothing but alumni memberships is signed in this way. An account
 * that also holds a staff or operator role signs in with its own password or sign-in link: a
 * registration link stays valid for days (an invitation for 30), longer than any sign-in link,
 * and must not open a staff account.
 *
 * Call it after the registration's transaction has committed (it reads on the owner connection).
 * Returns whether a session was started.
 */
export async function startMemberSession(
  db: Database,
  auth: Auth,
  request: FastifyRequest,
  reply: FastifyReply,
  member: { userId: string; tenantId: string },
): Promise<boolean> {
  const roles = await unsafeFindRolesOfUser(db, member.userId);
  if (roles.operatorRole || roles.memberships.some((m) => m.role !== 'alumnus')) return false;
  if (!roles.memberships.some((m) => m.tenantId === member.tenantId)) return false;
  const { headers } = await auth.api.startRegisteredSession({
    body: { userId: member.userId, activeTenantId: member.tenantId },
    headers: authHeadersOf(request),
    returnHeaders: true,
  });
  for (const cookie of headers.getSetCookie()) reply.header('set-cookie', cookie);
  return true;
}

/**
 * Ends every session of a user at once (better-auth's own `deleteUserSessions`), and forgets the
 * sessions this process has cached: their next request answers 401. Call it after the transaction
 * that took their access away has committed (it writes on the owner connection).
 */
export async function endUserSessions(auth: Auth, userId: string) {
  const context = await auth.$context;
  await context.internalAdapter.deleteUserSessions(userId);
  forgetCachedSessions(auth);
}

/**
 * Changes the signed-in user's password through better-auth's `changePassword` (the current
 * password is checked first; nothing changes when it is wrong). Every other session of the user
 * ends; this one is replaced by a new session whose cookie is added to `reply`.
 */
export async function changeOwnPassword(
  auth: Auth,
  request: FastifyRequest,
  reply: FastifyReply,
  input: ChangePassword,
) {
  try {
    const { headers } = await auth.api.changePassword({
      body: { ...input, revokeOtherSessions: true },
      headers: authHeadersOf(request),
      returnHeaders: true,
    });
    for (const cookie of headers.getSetCookie()) reply.header('set-cookie', cookie);
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    const code = (error.body as { code?: string } | undefined)?.code;
    if (code === 'INVALID_PASSWORD')
      throw new AppError('validation_failed', [{ path: 'body.currentPassword', key: 'wrong_password' }]);
    if (code === 'CREDENTIAL_ACCOUNT_NOT_FOUND')
      throw new AppError('validation_failed', [{ path: 'body.currentPassword', key: 'no_password' }]);
    if (code === 'PASSWORD_TOO_SHORT' || code === 'PASSWORD_TOO_LONG')
      throw new AppError('validation_failed', [{ path: 'body.newPassword', key: 'invalid_value' }]);
    if (error.statusCode === 401) throw new AppError('unauthenticated');
    throw error;
  } finally {
    forgetCachedSessions(auth);
  }
}
