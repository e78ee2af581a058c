import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSession } from '../src/modules/identity/tables.js';
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
});
