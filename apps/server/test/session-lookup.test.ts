import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SESSION_CACHE_MS } from '../src/modules/identity/access.js';
import { authSession, memberships } from '../src/modules/identity/tables.js';
import { clientFor, createCompany, createTestContext, loginAs, type TestContext } from './helpers.js';

/**
 * The actor is read in one statement for a valid session (access.ts); these cases must behave as
 * better-auth's getSession does: forged or unknown cookies, expired sessions, sessions due for refresh.
 */
describe('session look-up', () => {
  let ctx: TestContext;
  let tenantId: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    tenantId = (await createCompany(ctx)).id;
  });
  afterAll(() => ctx.close());

  const sessionOf = async (userId: string) => {
    const [row] = await ctx.db.unsafeOwner.select().from(authSession).where(eq(authSession.userId, userId));
    return row;
  };

  it('answers 401 for a cookie with a forged signature or an unknown token', async () => {
    const { client } = await loginAs(ctx, tenantId, 'company_staff');
    expect((await client.get('/api/me')).statusCode).toBe(200);
    const forged = client.cookie.replace(/session_token=([^;.]+)\.([^;]+)/, (_m, token) => {
      return `session_token=${token}.${encodeURIComponent('A'.repeat(43))}=`;
    });
    expect(forged).not.toBe(client.cookie);
    expect((await clientFor(ctx, forged).get('/api/me')).statusCode).toBe(401);
    const unknown = client.cookie.replace(/session_token=[^;]+/, 'session_token=nothing.here');
    expect((await clientFor(ctx, unknown).get('/api/me')).statusCode).toBe(401);
  });

  it('answers 401 for an expired session and removes it', async () => {
    const { user, client } = await loginAs(ctx, tenantId, 'company_staff');
    await ctx.db.unsafeOwner
      .update(authSession)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(authSession.userId, user.id));
    expect((await client.get('/api/me')).statusCode).toBe(401);
    expect(await sessionOf(user.id)).toBeUndefined();
  });

  it('extends a session due for refresh through better-auth, and reads the same actor either way', async () => {
    const { user, client } = await loginAs(ctx, tenantId, 'company_admin');
    await ctx.db.unsafeOwner
      .update(authSession)
      .set({ expiresAt: sql`now() + interval '1 hour'` })
      .where(eq(authSession.userId, user.id));
    const res = await client.get('/api/me');
    expect(res.statusCode).toBe(200);
    expect(res.json().activeTenant).toMatchObject({ id: tenantId, role: 'company_admin' });
    const session = await sessionOf(user.id);
    expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    // refreshed: the next request takes the one-statement path, and sees the same actor
    const again = await client.get('/api/me');
    expect(again.json()).toEqual(res.json());
  });

  it('reads a session again after a few seconds, so a sign-out on another server process ends it there too', async () => {
    const { user, client } = await loginAs(ctx, tenantId, 'company_staff');
    expect((await client.get('/api/me')).statusCode).toBe(200);
    // another process (or the CLI) removes the session: this process holds it for SESSION_CACHE_MS at most
    await ctx.db.unsafeOwner.delete(authSession).where(eq(authSession.userId, user.id));
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + SESSION_CACHE_MS + 1);
    try {
      expect((await client.get('/api/me')).statusCode).toBe(401);
    } finally {
      clock.mockRestore();
    }
  });

  it('sees a change made by any state-changing request of this process on the very next request', async () => {
    const { user, client } = await loginAs(ctx, tenantId, 'company_admin');
    const other = (await createCompany(ctx)).id;
    expect((await client.get('/api/me')).json().memberships).toHaveLength(1);
    // a membership added behind the app's back, while this process holds the session
    await ctx.db.unsafeOwner
      .insert(memberships)
      .values({ tenantId: other, userId: user.id, role: 'company_staff' });
    // is seen once any state-changing request has ended (here a refused one: it changed nothing)
    await client.put('/api/me/active-tenant', { tenantId: '00000000-0000-4000-8000-000000000000' });
    const me = (await client.get('/api/me')).json();
    expect(me.memberships.map((m: { tenantId: string }) => m.tenantId).sort()).toEqual(
      [tenantId, other].sort(),
    );
  });
});
