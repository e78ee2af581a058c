import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  type Client,
  clientFor,
  cookiesOf,
  createCompany,
  createMember,
  createTestContext,
  loginAs,
  type TestContext,
} from './helpers.js';
import {
  createLeaver,
  createNetwork,
  inviteLeaver,
  mailedToken,
  selfRegistrationForm,
} from './member-helpers.js';

/** Finishing a registration signs the alumnus in (issue 8): the answer carries a session cookie. */

let ctx: TestContext;
let tenantId: string;
let slug: string;
let admin: Client;
let noticeVersion: number;
beforeAll(async () => {
  ctx = await createTestContext();
  ({ tenantId, slug, admin, noticeVersion } = await createNetwork(ctx));
});
afterAll(() => ctx.close());

const invitationFor = (email?: string) => inviteLeaver(ctx, admin, email ? { email } : {});

const registration = (over: Record<string, unknown> = {}) => ({
  familyName: '田中',
  givenName: '健太',
  interests: ['rehire'],
  consents: ['member_profile', 'events'],
  noticeVersion,
  ...over,
});

function sessionCookieOf(res: LightMyRequestResponse) {
  return res.cookies.find((c) => c.name === 'kizuna.session_token');
}

describe('registering through an invitation signs the member in', () => {
  it('without a password: the answer sets the session cookie, and /api/me and the portal know the member', async () => {
    const leaver = await invitationFor();
    const res = await anonymous(ctx).post(
      `/api/public/alumni-invitations/${leaver.token}/register`,
      registration(),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ email: leaver.email, hasPassword: false, signedIn: true });
    const cookie = sessionCookieOf(res);
    expect(cookie).toBeDefined();
    expect(cookie).toMatchObject({ httpOnly: true, path: '/', sameSite: 'Lax' });
    expect(cookie!.maxAge).toBeGreaterThan(0);
    // the token is not in the body
    expect(res.body).not.toContain(cookie!.value.split('.')[0]);

    const member = clientFor(ctx, cookiesOf(res));
    const me = await member.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { email: leaver.email, name: '田中 健太' },
      operatorRole: null,
      activeTenant: { id: tenantId, role: 'alumnus' },
    });
    expect(me.json().permissions).toContain('portal:use');
    const portal = await member.get('/api/portal/me');
    expect(portal.statusCode).toBe(200);
    expect(portal.json()).toMatchObject({
      companyName: '株式会社さくら',
      alumnusId: leaver.id,
      email: leaver.email,
      needsConsent: false,
    });
    // a real better-auth session: better-auth's own endpoint reads it, and signing out ends it
    const session = await member.get('/api/auth/get-session');
    expect(session.json()).toMatchObject({ user: { email: leaver.email } });
    expect((await member.post('/api/auth/sign-out', {})).statusCode).toBe(200);
    expect((await member.get('/api/me')).statusCode).toBe(401);
  });

  it('with a password: signed in at once, and the password works later too', async () => {
    const leaver = await invitationFor();
    const res = await anonymous(ctx).post(
      `/api/public/alumni-invitations/${leaver.token}/register`,
      registration({ password: 'kenta-password-1' }),
    );
    expect(res.json()).toEqual({ email: leaver.email, hasPassword: true, signedIn: true });
    const member = clientFor(ctx, cookiesOf(res));
    expect((await member.get('/api/portal/me')).json().email).toBe(leaver.email);
  });

  it('a member of another network acts in the company they just joined', async () => {
    const other = await createCompany(ctx, '株式会社もみじ');
    const { client: otherAdmin } = await loginAs(ctx, other.id, 'company_admin');
    const first = await inviteLeaver(ctx, otherAdmin);
    const joined = await anonymous(ctx).post(
      `/api/public/alumni-invitations/${first.token}/register`,
      registration({ noticeVersion: (await otherAdmin.get('/api/privacy-notice')).json().version }),
    );
    expect(joined.json().signedIn).toBe(true);

    const leaver = await invitationFor(first.email);
    const res = await anonymous(ctx).post(
      `/api/public/alumni-invitations/${leaver.token}/register`,
      registration(),
    );
    expect(res.json()).toMatchObject({ signedIn: true });
    const me = (await clientFor(ctx, cookiesOf(res)).get('/api/me')).json();
    expect(me.activeTenant).toMatchObject({ id: tenantId, role: 'alumnus' });
    expect(me.memberships).toHaveLength(2);
  });

  it('an account that also holds a staff role is registered but not signed in by the link', async () => {
    const other = await createCompany(ctx);
    const staff = await createMember(ctx, other.id, 'company_staff');
    const leaver = await invitationFor(staff.email);
    const res = await anonymous(ctx).post(
      `/api/public/alumni-invitations/${leaver.token}/register`,
      registration(),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ email: staff.email, hasPassword: false, signedIn: false });
    expect(sessionCookieOf(res)).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('a refused registration sets no cookie', async () => {
    const leaver = await invitationFor();
    const res = await anonymous(ctx).post(
      `/api/public/alumni-invitations/${leaver.token}/register`,
      registration({ noticeVersion: noticeVersion + 1 }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('confirming a self-registration signs the member in', () => {
  async function selfRegister(email: string) {
    const res = await anonymous(ctx).post(
      `/api/public/networks/${slug}/registrations`,
      selfRegistrationForm(email, noticeVersion),
    );
    expect(res.statusCode).toBe(202);
    return mailedToken(ctx, email);
  }

  it('registered on the one matching record: the answer sets the session cookie', async () => {
    const leaver = await createLeaver(admin, { familyName: '佐藤', givenName: '次郎' });
    const token = await selfRegister(leaver.email);
    const res = await anonymous(ctx).post(`/api/public/registration-verifications/${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'registered',
      companyName: '株式会社さくら',
      email: leaver.email,
      signedIn: true,
    });
    expect(sessionCookieOf(res)).toBeDefined();
    const member = clientFor(ctx, cookiesOf(res));
    expect((await member.get('/api/me')).json()).toMatchObject({
      user: { email: leaver.email },
      activeTenant: { id: tenantId, role: 'alumnus' },
    });
    expect((await member.get('/api/portal/me')).json()).toMatchObject({ alumnusId: leaver.id });
  });

  it('queued for staff: no session', async () => {
    const token = await selfRegister(`nobody-${Date.now()}@example.test`);
    const res = await anonymous(ctx).post(`/api/public/registration-verifications/${token}`);
    expect(res.json()).toMatchObject({ status: 'queued', signedIn: false });
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('the session endpoint is server-only', () => {
  it('is not reachable over HTTP', async () => {
    for (const path of ['/api/auth/start-registered-session', '/api/auth/startRegisteredSession']) {
      const res = await anonymous(ctx).request({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/json' },
        payload: { userId: 'x', activeTenantId: tenantId },
      });
      expect(res.statusCode).toBe(404);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });
});
