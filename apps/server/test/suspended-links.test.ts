import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alumniInvitations, alumniRegistrationRequests } from '../src/modules/membership/tables.js';
import {
  anonymous,
  type Client,
  createCompany,
  createTestContext,
  lastMailTo,
  linkIn,
  loginAs,
  loginAsOperator,
  PASSWORD,
  type TestContext,
  uniqueEmail,
} from './helpers.js';
import { createLeaver } from './member-helpers.js';

// Whoever holds a link of a suspended company (a staff or alumni invitation, a registration
// confirmation, the rehire policy's share link) is told the company is suspended, in their language,
// and nothing changes; the same link works again once the operator reactivates the company.

let ctx: TestContext;
let operator: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  operator = (await loginAsOperator(ctx)).client;
});
afterAll(() => ctx.close());

async function suspendedCompany() {
  const company = await createCompany(ctx, '停止予定株式会社');
  const { client: admin } = await loginAs(ctx, company.id, 'company_admin');
  return {
    ...company,
    admin,
    suspend: async () =>
      expect((await operator.patch(`/api/tenants/${company.id}`, { status: 'suspended' })).statusCode).toBe(
        200,
      ),
    reactivate: async () =>
      expect((await operator.patch(`/api/tenants/${company.id}`, { status: 'active' })).statusCode).toBe(200),
  };
}

const tokenIn = async (email: string) =>
  new URL(linkIn((await lastMailTo(ctx, email))!.text)).pathname.split('/').pop()!;

function expectSuspended(res: LightMyRequestResponse, lang: 'ja' | 'en' = 'ja') {
  expect(res.statusCode).toBe(403);
  expect(res.json().error).toEqual({
    code: 'tenant_suspended',
    message: lang === 'ja' ? 'この企業の利用は停止されています。' : 'This company’s account is suspended.',
  });
}

const inLanguage = (lang: 'ja' | 'en', method: 'GET' | 'POST', url: string, payload?: object) =>
  anonymous(ctx).request({ method, url, lang, ...(payload ? { payload } : {}) });

describe('a suspended company’s links', () => {
  it('a staff invitation can be neither read nor accepted, and works again after reactivation', async () => {
    const company = await suspendedCompany();
    const email = uniqueEmail('invitee');
    expect((await company.admin.post('/api/invitations', { email, role: 'company_staff' })).statusCode).toBe(
      201,
    );
    const token = await tokenIn(email);
    await company.suspend();

    expectSuspended(await inLanguage('ja', 'GET', `/api/public/invitations/${token}`));
    expectSuspended(await inLanguage('en', 'GET', `/api/public/invitations/${token}`), 'en');
    const accept = { name: '招待 花子', password: PASSWORD };
    expectSuspended(await inLanguage('ja', 'POST', `/api/public/invitations/${token}/accept`, accept));
    // nothing happened: no account, the invitation still pending
    const signIn = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      remoteAddress: '10.200.0.1',
      payload: { email, password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(401);

    await company.reactivate();
    expect((await anonymous(ctx).get(`/api/public/invitations/${token}`)).json()).toMatchObject({
      email,
      hasAccount: false,
    });
    expect((await anonymous(ctx).post(`/api/public/invitations/${token}/accept`, accept)).statusCode).toBe(
      200,
    );
  });

  it('an alumni invitation can be neither read nor used to register', async () => {
    const company = await suspendedCompany();
    const leaver = await createLeaver(company.admin);
    expect((await company.admin.post(`/api/alumni/${leaver.id}/invitation`)).statusCode).toBe(201);
    const token = await tokenIn(leaver.email);
    const notice = (await company.admin.get('/api/privacy-notice')).json();
    await company.suspend();

    expectSuspended(await inLanguage('ja', 'GET', `/api/public/alumni-invitations/${token}`));
    expectSuspended(await inLanguage('en', 'GET', `/api/public/alumni-invitations/${token}`), 'en');
    const registration = {
      familyName: '田中',
      givenName: '健太',
      interests: ['rehire'],
      consents: ['member_profile'],
      noticeVersion: notice.version,
      password: 'member-password-1',
    };
    const res = await inLanguage(
      'ja',
      'POST',
      `/api/public/alumni-invitations/${token}/register`,
      registration,
    );
    expectSuspended(res);
    expect(res.cookies).toEqual([]); // nobody is signed in
    const [invitation] = await ctx.db.unsafeOwner
      .select({ status: alumniInvitations.status })
      .from(alumniInvitations)
      .where(eq(alumniInvitations.tenantId, company.id));
    expect(invitation?.status).toBe('pending');

    await company.reactivate();
    expect((await anonymous(ctx).get(`/api/public/alumni-invitations/${token}`)).statusCode).toBe(200);
  });

  it('a registration’s confirmation link can be neither read nor confirmed', async () => {
    const company = await suspendedCompany();
    expect((await company.admin.put('/api/network-settings', { publicPageEnabled: true })).statusCode).toBe(
      200,
    );
    const notice = (await company.admin.get('/api/privacy-notice')).json();
    const email = uniqueEmail('self');
    const submitted = await anonymous(ctx).post(`/api/public/networks/${company.slug}/registrations`, {
      email,
      familyName: '佐藤',
      givenName: '次郎',
      familyNameKana: 'さとう',
      givenNameKana: 'じろう',
      employeeNumber: null,
      leaveYear: 2022,
      department: '開発部',
      interests: ['side_job'],
      consents: ['member_profile'],
      noticeVersion: notice.version,
    });
    expect(submitted.statusCode).toBe(202);
    const token = await tokenIn(email);
    await company.suspend();

    const url = `/api/public/registration-verifications/${token}`;
    expectSuspended(await inLanguage('ja', 'GET', url));
    expectSuspended(await inLanguage('en', 'GET', url), 'en');
    expectSuspended(await inLanguage('ja', 'POST', url, {}));
    const [request] = await ctx.db.unsafeOwner
      .select({
        status: alumniRegistrationRequests.status,
        verifiedAt: alumniRegistrationRequests.verifiedAt,
      })
      .from(alumniRegistrationRequests)
      .where(eq(alumniRegistrationRequests.tenantId, company.id));
    expect(request).toEqual({ status: 'unverified', verifiedAt: null });
    // while suspended, its public page and form are gone (404), as for a company without one
    expect((await anonymous(ctx).get(`/api/public/networks/${company.slug}`)).statusCode).toBe(404);

    await company.reactivate();
    expect((await anonymous(ctx).get(url)).json()).toMatchObject({ email });
  });

  it('the rehire policy’s share link shows nothing', async () => {
    const company = await suspendedCompany();
    const saved = await company.admin.put('/api/rehire-policy', {
      version: 0,
      policy: { published: true, minTenureMonths: 12, explanation: '在籍1年以上の方が対象です。' },
    });
    expect(saved.statusCode).toBe(200);
    const { url } = (await company.admin.post('/api/rehire-policy/share-link')).json();
    const link = `/api/public/rehire-policy/${url.split('/').pop()}`;
    expect((await anonymous(ctx).get(link)).statusCode).toBe(200);
    await company.suspend();

    expectSuspended(await inLanguage('ja', 'GET', link));
    expectSuspended(await inLanguage('en', 'GET', link), 'en');

    await company.reactivate();
    expect((await anonymous(ctx).get(link)).statusCode).toBe(200);
  });
});
