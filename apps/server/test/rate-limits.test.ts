import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInBudgets } from '../src/modules/identity/auth.js';
import { publicBudgets } from '../src/platform/rate-limit.js';
import {
  anonymous,
  BASE_URL,
  type Client,
  createCompany,
  createMember,
  createTestContext,
  lastMailTo,
  loginAs,
  nextIp,
  PASSWORD,
  type TestContext,
  uniqueEmail,
} from './helpers.js';

/**
 * Public endpoints and sign-in have budgets per client address and per target, counted in the
 * database (issue 9). A spent budget answers 429 with Retry-After and says in words how long to wait.
 */

let ctx: TestContext;
let slug: string;
let tenantId: string;
let admin: Client;
let noticeVersion: number;
beforeAll(async () => {
  ctx = await createTestContext();
  const company = await createCompany(ctx, '株式会社あおば');
  slug = company.slug;
  tenantId = company.id;
  admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
  noticeVersion = (await admin.get('/api/privacy-notice')).json().version;
  expect((await admin.put('/api/network-settings', { publicPageEnabled: true })).statusCode).toBe(200);
});
afterAll(() => ctx.close());

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const countOf = async (query: SQL) => rowsOf<{ n: number }>(await ctx.db.unsafeOwner.execute(query))[0]!.n;

function register(ip: string, email = uniqueEmail('reg'), lang: 'ja' | 'en' = 'ja') {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/public/networks/${slug}/registrations`,
    remoteAddress: ip,
    headers: { origin: BASE_URL, 'accept-language': lang },
    payload: { email, familyName: '佐藤', givenName: '花子', consents: ['member_profile'], noticeVersion },
  });
}

function signInFrom(ip: string, email: string, password: string) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    remoteAddress: ip,
    headers: { origin: BASE_URL, 'content-type': 'application/json', 'accept-language': 'ja' },
    payload: { email, password },
  });
}

describe('self-registration cannot be used to mail strangers at will', () => {
  it('one client address gets its hourly budget, then 429 with Retry-After and the wait in words; nothing more is mailed', async () => {
    const ip = nextIp();
    for (let i = 0; i < publicBudgets.registrationPerClient.max; i++)
      expect((await register(ip)).statusCode).toBe(202);
    const stranger = uniqueEmail('stranger');
    const refused = await register(ip, stranger);
    expect(refused.statusCode).toBe(429);
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(publicBudgets.registrationPerClient.windowSeconds);
    expect(refused.json().error).toMatchObject({ code: 'rate_limited' });
    expect(refused.json().error.message).toMatch(/\d+分ほどしてから再度お試しください/);
    expect(await lastMailTo(ctx, stranger)).toBeNull();
    // in English when asked in English
    const en = await register(ip, uniqueEmail('stranger'), 'en');
    expect(en.json().error.message).toMatch(/try again in \d+ minutes?/);
    // another address is not held back
    expect((await register(nextIp())).statusCode).toBe(202);
  });

  it('the same e-mail address is mailed at most three times an hour, and the answer stays 202 (no enumeration)', async () => {
    const email = uniqueEmail('again');
    for (let i = 0; i < 5; i++) expect((await register(nextIp(), email)).statusCode).toBe(202);
    expect(await countOf(sql`select count(*)::int as n from outgoing_mail where "to" = ${email}`)).toBe(3);
  });

  it('the mail says who asked, from where and when, and how to ignore it', async () => {
    const email = uniqueEmail('who');
    expect((await register('203.0.113.7', email)).statusCode).toBe(202);
    const mail = await lastMailTo(ctx, email);
    expect(mail!.text).toContain('佐藤 花子');
    expect(mail!.text).toContain('203.0.113.7');
    expect(mail!.text).toContain('株式会社あおば');
    expect(mail!.text).toMatch(/お心当たりがない場合は.*破棄/);
  });

  it('a company gets its hourly budget of registrations across all addresses, then 429', async () => {
    const other = await createCompany(ctx, '株式会社みなと');
    const otherAdmin = (await loginAs(ctx, other.id, 'company_admin')).client;
    const otherNotice = (await otherAdmin.get('/api/privacy-notice')).json().version;
    expect((await otherAdmin.put('/api/network-settings', { publicPageEnabled: true })).statusCode).toBe(200);
    const send = (ip: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/public/networks/${other.slug}/registrations`,
        remoteAddress: ip,
        headers: { origin: BASE_URL },
        payload: {
          email: uniqueEmail('many'),
          familyName: '鈴木',
          givenName: '一郎',
          consents: ['member_profile'],
          noticeVersion: otherNotice,
        },
      });
    for (let i = 0; i < publicBudgets.registrationPerCompany.max; i++) {
      const res = await send(nextIp());
      if (res.statusCode !== 202) throw new Error(`registration ${i}: ${res.statusCode} ${res.body}`);
    }
    expect((await send(nextIp())).statusCode).toBe(429);
    // the budget is the company's: the first company's page still takes registrations
    expect((await register(nextIp())).statusCode).toBe(202);
  });
});

