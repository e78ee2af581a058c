import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/tables.js';
import { invitations, memberships } from '../src/modules/identity/tables.js';
import { outgoingMail } from '../src/modules/mail/tables.js';
import { tenants } from '../src/modules/tenants/tables.js';
import {
  type Client,
  createCompany,
  createMember,
  createTestContext,
  lastMailTo,
  linkIn,
  loginAs,
  loginAsOperator,
  type TestContext,
  uniqueEmail,
} from './helpers.js';
import { expectOutsiderGets404, type OutsiderCase } from './outsider.js';

let ctx: TestContext;
let companyA: string;
let companyB: string;
let adminA: Client;
let adminB: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  companyA = (await createCompany(ctx, 'A社')).id;
  companyB = (await createCompany(ctx, 'B社')).id;
  adminA = (await loginAs(ctx, companyA, 'company_admin')).client;
  adminB = (await loginAs(ctx, companyB, 'company_admin')).client;
  await createMember(ctx, companyA, 'company_staff');
  await createMember(ctx, companyB, 'company_staff');
  await adminA.post('/api/invitations', { email: uniqueEmail(), role: 'company_staff' });
  await adminB.post('/api/invitations', { email: uniqueEmail(), role: 'company_staff' });
});
afterAll(() => ctx.close());

describe('row-level security is enforced by the database', () => {
  it('a query with no tenant filter at all still returns only the session company’s rows', async () => {
    const all = await ctx.db.unsafeOwner.select().from(memberships);
    expect(new Set(all.map((m) => m.tenantId))).toEqual(new Set([companyA, companyB]));

    const seen = await ctx.db.withTenant(companyA, async (tx) => ({
      memberships: await tx.select().from(memberships),
      invitations: await tx.select().from(invitations),
      audit: await tx.select().from(auditLog),
    }));
    expect(seen.memberships.length).toBeGreaterThan(0);
    for (const rows of [seen.memberships, seen.invitations, seen.audit]) {
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r: { tenantId: string | null }) => r.tenantId === companyA)).toBe(true);
    }
  });

  it('holds even when the connection is a superuser: the request role cannot bypass it', async () => {
    const role = await ctx.db.withTenant(companyA, async (tx) => {
      const r = await tx.execute(
        sql`select current_user as who, (select rolbypassrls or rolsuper from pg_roles where rolname = current_user) as bypass`,
      );
      return (r as unknown as { rows: { who: string; bypass: boolean }[] }).rows[0];
    });
    expect(role).toEqual({ who: 'kizuna_app', bypass: false });
  });

  it('refuses to write a row into another company', async () => {
    const [someUser] = await ctx.db.unsafeOwner
      .select()
      .from(memberships)
      .where(eq(memberships.tenantId, companyB));
    await expect(
      ctx.db.withTenant(companyA, (tx) =>
        tx
          .insert(memberships)
          .values({ tenantId: companyB, userId: someUser!.userId, role: 'company_admin' }),
      ),
    ).rejects.toThrow();
    const updated = await ctx.db.withTenant(companyA, (tx) =>
      tx
        .update(memberships)
        .set({ role: 'company_admin' })
        .where(eq(memberships.tenantId, companyB))
        .returning(),
    );
    expect(updated).toEqual([]);
  });

  it('sees nothing of any company outside a company transaction', async () => {
    const rows = await ctx.db.withoutTenant((tx) => tx.select().from(memberships));
    expect(rows).toEqual([]);
  });

  it('shows a company transaction only its own company row and none of the outgoing mail', async () => {
    expect((await ctx.db.unsafeOwner.select().from(outgoingMail)).length).toBeGreaterThan(0);
    const seen = await ctx.db.withTenant(companyA, async (tx) => ({
      tenants: await tx.select({ id: tenants.id }).from(tenants),
      mail: await tx.select().from(outgoingMail),
      renamed: await tx.update(tenants).set({ name: 'のっとり' }).where(eq(tenants.id, companyB)).returning(),
    }));
    expect(seen).toEqual({ tenants: [{ id: companyA }], mail: [], renamed: [] });
    // the operator context sees every company and the mail
    const operator = await ctx.db.withoutTenant(async (tx) => ({
      tenants: (await tx.select({ id: tenants.id }).from(tenants)).map((t) => t.id),
      mail: (await tx.select().from(outgoingMail)).length,
    }));
    expect(operator.tenants).toEqual(expect.arrayContaining([companyA, companyB]));
    expect(operator.mail).toBeGreaterThan(0);
  });

  it('keeps the audit log append-only for the application', async () => {
    await expect(
      ctx.db.withTenant(companyA, (tx) => tx.update(auditLog).set({ action: 'tampered' })),
    ).rejects.toThrow();
    await expect(ctx.db.withTenant(companyA, (tx) => tx.delete(auditLog))).rejects.toThrow();
    const actions = await ctx.db.unsafeOwner.select({ a: auditLog.action }).from(auditLog);
    expect(actions.map((r) => r.a)).not.toContain('tampered');
  });

  it('never lets the application role read password hashes or sessions', async () => {
    await expect(
      ctx.db.withTenant(companyA, (tx) => tx.execute(sql`select password from auth_account`)),
    ).rejects.toThrow();
    await expect(
      ctx.db.withTenant(companyA, (tx) => tx.execute(sql`select token from auth_session`)),
    ).rejects.toThrow();
  });
});

