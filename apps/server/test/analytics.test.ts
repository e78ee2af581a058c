import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokyoMonthOf } from '../src/modules/analytics/home-figures.js';
import { homeFigures } from '../src/modules/analytics/index.js';
import { auditLog } from '../src/modules/audit/tables.js';
import { alumniInvitations } from '../src/modules/membership/tables.js';
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

let ctx: TestContext;
let tenantId: string;
let slug: string;
let admin: Client;
let otherTenantId: string;
let other: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  const company = await createCompany(ctx, '株式会社あおば');
  tenantId = company.id;
  slug = company.slug;
  admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
  const second = await createCompany(ctx, '株式会社よそ');
  otherTenantId = second.id;
  other = (await loginAs(ctx, otherTenantId, 'company_admin')).client;
});
afterAll(() => ctx.close());

const figures = async (client: Client) => {
  const res = await client.get('/api/analytics/home');
  expect(res.statusCode).toBe(200);
  return res.json();
};

const auditCount = async (tenant: string) => {
  const [row] = await ctx.db.unsafeOwner
    .select({ n: count() })
    .from(auditLog)
    .where(eq(auditLog.tenantId, tenant));
  return row!.n;
};

/** A self-registration from the public page that matches no record: it waits for staff. */
async function pendingRegistration(client: Client) {
  await client.put('/api/network-settings', { publicPageEnabled: true });
  const notice = (await client.get('/api/privacy-notice')).json();
  const email = uniqueEmail('stranger');
  const res = await anonymous(ctx).post(`/api/public/networks/${slug}/registrations`, {
    email,
    familyName: '未知',
    givenName: '太郎',
    familyNameKana: null,
    givenNameKana: null,
    employeeNumber: null,
    leaveYear: 2021,
    department: null,
    interests: [],
    consents: ['member_profile'],
    noticeVersion: notice.version,
  });
  expect(res.statusCode).toBe(202);
  const token = new URL(linkIn((await lastMailTo(ctx, email))!.text)).pathname.split('/').pop()!;
  const verified = await anonymous(ctx).post(`/api/public/registration-verifications/${token}`);
  expect(verified.json()).toMatchObject({ status: 'queued' });
}

const importCsv = (client: Client, rows: string[]) =>
  client.request({
    method: 'POST',
    url: '/api/alumni/import/apply?fileName=leavers.csv',
    headers: { 'content-type': 'text/csv' },
    payload: Buffer.from(`社員番号,姓,名,退職年月日,退職区分\r\n${rows.join('\r\n')}\r\n`),
  });

describe('the staff home figures', () => {
  it('start at zero for a new company, with no join rate and no import', async () => {
    expect(await figures(admin)).toEqual({
      alumni: 0,
      members: 0,
      joinRate: null,
      retireesCounted: false,
      pendingRegistrations: 0,
      invitationsThisMonth: 0,
      month: tokyoMonthOf(new Date()).month,
      imports: { recent: 0, lastAt: null, lastCreated: null, lastUpdated: null },
    });
  });

  it('count records, members, the join rate, waiting registrations, invitations and imports', async () => {
    const plain = await createLeaver(admin);
    const erased = await createLeaver(admin);
    await registerLeaver(ctx, admin); // a record, an invitation and a member
    expect((await admin.post(`/api/alumni/${plain.id}/invitation`)).statusCode).toBe(201);
    const record = (await admin.get(`/api/alumni/${erased.id}`)).json();
    const anonymized = await admin.post(`/api/alumni/${erased.id}/anonymize`, {
      reason: '電話での削除依頼',
      version: record.version,
    });
    expect(anonymized.statusCode).toBe(200);
    await pendingRegistration(admin);
    const imported = await importCsv(admin, [
      'H-1,北村,一郎,2022-03-31,自己都合',
      'H-2,南野,二郎,2022-06-30,自己都合',
    ]);
    expect(imported.statusCode).toBe(200);

    const now = await figures(admin);
    expect(now).toMatchObject({
      alumni: 4, // plain, the member, two imported; the anonymized record no longer counts
      members: 1,
      joinRate: 1 / 4,
      pendingRegistrations: 1,
      invitationsThisMonth: 2,
      imports: { recent: 1, lastCreated: 2, lastUpdated: 0 },
    });
    expect(Date.now() - Date.parse(now.imports.lastAt)).toBeLessThan(60_000);

    // a second import updating one record is the newest
    expect((await importCsv(admin, ['H-1,北村,一朗,2022-03-31,自己都合'])).statusCode).toBe(200);
    expect((await figures(admin)).imports).toMatchObject({ recent: 2, lastCreated: 0, lastUpdated: 1 });
  });

  it('count leavers at the retirement age only when the company counts them as alumni', async () => {
    const before = await figures(admin);
    await createLeaver(admin, { leaveType: 'retirement' });
    expect(await figures(admin)).toMatchObject({ alumni: before.alumni, retireesCounted: false });
    const settings = await admin.put('/api/network-settings', {
      publicPageEnabled: true,
      retireesAreAlumni: true,
    });
    expect(settings.statusCode).toBe(200);
    expect(await figures(admin)).toMatchObject({ alumni: before.alumni + 1, retireesCounted: true });
    await admin.put('/api/network-settings', { publicPageEnabled: true, retireesAreAlumni: false });
  });

  it('count this month’s invitations in Japan time only', async () => {
    expect(tokyoMonthOf(new Date('2026-03-31T15:30:00Z'))).toEqual({
      month: '2026-04',
      start: new Date('2026-03-31T15:00:00Z'),
    });
    expect(tokyoMonthOf(new Date('2026-03-31T14:59:59Z')).month).toBe('2026-03');
    const before = (await figures(admin)).invitationsThisMonth;
    const leaver = await createLeaver(admin);
    expect((await admin.post(`/api/alumni/${leaver.id}/invitation`)).statusCode).toBe(201);
    expect((await figures(admin)).invitationsThisMonth).toBe(before + 1);
    // the same invitation sent one second before this month began (Tokyo) counts no more
    const { start } = tokyoMonthOf(new Date());
    await ctx.db.unsafeOwner
      .update(alumniInvitations)
      .set({ createdAt: new Date(start.getTime() - 1000) })
      .where(eq(alumniInvitations.alumnusId, leaver.id));
    expect((await figures(admin)).invitationsThisMonth).toBe(before);
  });

  it('never count another company’s records, even when asked for them (row-level security)', async () => {
    const mine = await figures(admin);
    await createLeaver(other);
    await registerLeaver(ctx, other);
    expect(await figures(admin)).toEqual(mine);
    expect(await figures(other)).toMatchObject({ alumni: 2, members: 1, invitationsThisMonth: 1 });
    // a use case handed the wrong company inside this company's transaction sees nothing of it
    const crossed = await ctx.db.withTenant(tenantId, (tx) => homeFigures(tx, otherTenantId));
    expect(crossed).toMatchObject({
      alumni: 0,
      members: 0,
      pendingRegistrations: 0,
      invitationsThisMonth: 0,
      imports: { recent: 0, lastAt: null },
    });
  });

  it('are read by staff, write nothing, and need a company and alumni reading', async () => {
    const { client: staff } = await loginAs(ctx, tenantId, 'company_staff');
    const before = await auditCount(tenantId);
    expect((await figures(staff)).alumni).toBeGreaterThan(0);
    expect(await auditCount(tenantId)).toBe(before);
    const { client: employee } = await loginAs(ctx, tenantId, 'employee');
    expect((await employee.get('/api/analytics/home')).statusCode).toBe(403);
    const { client: operator } = await loginAsOperator(ctx);
    expect((await operator.get('/api/analytics/home')).statusCode).toBe(403);
    expect((await anonymous(ctx).get('/api/analytics/home')).statusCode).toBe(401);
  });
});