describe('mailed links have budgets per address and per link', () => {
  it('one staff-invitation link answers 429 after its budget, whatever the address; another link still answers', async () => {
    const invite = async () => {
      const email = uniqueEmail('staff');
      const res = await admin.post('/api/invitations', { email, role: 'company_staff' });
      expect(res.statusCode).toBe(201);
      const mail = await lastMailTo(ctx, email);
      return new URL(mail!.text.match(/https?:\/\/\S+/)![0]).pathname.split('/').pop()!;
    };
    const token = await invite();
    const read = (t: string, ip: string) =>
      ctx.app.inject({ method: 'GET', url: `/api/public/invitations/${t}`, remoteAddress: ip });
    for (let i = 0; i < publicBudgets.linkPerToken.max; i++)
      expect((await read(token, nextIp())).statusCode).toBe(200);
    const refused = await read(token, nextIp());
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await read(await invite(), nextIp())).statusCode).toBe(200);
  });

  it('one address guessing links is stopped after its budget (unknown links count too)', async () => {
    const ip = nextIp();
    let last = 0;
    for (let i = 0; i <= publicBudgets.linkPerClient.max; i++) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/public/registration-verifications/${'x'.repeat(30)}${i}`,
        remoteAddress: ip,
      });
      last = res.statusCode;
      if (i < publicBudgets.linkPerClient.max) expect(res.statusCode).toBe(410);
    }
    expect(last).toBe(429);
  });
});

describe('sign-in: per account, and failures per address', () => {
  it('an office of 25 people behind one address signs in at 9:00 without being locked out, each many times', async () => {
    const office = '198.51.100.20';
    const people = await Promise.all(
      Array.from({ length: 25 }, () => createMember(ctx, tenantId, 'company_staff')),
    );
    for (const p of people) expect((await signInFrom(office, p.email, PASSWORD)).statusCode).toBe(200);
    // one person signing in again and again (new browser, new device) is never held back
    for (let i = 0; i < signInBudgets.failuresPerAccount.max + 2; i++)
      expect((await signInFrom(office, people[0]!.email, PASSWORD)).statusCode).toBe(200);
  });

  it('concurrent wrong passwords for one account cannot slip past its budget', async () => {
    const user = await createMember(ctx, tenantId, 'company_staff');
    const burst = await Promise.all(
      Array.from({ length: signInBudgets.failuresPerAccount.max + 5 }, (_, i) =>
        signInFrom(nextIp(), user.email, `wrong-${i}`),
      ),
    );
    const tried = burst.filter((r) => r.statusCode === 401).length;
    expect(tried).toBeLessThanOrEqual(signInBudgets.failuresPerAccount.max);
    expect(burst.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(5);
  });

  it('ten wrong passwords for one account lock that account for a while, even with the right one and from elsewhere', async () => {
    const user = await createMember(ctx, tenantId, 'company_staff');
    for (let i = 0; i < signInBudgets.failuresPerAccount.max; i++)
      expect((await signInFrom(nextIp(), user.email, `wrong-password-${i}`)).statusCode).toBe(401);
    const locked = await signInFrom(nextIp(), user.email, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json().message).toMatch(/\d+分ほどしてから再度お試しください/);
    // another account is not affected
    const other = await createMember(ctx, tenantId, 'company_staff');
    expect((await signInFrom(nextIp(), other.email, PASSWORD)).statusCode).toBe(200);
  });

  it('an address spraying wrong passwords over many accounts is stopped; its correct sign-ins before that were not counted', async () => {
    const ip = '192.0.2.99';
    const accounts = await Promise.all(
      Array.from({ length: 5 }, () => createMember(ctx, tenantId, 'company_staff')),
    );
    for (const a of accounts) expect((await signInFrom(ip, a.email, PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < signInBudgets.failuresPerClient.max; i++) {
      const res = await signInFrom(ip, `nobody-${i}@example.test`, 'wrong-password');
      expect(res.statusCode).toBe(401);
    }
    const stopped = await signInFrom(ip, accounts[0]!.email, PASSWORD);
    expect(stopped.statusCode).toBe(429);
    expect((await signInFrom(nextIp(), accounts[0]!.email, PASSWORD)).statusCode).toBe(200);
  });

  it('magic links and password resets: five per account an hour, then 429', async () => {
    const user = await createMember(ctx, tenantId, 'company_staff');
    const ask = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/magic-link',
        remoteAddress: nextIp(),
        headers: { origin: BASE_URL, 'content-type': 'application/json' },
        payload: { email: user.email, callbackURL: '/' },
      });
    for (let i = 0; i < signInBudgets.mailedLinkPerAccount.max; i++)
      expect((await ask()).statusCode).toBe(200);
    expect((await ask()).statusCode).toBe(429);
  });
});

describe('the budgets live in the database', () => {
  it('keeps no client address, e-mail address or token readable, and the application role cannot read it', async () => {
    const rows = rowsOf<{ key: string }>(
      await ctx.db.unsafeOwner.execute(sql`select key from rate_limit_counters`),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.key).not.toMatch(/@|\d+\.\d+\.\d+\.\d+|ip:|token:/);
    }
    const denied = await ctx.db
      .withTenant(tenantId, (tx) => tx.execute(sql`select count(*) from rate_limit_counters`))
      .then(
        () => null,
        (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message),
      );
    expect(denied).toMatch(/permission denied/);
  });
  it('anonymous requests on other routes are not counted', async () => {
    const counters = sql`select coalesce(sum(count), 0)::int as n from rate_limit_counters`;
    const before = await countOf(counters);
    await anonymous(ctx).get(`/api/public/networks/${slug}`);
    expect(await countOf(counters)).toBe(before);
  });
});