/** Every route that takes an id, with how to make a row of company A for it. */
const outsiderCases: OutsiderCase[] = [
  {
    route: 'POST /api/invitations/:invitationId/resend',
    async arrange(_ctx, owner) {
      const { id } = (
        await owner.post('/api/invitations', { email: uniqueEmail(), role: 'company_staff' })
      ).json();
      return {
        url: `/api/invitations/${id}/resend`,
        snapshot: async () => (await owner.get('/api/invitations')).json().items,
      };
    },
  },
  {
    route: 'DELETE /api/invitations/:invitationId',
    async arrange(_ctx, owner) {
      const { id } = (
        await owner.post('/api/invitations', { email: uniqueEmail(), role: 'company_staff' })
      ).json();
      return {
        url: `/api/invitations/${id}`,
        snapshot: async () => (await owner.get('/api/invitations')).json().items,
      };
    },
  },
];

/** A member of staff of the owner's company, and the staff list as the owner sees it. */
async function staffMemberOf(ctx: TestContext, owner: Client) {
  const tenantId = (await owner.get('/api/me')).json().activeTenant.id as string;
  const user = await createMember(ctx, tenantId, 'company_staff');
  const staff = (await owner.get('/api/staff')).json() as { userId: string; membershipId: string }[];
  return {
    id: staff.find((s) => s.userId === user.id)!.membershipId,
    snapshot: async () => (await owner.get('/api/staff')).json(),
  };
}
outsiderCases.push(
  {
    route: 'PATCH /api/staff/:membershipId',
    async arrange(ctx, owner) {
      const { id, snapshot } = await staffMemberOf(ctx, owner);
      return { url: `/api/staff/${id}`, body: { role: 'company_admin' }, snapshot };
    },
  },
  {
    route: 'DELETE /api/staff/:membershipId',
    async arrange(ctx, owner) {
      const { id, snapshot } = await staffMemberOf(ctx, owner);
      return { url: `/api/staff/${id}`, snapshot };
    },
  },
);

const newAlumnus = async (owner: Client) =>
  (
    await owner.post('/api/alumni', {
      familyName: '秘密',
      givenName: '花子',
      leftOn: '2024-03-31',
      leaveType: 'voluntary',
    })
  ).json().id as string;
outsiderCases.push(
  {
    route: 'GET /api/alumni/:alumnusId',
    async arrange(_ctx, owner) {
      const id = await newAlumnus(owner);
      return {
        url: `/api/alumni/${id}`,
        snapshot: async () => (await owner.get(`/api/alumni/${id}/timeline`)).json().items,
      };
    },
  },
  {
    route: 'PUT /api/alumni/:alumnusId',
    async arrange(_ctx, owner) {
      const id = await newAlumnus(owner);
      return {
        url: `/api/alumni/${id}`,
        body: {
          version: 1,
          alumnus: { familyName: '改竄', givenName: '者', leftOn: '2024-03-31', leaveType: 'voluntary' },
        },
        snapshot: async () => (await owner.get(`/api/alumni/${id}`)).json(),
      };
    },
  },
  {
    route: 'GET /api/alumni/:alumnusId/timeline',
    async arrange(_ctx, owner) {
      const id = await newAlumnus(owner);
      return {
        url: `/api/alumni/${id}/timeline`,
        snapshot: async () => (await owner.get(`/api/alumni/${id}`)).json(),
      };
    },
  },
);

const newSegment = async (owner: Client) =>
  (await owner.post('/api/alumni/segments', { name: `s-${Math.random()}`, filter: {} })).json().id as string;
