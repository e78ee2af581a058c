import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/database.js';
import { unsafeFindRolesOfUser } from './access.js';
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
