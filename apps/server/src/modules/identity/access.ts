import {
  type OperatorRole,
  operatorPermissions,
  type Permission,
  permissionsOf,
  type Role,
  type TenantRole,
} from '@kizuna/contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Auth, getSession } from '../../platform/auth.js';
import type { Database, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { tenants } from '../tenants/tables.js';
import { authSession, memberships, operatorStaff } from './tables.js';

export interface ActiveTenant {
  id: string;
  name: string;
  slug: string;
  status: 'active' | 'suspended';
  /** The role the user acts with here; operator admins act as `operator_admin`. */
  role: Role;
}

/** Who is calling, resolved once per request from the session (never from client fields). */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  sessionId: string;
  operatorRole: OperatorRole | null;
  memberships: {
    tenantId: string;
    tenantName: string;
    tenantSlug: string;
    tenantStatus: 'active' | 'suspended';
    role: TenantRole;
  }[];
  activeTenant: ActiveTenant | null;
  permissions: Permission[];
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The signed-in actor; throws `unauthenticated` on public routes without a session. */
    requireActor(): Actor;
    /** One transaction as the application role, scoped by RLS to the actor's active company. */
    inTenant<T>(fn: (tx: Tx, tenantId: string) => Promise<T>): Promise<T>;
    /** One transaction as the application role with no company: operator-level tables. */
    inOperator<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  }
}

/**
 * The user's operator role and memberships across companies, in one round trip. Crosses tenants
 * by design (it is how a session finds its companies), hence the owner connection and the name.
 */
export async function unsafeFindRolesOfUser(db: Database, userId: string) {
  const rows = await db.unsafeOwner
    .select({
      operatorRole: operatorStaff.role,
      tenantId: memberships.tenantId,
      tenantName: tenants.name,
      tenantSlug: tenants.slug,
      tenantStatus: tenants.status,
      role: memberships.role,
    })
    .from(sql`(select ${userId}::text as user_id) as me`)
    .leftJoin(operatorStaff, sql`${operatorStaff.userId} = me.user_id`)
    .leftJoin(memberships, sql`${memberships.userId} = me.user_id`)
    .leftJoin(tenants, eq(tenants.id, memberships.tenantId))
    .orderBy(asc(tenants.name));
  const operatorRole = rows[0]?.operatorRole ?? null;
  const mine: Actor['memberships'] = [];
  for (const r of rows)
    if (r.tenantId && r.tenantName && r.tenantSlug && r.tenantStatus && r.role)
      mine.push({
        tenantId: r.tenantId,
        tenantName: r.tenantName,
        tenantSlug: r.tenantSlug,
        tenantStatus: r.tenantStatus,
        role: r.role,
      });
  return { operatorRole, memberships: mine };
}

/**
 * The company the session acts in: the one it chose (a membership, or any company for an
 * operator admin), else the user's first company.
 */
async function chooseActiveTenant(
  db: Database,
  wanted: string | null,
  operatorRole: OperatorRole | null,
  mine: Actor['memberships'],
): Promise<ActiveTenant | null> {
  const membership = mine.find((m) => m.tenantId === wanted);
  if (!membership && wanted && operatorRole === 'operator_admin') {
    const [tenant] = await db.unsafeOwner.select().from(tenants).where(eq(tenants.id, wanted));
    if (tenant)
      return {
        id: tenant.id,
        name: tenant.name,
        slug: tenant.slug,
        status: tenant.status,
        role: 'operator_admin',
      };
  }
  const chosen = membership ?? mine[0];
  return chosen
    ? {
        id: chosen.tenantId,
        name: chosen.tenantName,
        slug: chosen.tenantSlug,
        status: chosen.tenantStatus,
        role: chosen.role,
      }
    : null;
}

/** The roles whose permissions apply: the operator role, and the role in the active company. */
function rolesOf(operatorRole: OperatorRole | null, activeTenant: ActiveTenant | null): Role[] {
  const roles: Role[] = [];
  if (operatorRole) roles.push(operatorRole);
  if (activeTenant && activeTenant.role !== 'operator_admin') roles.push(activeTenant.role);
  return roles;
}

export async function resolveActor(db: Database, auth: Auth, request: FastifyRequest): Promise<Actor | null> {
  const found = await getSession(auth, request);
  if (!found) return null;
  const { user, session } = found;
  const { operatorRole, memberships: mine } = await unsafeFindRolesOfUser(db, user.id);
  const wanted = (session as { activeTenantId?: string | null }).activeTenantId ?? null;
  const activeTenant = await chooseActiveTenant(db, wanted, operatorRole, mine);
  let granted = permissionsOf(rolesOf(operatorRole, activeTenant));
  // Company permissions need an open company, and an active one unless an operator admin acts.
  const companyUsable =
    activeTenant && (activeTenant.status === 'active' || operatorRole === 'operator_admin');
  if (!companyUsable) granted = granted.filter((p) => operatorPermissions.includes(p));
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    sessionId: session.id,
    operatorRole,
    memberships: mine,
    activeTenant,
    permissions: granted,
  };
}

/** Sets the company a session acts in, after checking the user may act there. */
export async function setActiveTenant(db: Database, actor: Actor, tenantId: string) {
  const isMember = actor.memberships.some((m) => m.tenantId === tenantId);
  if (!isMember) {
    if (actor.operatorRole !== 'operator_admin') throw new AppError('not_found');
    const [tenant] = await db.unsafeOwner
      .select({ id: tenants.id })
      .from(tenants)
      .where(eq(tenants.id, tenantId));
    if (!tenant) throw new AppError('not_found');
  }
  await db.unsafeOwner
    .update(authSession)
    .set({ activeTenantId: tenantId })
    .where(and(eq(authSession.id, actor.sessionId), eq(authSession.userId, actor.userId)));
}

/**
 * Checks every route's declared permission before its handler runs, and gives the request its
 * tenant-scoped transaction. A route without a declared permission fails closed.
 */
export function registerAccessControl(app: FastifyInstance, db: Database, auth: Auth) {
  app.decorateRequest('actor', null);
  app.decorateRequest('requireActor', function (this: FastifyRequest) {
    if (!this.actor) throw new AppError('unauthenticated');
    return this.actor;
  });
  app.decorateRequest('inTenant', function <
    T,
  >(this: FastifyRequest, fn: (tx: Tx, tenantId: string) => Promise<T>) {
    const tenantId = this.actor?.activeTenant?.id;
    if (!tenantId) throw new AppError('forbidden');
    return db.withTenant(tenantId, (tx) => fn(tx, tenantId));
  });
  app.decorateRequest('inOperator', function <T>(this: FastifyRequest, fn: (tx: Tx) => Promise<T>) {
    return db.withoutTenant(fn);
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.permission;
    if (access === undefined) {
      // 404 routes have no options; everything else must declare its access
      if (request.routeOptions.url === undefined) return;
      throw new AppError('forbidden');
    }
    if (access === 'public') {
      request.actor = await resolveActor(db, auth, request).catch(() => null);
      return;
    }
    request.actor = await resolveActor(db, auth, request);
    const actor = request.actor;
    if (!actor) throw new AppError('unauthenticated');
    if (access === 'authenticated') return;
    if (actor.permissions.includes(access)) return;
    if (
      actor.activeTenant?.status === 'suspended' &&
      permissionsOf(rolesOf(actor.operatorRole, actor.activeTenant)).includes(access)
    )
      throw new AppError('tenant_suspended');
    throw new AppError('forbidden');
  });
}