outsiderCases.push(
  {
    route: 'PUT /api/alumni/segments/:segmentId',
    async arrange(_ctx, owner) {
      const id = await newSegment(owner);
      return {
        url: `/api/alumni/segments/${id}`,
        body: { name: '乗っ取り', filter: {} },
        snapshot: async () => (await owner.get('/api/alumni/segments')).json(),
      };
    },
  },
  {
    route: 'DELETE /api/alumni/segments/:segmentId',
    async arrange(_ctx, owner) {
      const id = await newSegment(owner);
      return {
        url: `/api/alumni/segments/${id}`,
        snapshot: async () => (await owner.get('/api/alumni/segments')).json(),
      };
    },
  },
);

outsiderCases.push({
  route: 'POST /api/alumni/:alumnusId/invitation',
  async arrange(_ctx, owner) {
    const id = (
      await owner.post('/api/alumni', {
        familyName: '招待',
        givenName: '対象',
        email: uniqueEmail(),
        leftOn: '2024-03-31',
        leaveType: 'voluntary',
      })
    ).json().id as string;
    return {
      url: `/api/alumni/${id}/invitation`,
      snapshot: async () => (await owner.get(`/api/alumni/${id}/timeline`)).json().items,
    };
  },
});

// ---- member lifecycle
outsiderCases.push({
  route: 'POST /api/alumni/:alumnusId/anonymize',
  async arrange(_ctx, owner) {
    const id = await newAlumnus(owner);
    return {
      url: `/api/alumni/${id}/anonymize`,
      body: { reason: '外部からの依頼', version: 1 },
      snapshot: async () => (await owner.get(`/api/alumni/${id}`)).json(),
    };
  },
});

outsiderCases.push({
  route: 'POST /api/alumni/segments/:segmentId/invitations',
  async arrange(_ctx, owner) {
    const leaver = (
      await owner.post('/api/alumni', {
        familyName: '区分',
        givenName: '対象',
        email: uniqueEmail(),
        department: `外部-${Math.random()}`,
        leftOn: '2024-03-31',
        leaveType: 'voluntary',
      })
    ).json();
    const id = (
      await owner.post('/api/alumni/segments', {
        name: `s-${Math.random()}`,
        filter: { department: leaver.department },
      })
    ).json().id as string;
    return {
      url: `/api/alumni/segments/${id}/invitations?dryRun=false`,
      snapshot: async () => (await owner.get(`/api/alumni/${leaver.id}/timeline`)).json().items,
    };
  },
});

outsiderCases.push({
  route: 'GET /api/alumni/:alumnusId/consents',
  async arrange(_ctx, owner) {
    const id = await newAlumnus(owner);
    return {
      url: `/api/alumni/${id}/consents`,
      snapshot: async () => (await owner.get(`/api/alumni/${id}/consents`)).json(),
    };
  },
});

/** A self-registration confirmed by e-mail, waiting in the owner's queue. */
async function pendingRegistration(ctx: Parameters<OutsiderCase['arrange']>[0], owner: Client) {
  await owner.put('/api/network-settings', { publicPageEnabled: true });
  const { slug } = (await owner.get('/api/network-settings')).json();
  const noticeVersion = (await owner.get('/api/privacy-notice')).json().version;
  const email = uniqueEmail('selfreg');
  await ctx.app.inject({
    method: 'POST',
    url: `/api/public/networks/${slug}/registrations`,
    headers: { origin: ctx.config.baseUrl },
    payload: { email, familyName: '自己', givenName: '登録', consents: ['member_profile'], noticeVersion },
  });
  const token = new URL(linkIn((await lastMailTo(ctx, email))!.text)).pathname.split('/').pop()!;
  await ctx.app.inject({
    method: 'POST',
    url: `/api/public/registration-verifications/${token}`,
    headers: { origin: ctx.config.baseUrl },
  });
  const list = (await owner.get('/api/alumni/registration-requests')).json().items;
  const id = list.find((r: { email: string }) => r.email === email).id as string;
  return { id, snapshot: async () => (await owner.get('/api/alumni/registration-requests')).json().items };
}
outsiderCases.push(
  {
    route: 'GET /api/alumni/registration-requests/:requestId',
    async arrange(ctx, owner) {
      const { id, snapshot } = await pendingRegistration(ctx, owner);
      return { url: `/api/alumni/registration-requests/${id}`, snapshot };
    },
  },
  {
    route: 'POST /api/alumni/registration-requests/:requestId/match',
    async arrange(ctx, owner) {
      const { id, snapshot } = await pendingRegistration(ctx, owner);
      const alumnusId = await newAlumnus(owner);
      return { url: `/api/alumni/registration-requests/${id}/match`, body: { alumnusId }, snapshot };
    },
  },
  {
    route: 'POST /api/alumni/registration-requests/:requestId/create-record',
    async arrange(ctx, owner) {
      const { id, snapshot } = await pendingRegistration(ctx, owner);
      return {
        url: `/api/alumni/registration-requests/${id}/create-record`,
        body: { leftOn: '2024-03-31', leaveType: 'voluntary' },
        snapshot,
      };
    },
  },
  {
    route: 'POST /api/alumni/registration-requests/:requestId/reject',
    async arrange(ctx, owner) {
      const { id, snapshot } = await pendingRegistration(ctx, owner);
      return { url: `/api/alumni/registration-requests/${id}/reject`, body: { reason: '' }, snapshot };
    },
  },
);