describe('a record’s consents, as staff see them', () => {
  it('show each purpose given, withdrawn or never, with dates and notice versions (audited read)', async () => {
    const leaver = await registerLeaver(ctx, admin, {}, ['member_profile', 'job_offers', 'news']);
    const notice = (await admin.get('/api/privacy-notice')).json();
    const withdrawn = await leaver.member.put('/api/portal/consents', {
      granted: ['member_profile', 'job_offers'],
      noticeVersion: notice.version,
    });
    expect(withdrawn.statusCode).toBe(200);

    const { client: staff } = await loginAs(ctx, tenantId, 'company_staff');
    const res = await staff.get(`/api/alumni/${leaver.id}/consents`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.registeredAt).not.toBeNull();
    expect(body.lastInvitedAt).not.toBeNull();
    expect(body.currentNoticeVersion).toBe(notice.version);
    const byPurpose = Object.fromEntries(
      body.consents.map((c: { purpose: string }) => [c.purpose, c]),
    ) as Record<
      string,
      { state: string; grantedAt: string | null; withdrawnAt: string | null; noticeVersion: number | null }
    >;
    expect(Object.keys(byPurpose)).toEqual([
      'member_profile',
      'job_offers',
      'side_jobs',
      'events',
      'news',
      'surveys',
    ]);
    expect(byPurpose.member_profile).toMatchObject({
      state: 'granted',
      withdrawnAt: null,
      noticeVersion: notice.version,
    });
    expect(byPurpose.member_profile!.grantedAt).not.toBeNull();
    expect(byPurpose.news).toMatchObject({ state: 'withdrawn', noticeVersion: notice.version });
    expect(byPurpose.news!.withdrawnAt).not.toBeNull();
    expect(byPurpose.side_jobs).toEqual({
      purpose: 'side_jobs',
      state: 'never',
      grantedAt: null,
      withdrawnAt: null,
      noticeVersion: null,
    });

    // audited as a read of the record, which the record's history leaves out
    const reads = (await admin.get('/api/audit?action=alumnus.read')).json().items;
    expect(
      reads.some(
        (e: { subjectId: string; detail: { part?: string } }) =>
          e.subjectId === leaver.id && e.detail.part === 'consents',
      ),
    ).toBe(true);
    const timeline = (await admin.get(`/api/alumni/${leaver.id}/timeline`)).json().items;
    expect(timeline.map((e: { action: string }) => e.action)).not.toContain('alumnus.read');
  });

  it('are empty for a leaver who never registered', async () => {
    const leaver = await createLeaver(admin);
    const body = (await admin.get(`/api/alumni/${leaver.id}/consents`)).json();
    expect(body).toMatchObject({ registeredAt: null, lastInvitedAt: null });
    expect(body.consents.every((c: { state: string }) => c.state === 'never')).toBe(true);
  });

  it('answer 404 to another company and 403 to those who may not read alumni', async () => {
    const leaver = await registerLeaver(ctx, admin);
    expect((await other.get(`/api/alumni/${leaver.id}/consents`)).statusCode).toBe(404);
    const { client: employee } = await loginAs(ctx, tenantId, 'employee');
    expect((await employee.get(`/api/alumni/${leaver.id}/consents`)).statusCode).toBe(403);
    expect((await leaver.member.get(`/api/alumni/${leaver.id}/consents`)).statusCode).toBe(403);
  });
});
