import { randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authAccount, authUser, operatorStaff } from '../src/modules/identity/tables.js';
import { tenants } from '../src/modules/tenants/tables.js';
import {
  anonymous,
  type Client,
  createCompany,
  createMember,
  createTestContext,
  lastMailTo,
  linkIn,
  loginAs,
  loginAsOperator,
  nextIp,
  PASSWORD,
  signIn,
  type TestContext,
  uniqueEmail,
} from './helpers.js';

// The database is the backstop: whatever a company's transaction says (a forgotten where, a bug),
// it cannot reach another company's people, make anyone operator staff, or lift its own suspension.

let ctx: TestContext;
let companyA: string;
let companyB: string;
let adminA: { user: { id: string; email: string }; client: Client };
let operator: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  companyA = (await createCompany(ctx, 'A社')).id;
  companyB = (await createCompany(ctx, 'B社')).id;
  adminA = await loginAs(ctx, companyA, 'company_admin');
  operator = (await loginAsOperator(ctx)).client;
});
afterAll(() => ctx.close());

const inA = <T>(fn: Parameters<TestContext['db']['withTenant']>[1]) =>
  ctx.db.withTenant(companyA, fn) as Promise<T>;

describe('a company transaction and the people of other companies', () => {
  it('cannot change another company’s user’s e-mail or name, so their sign-in stays theirs', async () => {
    const userB = await createMember(ctx, companyB, 'company_admin', '別社 花子');
    const stolen = uniqueEmail('stolen');
    await expect(
      inA((tx) =>
        tx.update(authUser).set({ email: stolen, name: 'のっとり' }).where(eq(authUser.id, userB.id)),
      ),
    ).rejects.toThrow();
    await expect(inA((tx) => tx.execute(sql`update auth_user set email = ${stolen}`))).rejects.toThrow();
    const [row] = await ctx.db.unsafeOwner.select().from(authUser).where(eq(authUser.id, userB.id));
    expect(row).toMatchObject({ email: userB.email, name: '別社 花子' });
    // the person still signs in with their own address; nobody signs in with the other one
    expect((await (await signIn(ctx, userB.email)).get('/api/me')).json().user.email).toBe(userB.email);
    await expect(signIn(ctx, stolen)).rejects.toThrow();
  });

  it('cannot give another company’s user a password of its choosing', async () => {
    const userB = await createMember(ctx, companyB, 'alumnus');
    await ctx.db.unsafeOwner.delete(authAccount).where(eq(authAccount.userId, userB.id)); // a magic-link member
    const chosen = 'attacker-chosen-password';
    const hash = await hashPassword(chosen);
    await expect(
      inA((tx) =>
        tx.insert(authAccount).values({
          id: randomUUID(),
          accountId: userB.id,
          providerId: 'credential',
          userId: userB.id,
          password: hash,
        }),
      ),
    ).rejects.toThrow();
    expect(
      await ctx.db.unsafeOwner.select().from(authAccount).where(eq(authAccount.userId, userB.id)),
    ).toEqual([]);
    const res = await anonymous(ctx).request({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      remoteAddress: nextIp(),
      payload: { email: userB.email, password: chosen },
    });
    expect(res.statusCode).toBe(401);
  });

  it('still creates a newcomer’s account with their password when they accept a staff invitation', async () => {
    const email = uniqueEmail('newcomer');
    expect((await adminA.client.post('/api/invitations', { email, role: 'company_staff' })).statusCode).toBe(
      201,
    );
    const token = new URL(linkIn((await lastMailTo(ctx, email))!.text)).pathname.split('/').pop()!;
    const accepted = await anonymous(ctx).post(`/api/public/invitations/${token}/accept`, {
      name: '新人 一郎',
      password: PASSWORD,
    });
    expect(accepted.statusCode).toBe(200);
    expect((await (await signIn(ctx, email)).get('/api/me')).json().user.email).toBe(email);
  });
});

describe('a company transaction and the operator', () => {
  it('cannot make anyone operator staff, nor read who is', async () => {
    await expect(
      inA((tx) => tx.insert(operatorStaff).values({ userId: adminA.user.id, role: 'operator_admin' })),
    ).rejects.toThrow();
    await expect(inA((tx) => tx.select().from(operatorStaff))).rejects.toThrow();
    await expect(inA((tx) => tx.update(operatorStaff).set({ role: 'interviewer' }))).rejects.toThrow();
    await expect(inA((tx) => tx.delete(operatorStaff))).rejects.toThrow();
    expect(
      await ctx.db.unsafeOwner.select().from(operatorStaff).where(eq(operatorStaff.userId, adminA.user.id)),
    ).toEqual([]);
    // the company admin still cannot reach the operator's pages
    expect((await adminA.client.get('/api/tenants')).statusCode).toBe(403);
  });
});

describe('a company transaction and its own company row', () => {
  it('reads its own row but cannot lift its suspension, rename itself or add a company', async () => {
    const company = await createCompany(ctx, '停止中株式会社');
    const { client: admin } = await loginAs(ctx, company.id, 'company_admin');
    expect((await operator.patch(`/api/tenants/${company.id}`, { status: 'suspended' })).statusCode).toBe(
      200,
    );

    const seen = await ctx.db.withTenant(company.id, async (tx) => ({
      rows: await tx.select({ id: tenants.id, status: tenants.status }).from(tenants),
      lifted: await tx
        .update(tenants)
        .set({ status: 'active' })
        .where(eq(tenants.id, company.id))
        .returning({ id: tenants.id }),
      renamed: await tx
        .update(tenants)
        .set({ name: '改名' })
        .where(eq(tenants.id, company.id))
        .returning({ id: tenants.id }),
    }));
    expect(seen).toEqual({ rows: [{ id: company.id, status: 'suspended' }], lifted: [], renamed: [] });
    await expect(
      ctx.db.withTenant(company.id, (tx) =>
        tx.insert(tenants).values({ name: '勝手な会社', slug: `sneaky-${Date.now()}` }),
      ),
    ).rejects.toThrow();
    await expect(ctx.db.withTenant(company.id, (tx) => tx.delete(tenants))).rejects.toThrow();

    const [row] = await ctx.db.unsafeOwner.select().from(tenants).where(eq(tenants.id, company.id));
    expect(row).toMatchObject({ status: 'suspended', name: '停止中株式会社' });
    const res = await admin.get('/api/staff');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('tenant_suspended');
  });

  it('leaves suspending, reactivating and creating companies to the operator, audited in the company', async () => {
    const created = await operator.post('/api/tenants', { name: '新設株式会社', slug: `new-${Date.now()}` });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const { client: admin } = await loginAs(ctx, id, 'company_admin');
    expect((await operator.patch(`/api/tenants/${id}`, { status: 'suspended' })).json().status).toBe(
      'suspended',
    );
    expect((await admin.get('/api/staff')).json().error.code).toBe('tenant_suspended');
    expect(
      (await operator.patch(`/api/tenants/${id}`, { status: 'active', name: '新設' })).json(),
    ).toMatchObject({
      status: 'active',
      name: '新設',
    });
    const actions = (await admin.get('/api/audit')).json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['tenant.create', 'tenant.suspend', 'tenant.reactivate']));
  });
});
