import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privacyNotices } from '../src/modules/membership/tables.js';
import {
  anonymous,
  type Client,
  createCompany,
  createTestContext,
  lastMailTo,
  linkIn,
  loginAs,
  loginAsOperator,
  type TestContext,
  uniqueEmail,
} from './helpers.js';
import { createLeaver, registerLeaver } from './member-helpers.js';

/**
 * A GET changes nothing. Every GET route of the route table is called (with real ids and tokens
 * where it takes them), and the content of every table is compared before and after: row counts
 * and a hash of the rows, so an UPDATE shows as well as an INSERT. The one write a read may make
 * is its audit entry: the project audits reads and exports of personal data (`alumnus.read`,
 * `alumni.export`, `audit.export`, …), so audit_log may gain rows whose action is a read or an
 * export — and nothing else. Rate-limit counters (tables named *rate_limit*) are not data and are
 * left out.
 */
let ctx: TestContext;
let tenantId: string;
let slug: string;
let admin: Client;
let operator: Client;
let member: Client;
const values: Record<string, string> = {};

const READ_AUDIT = /\.(self_)?(read|export)(_all)?$/;

async function tables(): Promise<string[]> {
  const r = await ctx.db.unsafeOwner.execute(
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  );
  return (r as unknown as { rows: { tablename: string }[] }).rows
    .map((row) => row.tablename)
    .filter((t) => !t.includes('rate_limit'));
}

/** Each table's row count and a hash of its rows (the audit log without its read entries). */
async function snapshot(names: string[]): Promise<Record<string, string>> {
  const parts = names.map((t) => {
    const where = t === 'audit_log' ? ` where action !~ '${READ_AUDIT.source}'` : '';
    return `select '${t}' as t, count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x${where}`;
  });
  const r = await ctx.db.unsafeOwner.execute(sql.raw(parts.join(' union all ')));
  return Object.fromEntries(
    (r as unknown as { rows: { t: string; h: string }[] }).rows.map((x) => [x.t, x.h]),
  );
}

async function auditActionsSince(count: number) {
  const r = await ctx.db.unsafeOwner.execute(
    sql`select action from audit_log order by created_at, id offset ${count}`,
  );
  return (r as unknown as { rows: { action: string }[] }).rows.map((x) => x.action);
}

