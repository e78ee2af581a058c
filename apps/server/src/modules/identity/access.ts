import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  type OperatorRole,
  operatorPermissions,
  type Permission,
  permissionsOf,
  type Role,
  type TenantRole,
} from '@kizuna/contract';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import { tenantById, tenantsByIds } from '../tenants/index.js';
import { type Auth, getSession } from './auth.js';
import { authSession, authUser, memberships, operatorStaff } from './tables.js';

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
    .select({ operatorRole: operatorStaff.role, tenantId: memberships.tenantId, role: memberships.role })
    .from(sql`(select ${userId}::text as user_id) as me`)
    .leftJoin(operatorStaff, sql`${operatorStaff.userId} = me.user_id`)
    .leftJoin(memberships, sql`${memberships.userId} = me.user_id`);
  const operatorRole = rows[0]?.operatorRole ?? null;
  const roleIn = new Map(rows.flatMap((r) => (r.tenantId && r.role ? [[r.tenantId, r.role] as const] : [])));
  const companies = await tenantsByIds(db.unsafeOwner, [...roleIn.keys()]);
  const mine: Actor['memberships'] = companies
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((t) => ({
      tenantId: t.id,
      tenantName: t.name,
      tenantSlug: t.slug,
      tenantStatus: t.status,
      role: roleIn.get(t.id)!,
    }));
  return { operatorRole, memberships: mine };
}

/**
 * Everything an actor is made of, for a signed-in user and their session: the one way a session
 * becomes an actor, whichever way the session itself was found (see resolveActor).
 */
async function actorPartsOf(
  db: Database,
  user: ActorParts['user'],
  sessionId: string,
  wanted: string | null,
): Promise<ActorParts> {
  const { operatorRole, memberships } = await unsafeFindRolesOfUser(db, user.id);
  // an operator admin may act in a company they are no member of
  const outside =
    wanted && operatorRole === 'operator_admin' && !memberships.some((m) => m.tenantId === wanted);
  const tenant = outside ? await tenantById(db.unsafeOwner, wanted) : null;
  return {
    user: { id: user.id, name: user.name, email: user.email },
    sessionId,
    wanted,
    operatorRole,
    memberships,
    wantedTenant: tenant
      ? { id: tenant.id, name: tenant.name, slug: tenant.slug, status: tenant.status }
      : null,
  };
}

/** The roles whose permissions apply: the operator role, and the role in the active company. */
function rolesOf(operatorRole: OperatorRole | null, activeTenant: ActiveTenant | null): Role[] {
  const roles: Role[] = [];
  if (operatorRole) roles.push(operatorRole);
  if (activeTenant && activeTenant.role !== 'operator_admin') roles.push(activeTenant.role);
  return roles;
}

/** What the actor is made of, however it was looked up. */
interface ActorParts {
  user: { id: string; name: string; email: string };
  sessionId: string;
  wanted: string | null;
  operatorRole: OperatorRole | null;
  memberships: Actor['memberships'];
  /** The wanted company when it exists, for operator admins acting outside their memberships. */
  wantedTenant?: Omit<ActiveTenant, 'role'> | null;
}

function actorOf(parts: ActorParts, activeTenant: ActiveTenant | null): Actor {
  const { operatorRole } = parts;
  let granted = permissionsOf(rolesOf(operatorRole, activeTenant));
  // Company permissions need an open company, and an active one unless an operator admin acts.
  const companyUsable =
    activeTenant && (activeTenant.status === 'active' || operatorRole === 'operator_admin');
  if (!companyUsable) granted = granted.filter((p) => operatorPermissions.includes(p));
  return {
    userId: parts.user.id,
    name: parts.user.name,
    email: parts.user.email,
    sessionId: parts.sessionId,
    operatorRole,
    memberships: parts.memberships,
    activeTenant,
    permissions: granted,
  };
}

/** better-auth's session settings, read once per `auth` (cookie names, secret, refresh ages). */
interface SessionSettings {
  cookieName: string;
  dontRememberName: string;
  secret: string;
  expiresInMs: number;
  updateAgeMs: number;
}
const sessionSettings = new WeakMap<Auth, Promise<SessionSettings | null>>();