/** Id routes that only operator admins reach: every company's rows are theirs by role. */
const operatorOnlyIdRoutes = [
  'GET /api/tenants/:tenantId',
  'PATCH /api/tenants/:tenantId',
  'GET /api/mail/:mailId',
  // the operator's own staff: no company owns them
  'PATCH /api/operator/staff/:userId',
  'DELETE /api/operator/staff/:userId',
];
/** Id routes whose id is a secret link, not a row a signed-in outsider could address. */
const tokenRoutes = [
  'GET /api/public/invitations/:token',
  'POST /api/public/invitations/:token/accept',
  'GET /api/public/rehire-policy/:token',
  'GET /api/public/alumni-invitations/:token',
  'POST /api/public/alumni-invitations/:token/register',
  'GET /api/public/registration-verifications/:token',
  'POST /api/public/registration-verifications/:token',
  // a company's public page, by its public slug: the same for everyone, nothing to trespass on
  'GET /api/public/networks/:slug',
  // an import's progress, by the random id the page that started it chose (three numbers)
  'GET /api/alumni/import/progress/:progressId',
  'POST /api/public/networks/:slug/registrations',
];

describe('another company’s staff', () => {
  it('get 404 on every route that takes an id, and the row is unchanged', async () => {
    for (const c of outsiderCases) await expectOutsiderGets404(ctx, adminA, adminB, c);
  });

  it('every id-taking route is covered by the outsider harness', () => {
    const idRoutes = ctx.app.routeTable
      .filter((r) => /\/:\w+/.test(r.url) && r.url.startsWith('/api/') && !r.url.startsWith('/api/auth/'))
      .map((r) => `${r.method} ${r.url}`);
    const covered = new Set([...outsiderCases.map((c) => c.route), ...operatorOnlyIdRoutes, ...tokenRoutes]);
    expect(idRoutes.filter((r) => !covered.has(r))).toEqual([]);
  });

  it('cannot switch their session into another company', async () => {
    const res = await adminB.put('/api/me/active-tenant', { tenantId: companyA });
    expect(res.statusCode).toBe(404);
    expect((await adminB.get('/api/me')).json().activeTenant.id).toBe(companyB);
  });

  it('see only their own company in lists', async () => {
    const staffB = (await adminB.get('/api/staff')).json();
    const staffA = (await adminA.get('/api/staff')).json();
    const idsA = new Set(staffA.map((s: { userId: string }) => s.userId));
    expect(staffB.some((s: { userId: string }) => idsA.has(s.userId))).toBe(false);
    const auditB = (await adminB.get('/api/audit')).json().items;
    expect(auditB.every((e: { tenantId: string }) => e.tenantId === companyB)).toBe(true);
  });

  it('cannot reach operator routes', async () => {
    for (const url of ['/api/tenants', `/api/tenants/${companyA}`, '/api/mail', '/api/operator/audit']) {
      expect((await adminB.get(url)).statusCode, url).toBe(403);
    }
  });
});

describe('an operator admin', () => {
  it('sees every company and every company’s audit trail', async () => {
    const { client } = await loginAsOperator(ctx);
    const tenants = (await client.get('/api/tenants')).json();
    expect(tenants.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([companyA, companyB]));
    const audit = (await client.get('/api/operator/audit?limit=200')).json().items;
    const tenantsSeen = new Set(audit.map((e: { tenantId: string | null }) => e.tenantId));
    expect(tenantsSeen.has(companyA) && tenantsSeen.has(companyB)).toBe(true);
  });
});