async function auditCount() {
  const r = await ctx.db.unsafeOwner.execute(sql`select count(*)::int as n from audit_log`);
  return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

const tokenOf = (text: string) => new URL(linkIn(text)).pathname.split('/').pop()!;

beforeAll(async () => {
  ctx = await createTestContext();
  const company = await createCompany(ctx, '読取株式会社');
  tenantId = company.id;
  slug = company.slug;
  admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
  operator = (await loginAsOperator(ctx)).client;

  // a member (registration stores the notice), in a company of its own, for the portal's GETs
  const other = await createCompany(ctx, '会員株式会社');
  const otherAdmin = (await loginAs(ctx, other.id, 'company_admin')).client;
  member = (await registerLeaver(ctx, otherAdmin)).member;

  // in the company read: records, a pending alumni invitation, a staff invitation, a published
  // policy with its share link, the public page and a self-registration — but no stored notice
  const leaver = await createLeaver(admin);
  values.alumnusId = leaver.id;
  expect((await admin.post(`/api/alumni/${leaver.id}/invitation`)).statusCode).toBe(201);
  values.alumniInvitationToken = tokenOf((await lastMailTo(ctx, leaver.email))!.text);
  const invitee = uniqueEmail('invitee');
  expect((await admin.post('/api/invitations', { email: invitee, role: 'company_staff' })).statusCode).toBe(
    201,
  );
  values.staffInvitationToken = tokenOf((await lastMailTo(ctx, invitee))!.text);
  values.mailId = (await lastMailTo(ctx, invitee))!.id;
  const saved = await admin.put('/api/rehire-policy', {
    version: 0,
    policy: {
      allowedLeaveTypes: [],
      minTenureMonths: 0,
      minMonthsSinceLeaving: 0,
      excludedLeaveReasons: [],
      excludeDoNotContact: true,
      explanation: '歓迎します',
      published: true,
    },
  });
  expect(saved.statusCode).toBe(200);
  values.policyToken = new URL((await admin.post('/api/rehire-policy/share-link')).json().url).pathname
    .split('/')
    .pop()!;
  expect((await admin.put('/api/network-settings', { publicPageEnabled: true })).statusCode).toBe(200);
  const requester = uniqueEmail('requester');
  const registration = await anonymous(ctx).post(`/api/public/networks/${slug}/registrations`, {
    email: requester,
    familyName: '佐藤',
    givenName: '次郎',
    familyNameKana: 'さとう',
    givenNameKana: 'じろう',
    employeeNumber: null,
    leaveYear: 2022,
    department: '開発部',
    interests: [],
    consents: ['member_profile'],
    noticeVersion: 1, // the default notice's (read without a GET here: the test below reads it)
  });
  expect(registration.statusCode).toBe(202);
  values.verificationToken = tokenOf((await lastMailTo(ctx, requester))!.text);
  const verified = await anonymous(ctx).post(
    `/api/public/registration-verifications/${values.verificationToken}`,
  );
  expect(verified.statusCode).toBe(200);
  const queue = (await admin.get('/api/alumni/registration-requests')).json().items;
  values.requestId = queue[0]?.id ?? randomUUID();
});
afterAll(() => ctx.close());

/** A real value for each path parameter (tokens by route, since several routes take `:token`). */
function urlOf(route: string): string {
  return route
    .replace(':alumnusId', values.alumnusId!)
    .replace(':requestId', values.requestId!)
    .replace(':tenantId', tenantId)
    .replace(':mailId', values.mailId!)
    .replace(':progressId', randomUUID())
    .replace(':slug', slug)
    .replace(
      ':token',
      route.includes('alumni-invitations')
        ? values.alumniInvitationToken!
        : route.includes('registration-verifications')
          ? values.verificationToken!
          : route.includes('rehire-policy')
            ? values.policyToken!
            : values.staffInvitationToken!,
    );
}

describe('reading never writes', () => {
  it('every GET route leaves every table as it was (reads audited as reads, nothing else)', async () => {
    // the company has no stored notice (as before its first publication; the self-registration
    // above used to store one, which is no longer so): the routes that show it answer the default
    await ctx.db.unsafeOwner.delete(privacyNotices).where(eq(privacyNotices.tenantId, tenantId));
    const names = await tables();
    expect(names).toContain('privacy_notices');
    const routes = ctx.app.routeTable
      .filter((r) => r.method === 'GET' || (Array.isArray(r.method) && r.method.includes('GET')))
      .map((r) => r.url)
      .filter((url) => !url.startsWith('/api/auth/') && !url.startsWith('/api/docs'))
      .filter((url, i, all) => all.indexOf(url) === i);
    expect(routes.length).toBeGreaterThan(30);
    const answered: string[] = [];
    for (const route of routes) {
      const url = urlOf(route);
      const before = await snapshot(names);
      const audits = await auditCount();
      const client = route.startsWith('/api/portal')
        ? member
        : route.startsWith('/api/public') || route === '/healthz' || route === '/readyz'
          ? anonymous(ctx)
          : admin;
      let res = await client.get(url);
      if (res.statusCode === 403 && client === admin) res = await operator.get(url);
      answered.push(`${route} ${res.statusCode}`);
      const after = await snapshot(names);
      const changed = names.filter((t) => before[t] !== after[t]);
      expect(changed, `GET ${route} changed ${changed.join(', ')}`).toEqual([]);
      for (const action of await auditActionsSince(audits))
        expect(action, `GET ${route} audited`).toMatch(READ_AUDIT);
    }
    // most routes did their work (not a 401/403/404 that would prove little)
    const done = answered.filter((a) => / 2\d\d$/.test(a));
    expect(done.length, answered.join('\n')).toBeGreaterThan(routes.length * 0.75);
  });

  it('the privacy notice is answered, not stored, until the first publication stores it', async () => {
    const stored = () =>
      ctx.db.unsafeOwner.select().from(privacyNotices).where(eq(privacyNotices.tenantId, tenantId));
    expect(await stored()).toEqual([]);
    const read = await admin.get('/api/privacy-notice');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ version: 1 });
    expect(read.json().body).toContain('個人情報の取扱いについて');
    const again = await admin.get('/api/privacy-notice');
    expect(again.json()).toEqual(read.json()); // the same default each time, same date
    expect(await stored()).toEqual([]);

    const published = await admin.post('/api/privacy-notice', {
      body: '新しい取扱い',
      purposes: ['member_profile', 'news'],
    });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ version: 2, body: '新しい取扱い' });
    // the default members may have read is kept as version 1, exactly as it was shown
    const rows = (await stored()).sort((a, b) => a.version - b.version);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(rows[0]!.body).toBe(read.json().body);
    expect(rows[0]!.publishedAt.toISOString()).toBe(read.json().publishedAt);
  });
});