function settingsOf(auth: Auth): Promise<SessionSettings | null> {
  let found = sessionSettings.get(auth);
  if (!found) {
    found = auth.$context.then((ctx) => {
      const options = ctx.options as {
        session?: {
          cookieCache?: { enabled?: boolean };
          deferSessionRefresh?: boolean;
          disableSessionRefresh?: boolean;
        };
        secondaryStorage?: unknown;
      };
      const o = options.session;
      // anything that changes how a session is read (cookie cache, deferred or disabled refresh,
      // secondary storage, rotated secrets) goes through better-auth's own getSession
      if (o?.cookieCache?.enabled || o?.deferSessionRefresh || o?.disableSessionRefresh) return null;
      if (options.secondaryStorage || typeof ctx.secret !== 'string') return null;
      return {
        cookieName: ctx.authCookies.sessionToken.name,
        dontRememberName: ctx.authCookies.dontRememberToken.name,
        secret: ctx.secret,
        expiresInMs: ctx.sessionConfig.expiresIn * 1000,
        updateAgeMs: ctx.sessionConfig.updateAge * 1000,
      };
    });
    sessionSettings.set(auth, found);
  }
  return found;
}

/** The first cookie of that name, URL-decoded, as better-call's parser reads it. */
function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    let value = part.slice(at + 1).trim();
    if (value.charCodeAt(0) === 34) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

/**
 * A signed cookie's value (`value.base64(HMAC-SHA256(secret, value))`), verified as better-call's
 * `getSignedCookie` does; null when absent or forged.
 */
function verifiedCookie(header: string | undefined, name: string, secret: string): string | null {
  const raw = cookieValue(header, name);
  if (!raw) return null;
  const dot = raw.lastIndexOf('.');
  if (dot < 1) return null;
  const value = raw.slice(0, dot);
  const signature = raw.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith('=')) return null;
  const given = Buffer.from(signature, 'base64');
  const expected = createHmac('sha256', secret).update(value).digest();
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}

interface SessionRow extends Record<string, unknown> {
  session_id: string;
  expires_at: Date | string;
  active_tenant_id: string | null;
  user_id: string;
  name: string;
  email: string;
}

/** The session of a token and its user, on the owner connection (no company scope yet). */
async function unsafeFindSession(db: Database, token: string): Promise<SessionRow | null> {
  const result = await db.unsafeOwner.execute<SessionRow>(sql`
    select s.id as session_id, s.expires_at, s.active_tenant_id, u.id as user_id, u.name, u.email
    from ${authSession} s join ${authUser} u on u.id = s.user_id
    where s.token = ${token}`);
  return (result as unknown as { rows: SessionRow[] }).rows[0] ?? null;
}

/**
 * Sessions read recently, by token: what one statement read, kept for a few seconds so a page that
 * fires several requests at once (and every request after it) does not read the same session again.
 * Every state-changing request empties it when it ends (sign-out, a password change, a new active
 * company, a membership, a suspended company all are one), and an entry never outlives its session's
 * expiry or its refresh time. Another server process's change (or the CLI's) is seen after
 * SESSION_CACHE_MS at most: that is the bound on a revoked session working on a second process.
 */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;

interface CachedSession {
  parts: ActorParts;
  /** SESSION_CACHE_MS after the read, or the session's refresh time or expiry if sooner */
  until: number;
}

export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();
  /**
   * Bumped by every `clear()`. A read that began before a clear (a removed member's request in
   * flight while the removal commits) must not put what it read back: `set` ignores an entry read
   * under an older generation.
   */
  generation = 0;

  get(token: string, now: number): CachedSession | null {
    const hit = this.entries.get(token);
    if (!hit) return null;
    if (hit.until <= now) {
      this.entries.delete(token);
      return null;
    }
    return hit;
  }

  set(token: string, entry: CachedSession, readInGeneration = this.generation) {
    if (readInGeneration !== this.generation) return;
    if (this.entries.size >= SESSION_CACHE_MAX) {
      // the oldest entry goes first (a Map keeps insertion order)
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, entry);
  }

  clear() {
    this.generation++;
    this.entries.clear();
  }
}

/** Each app's session cache, by its better-auth instance (see `forgetCachedSessions`). */
const cachesByAuth = new WeakMap<Auth, SessionCache>();

/**
 * Forgets every session this process has cached, at once: after sessions are ended (a member of
 * staff removed or given another role), their next request reads the database and finds none.
 */
export function forgetCachedSessions(auth: Auth) {
  cachesByAuth.get(auth)?.clear();
}

/**
 * The actor from the session cookie. The common case — a valid, unexpired session that needs no
 * refresh — is one statement (or none, when `cache` holds it): the signed cookie is verified here
 * exactly as better-auth does, and the session, user and roles are read together. Anything else
 * (an expired session to clean up, a session due for refresh, unusual better-auth settings) goes
 * through better-auth's getSession, so its rules stay the rules.
 */
export async function resolveActor(
  db: Database,
  auth: Auth,
  request: FastifyRequest,
  cache?: SessionCache,
): Promise<Actor | null> {
  const settings = await settingsOf(auth);
  if (settings) {
    const token = verifiedCookie(request.headers.cookie, settings.cookieName, settings.secret);
    if (!token) return null; // better-auth answers no session for a missing or forged cookie too
    const now = Date.now();
    const cached = cache?.get(token, now);
    if (cached) return actorOf(cached.parts, chooseActiveTenantOf(cached.parts));
    const generation = cache?.generation ?? 0;
    const row = await unsafeFindSession(db, token);
    if (!row) return null;
    const expiresAt = new Date(row.expires_at).getTime();
    const refreshAt = expiresAt - settings.expiresInMs + settings.updateAgeMs;
    if (expiresAt >= now && refreshAt > now) {
      const user = { id: row.user_id, name: row.name, email: row.email };
      const parts = await actorPartsOf(db, user, row.session_id, row.active_tenant_id);
      cache?.set(token, { parts, until: Math.min(now + SESSION_CACHE_MS, refreshAt, expiresAt) }, generation);
      return actorOf(parts, chooseActiveTenantOf(parts));
    }
  }
  return resolveActorThroughBetterAuth(db, auth, request);
}

/**
 * The company the session acts in: the one it chose (a membership, or any company for an
 * operator admin), else the user's first company.
 */
function chooseActiveTenantOf(parts: ActorParts): ActiveTenant | null {
  const { wanted, operatorRole, memberships: mine, wantedTenant } = parts;
  const membership = mine.find((m) => m.tenantId === wanted);
  if (!membership && wanted && operatorRole === 'operator_admin' && wantedTenant)
    return { ...wantedTenant, role: 'operator_admin' };
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

async function resolveActorThroughBetterAuth(
  db: Database,
  auth: Auth,
  request: FastifyRequest,
): Promise<Actor | null> {
  const found = await getSession(auth, request);
  if (!found) return null;
  const { user, session } = found;
  const wanted = (session as { activeTenantId?: string | null }).activeTenantId ?? null;
  const parts = await actorPartsOf(db, user, session.id, wanted);
  return actorOf(parts, chooseActiveTenantOf(parts));
}

/**
 * Sets the company a session acts in, after checking the user may act there. An operator admin's
 * switch is recorded in the operator's audit log (who, from which company to which), in the same
 * transaction as the switch.
 */
export async function setActiveTenant(db: Database, actor: Actor, tenantId: string, by: AuditActor) {
  const membership = actor.memberships.find((m) => m.tenantId === tenantId);
  let toName = membership?.tenantName ?? null;
  if (!membership) {
    if (actor.operatorRole !== 'operator_admin') throw new AppError('not_found');
    const tenant = await tenantById(db.unsafeOwner, tenantId);
    if (!tenant) throw new AppError('not_found');
    toName = tenant.name;
  }
  const from = actor.activeTenant;
  await db.unsafeOwner.transaction(async (tx) => {
    await tx
      .update(authSession)
      .set({ activeTenantId: tenantId })
      .where(and(eq(authSession.id, actor.sessionId), eq(authSession.userId, actor.userId)));
    if (actor.operatorRole === 'operator_admin')
      await recordAudit(tx, by, {
        action: 'session.switch_tenant',
        subjectType: 'tenant',
        subjectId: tenantId,
        detail: {
          from: from ? { tenantId: from.id, name: from.name } : null,
          to: { tenantId, name: toName },
        },
      });
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Checks every route's declared permission before its handler runs, and gives the request its
 * tenant-scoped transaction. A route without a declared permission fails closed.
 */
export function registerAccessControl(app: FastifyInstance, db: Database, auth: Auth) {
  const sessions = new SessionCache();
  cachesByAuth.set(auth, sessions);
  // whatever a state-changing request did (better-auth's routes included), later requests read
  // their session afresh
  app.addHook('onResponse', async (request) => {
    if (!SAFE_METHODS.has(request.method)) sessions.clear();
  });
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
    if (access === 'secret-link') return;
    if (access === 'public') {
      request.actor = await resolveActor(db, auth, request, sessions).catch(() => null);
      return;
    }
    request.actor = await resolveActor(db, auth, request, sessions);
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
