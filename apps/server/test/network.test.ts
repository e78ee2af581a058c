import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alumniConsents, alumniRegistrationRequests } from '../src/modules/membership/tables.js';
import { tenants } from '../src/schema.js';
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
import { createLeaver, createNetwork, registerLeaver } from './member-helpers.js';

let ctx: TestContext;
let tenantId: string;
let slug: string;
let admin: Client;
let noticeVersion: number;
beforeAll(async () => {
  ctx = await createTestContext();
  ({ tenantId, slug, admin, noticeVersion } = await createNetwork(ctx, '株式会社さくら', {
    intro: '求人・副業・イベントのご案内をお届けします。',
    profileReviewMonths: 12,
  }));
});
afterAll(() => ctx.close());

const form = (email: string, over: Record<string, unknown> = {}) => ({
  email,
  familyName: '佐藤',
  givenName: '次郎',
  familyNameKana: 'さとう',
  givenNameKana: 'じろう',
  employeeNumber: null,
  leaveYear: 2022,
  department: '開発部',
  interests: ['side_job'],
  consents: ['member_profile', 'job_offers', 'events'],
  noticeVersion,
  ...over,
});

async function register(email: string, over: Record<string, unknown> = {}) {
  const res = await anonymous(ctx).post(`/api/public/networks/${slug}/registrations`, form(email, over));
  expect(res.statusCode).toBe(202);
  expect(res.json()).toEqual({ ok: true });
  const mail = await lastMailTo(ctx, email);
  return mail ? new URL(linkIn(mail.text)).pathname.split('/').pop()! : null;
}

describe('network settings', () => {
  it('are read by staff, saved by company admins only, audited', async () => {
    const { client: staff } = await loginAs(ctx, tenantId, 'company_staff');
    const read = await staff.get('/api/network-settings');
    expect(read.json()).toMatchObject({ publicPageEnabled: true, slug, profileReviewMonths: 12 });
    expect((await staff.put('/api/network-settings', { publicPageEnabled: false })).statusCode).toBe(403);
    const bad = await admin.put('/api/network-settings', { profileReviewMonths: 99 });
    expect(bad.statusCode).toBe(400);
    expect(
      (await admin.get('/api/audit?action=network_settings.update')).json().items.length,
    ).toBeGreaterThan(0);
  });
});

describe('the public page and self-registration', () => {
  it('answers 404 unless the company enabled it', async () => {
    const other = await createCompany(ctx);
    expect((await anonymous(ctx).get(`/api/public/networks/${other.slug}`)).statusCode).toBe(404);
    expect((await anonymous(ctx).get('/api/public/networks/no-such-company')).statusCode).toBe(404);
    const post = await anonymous(ctx).post(
      `/api/public/networks/${other.slug}/registrations`,
      form(uniqueEmail()),
    );
    expect(post.statusCode).toBe(404);
    const page = await anonymous(ctx).get(`/api/public/networks/${slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      companyName: '株式会社さくら',
      intro: '求人・副業・イベントのご案内をお届けします。',
      openPostings: null,
    });
    expect(page.json().notice.version).toBe(noticeVersion);
  });

  it('a suspended company has no public page and takes no registration, storing nothing', async () => {
    const other = await createNetwork(ctx, '株式会社停止中');
    expect((await anonymous(ctx).get(`/api/public/networks/${other.slug}`)).statusCode).toBe(200);
    const { client: operator } = await loginAsOperator(ctx);
    expect((await operator.patch(`/api/tenants/${other.tenantId}`, { status: 'suspended' })).statusCode).toBe(
      200,
    );

    const page = await anonymous(ctx).get(`/api/public/networks/${other.slug}`);
    expect(page.statusCode).toBe(404);
    const email = uniqueEmail('suspended');
    const post = await anonymous(ctx).post(
      `/api/public/networks/${other.slug}/registrations`,
      form(email, { noticeVersion: other.noticeVersion }),
    );
    expect(post.statusCode).toBe(404);
    const stored = await ctx.db.unsafeOwner
      .select()
      .from(alumniRegistrationRequests)
      .where(eq(alumniRegistrationRequests.tenantId, other.tenantId));
    expect(stored).toEqual([]);
    expect(await lastMailTo(ctx, email)).toBeNull();
  });

  it('a leaver whose address is on exactly one record is registered on it by the e-mailed link', async () => {
    const leaver = await createLeaver(admin, { familyName: '佐藤', givenName: '次郎' });
    const token = await register(leaver.email);
    const mail = await lastMailTo(ctx, leaver.email);
    expect(mail?.subject).toBe('株式会社さくら アルムナイ会員登録のメールアドレス確認');
    expect(mail?.text).toContain(`${ctx.config.baseUrl}/network/verify/`);
    expect(mail?.text).toContain('---- English ----');

    const preview = await anonymous(ctx).get(`/api/public/registration-verifications/${token}`);
    expect(preview.json()).toMatchObject({ companyName: '株式会社さくら', email: leaver.email });
    const verified = await anonymous(ctx).post(`/api/public/registration-verifications/${token}`);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({
      status: 'registered',
      companyName: '株式会社さくら',
      email: leaver.email,
      signedIn: true,
    });
    const record = (await admin.get(`/api/alumni/${leaver.id}`)).json();
    expect(record).toMatchObject({ isRegistered: true, interests: ['side_job'] });
    const consents = await ctx.db.unsafeOwner
      .select()
      .from(alumniConsents)
      .where(and(eq(alumniConsents.tenantId, tenantId), eq(alumniConsents.alumnusId, leaver.id)));
    expect(consents.map((c) => c.purpose).sort()).toEqual(['events', 'job_offers', 'member_profile']);
    // the link works once
    expect((await anonymous(ctx).post(`/api/public/registration-verifications/${token}`)).statusCode).toBe(
      410,
    );
    expect((await anonymous(ctx).get(`/api/public/registration-verifications/${token}`)).statusCode).toBe(
      410,
    );
  });

  it('answers the same for an unknown address (no enumeration) and queues it after verification', async () => {
    const email = uniqueEmail('stranger');
    const token = await register(email, { familyName: '未知', givenName: '太郎' });
    const verified = await anonymous(ctx).post(`/api/public/registration-verifications/${token}`);
    expect(verified.json()).toMatchObject({ status: 'queued' });
    const pending = (await admin.get('/api/alumni/registration-requests?status=pending')).json().items;
    expect(pending.map((r: { email: string }) => r.email)).toContain(email);
  });

  it('never registers automatically on a do-not-contact, registered or anonymized record', async () => {
    const dnc = await createLeaver(admin, { doNotContact: true, doNotContactReason: '本人希望' });
    const member = await registerLeaver(ctx, admin);
    for (const email of [dnc.email, member.email]) {
      const token = await register(email);
      const res = await anonymous(ctx).post(`/api/public/registration-verifications/${token}`);
      expect(res.json().status).toBe('queued');
    }
    expect((await admin.get(`/api/alumni/${dnc.id}`)).json().isRegistered).toBe(false);
  });

  it('refuses an expired or unknown link with 410, and a stale notice with 409', async () => {
    const email = uniqueEmail();
    const token = await register(email);
    await ctx.db.unsafeOwner
      .update(alumniRegistrationRequests)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(alumniRegistrationRequests.email, email));
    const expired = await anonymous(ctx).post(`/api/public/registration-verifications/${token}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('verification_invalid');
    const unknown = await anonymous(ctx).get(`/api/public/registration-verifications/${'x'.repeat(43)}`);
    expect(unknown.statusCode).toBe(410);
    const stale = await anonymous(ctx).post(
      `/api/public/networks/${slug}/registrations`,
      form(uniqueEmail(), { noticeVersion: noticeVersion + 5 }),
    );
    expect(stale.statusCode).toBe(409);
  });

  it('mails at most 3 links per address an hour, answering 202 all the same', async () => {
    const email = uniqueEmail('flood');
    for (let i = 0; i < 5; i++) await register(email);
    const rows = await ctx.db.unsafeOwner
      .select()
      .from(alumniRegistrationRequests)
      .where(eq(alumniRegistrationRequests.email, email));
    expect(rows).toHaveLength(3);
  });

  it('validates the form with field errors', async () => {
    const res = await anonymous(ctx).post(
      `/api/public/networks/${slug}/registrations`,
      form('not-an-email', { consents: ['events'] }),
    );
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.consents']));
  });
});

describe('the staff queue (照合待ち)', () => {
  async function queued(over: Record<string, unknown> = {}) {
    const email = (over.email as string) ?? uniqueEmail('queued');
    const token = await register(email, over);
    await anonymous(ctx).post(`/api/public/registration-verifications/${token}`);
    const list = (await admin.get('/api/alumni/registration-requests')).json().items;
    return list.find((r: { email: string }) => r.email === email) as { id: string; email: string };
  }

  it('shows candidates by employee number, exact name and kana, and matches the person onto one', async () => {
    const record = await createLeaver(admin, {
      familyName: '鈴木',
      givenName: '三郎',
      familyNameKana: 'スズキ',
      givenNameKana: 'サブロウ',
      employeeNumber: 'Q-777',
    });
    const req = await queued({
      familyName: '鈴木',
      givenName: '三郎',
      familyNameKana: 'すずき',
      givenNameKana: 'さぶろう',
      employeeNumber: 'Q-777',
    });
    const detail = await admin.get(`/api/alumni/registration-requests/${req.id}`);
    expect(detail.statusCode).toBe(200);
    const candidate = detail.json().candidates.find((c: { alumnusId: string }) => c.alumnusId === record.id);
    expect(candidate.matchedOn).toEqual(['employee_number', 'name', 'kana']);
    expect((await admin.get('/api/audit?action=registration_request.read')).json().items[0].subjectId).toBe(
      req.id,
    );

    const matched = await admin.post(`/api/alumni/registration-requests/${req.id}/match`, {
      alumnusId: record.id,
    });
    expect(matched.statusCode).toBe(200);
    expect(matched.json()).toMatchObject({ status: 'matched', alumnusId: record.id });
    const after = (await admin.get(`/api/alumni/${record.id}`)).json();
    expect(after).toMatchObject({ isRegistered: true, email: req.email });
    const mail = await lastMailTo(ctx, req.email);
    expect(mail?.subject).toBe('株式会社さくら アルムナイ会員登録が完了しました');
    expect(linkIn(mail!.text)).toBe(`${ctx.config.baseUrl}/sign-in`);
    // decided once
    const again = await admin.post(`/api/alumni/registration-requests/${req.id}/reject`, { reason: '' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields[0].message).toBe('この登録申請は既に処理されています。');
  });

  it('refuses to match onto a member, a do-not-contact or an anonymized record, with field errors', async () => {
    const member = await registerLeaver(ctx, admin);
    const dnc = await createLeaver(admin, { doNotContact: true, doNotContactReason: '本人希望' });
    const gone = await createLeaver(admin);
    await admin.post(`/api/alumni/${gone.id}/anonymize`, { reason: '依頼', version: 1 });
    const req = await queued();
    const expectations: [string, string][] = [
      [member.id, '既に会員登録済みです。'],
      [dnc.id, '連絡不可の方です。'],
      [gone.id, '削除のご依頼により匿名化された記録です。'],
    ];
    for (const [alumnusId, message] of expectations) {
      const res = await admin.post(`/api/alumni/registration-requests/${req.id}/match`, { alumnusId });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.fields).toEqual([{ path: 'body.alumnusId', message }]);
    }
    const pending = (await admin.get('/api/alumni/registration-requests')).json().items;
    expect(pending.map((r: { id: string }) => r.id)).toContain(req.id);
  });

  it('creates a leaver record from a request and registers the person on it', async () => {
    const req = await queued({ familyName: '新規', givenName: '花', employeeNumber: 'N-42' });
    const res = await admin.post(`/api/alumni/registration-requests/${req.id}/create-record`, {
      leftOn: '2022-06-30',
      leaveType: 'company',
    });
    expect(res.statusCode).toBe(200);
    const alumnusId = res.json().alumnusId;
    const record = (await admin.get(`/api/alumni/${alumnusId}`)).json();
    expect(record).toMatchObject({
      familyName: '新規',
      familyNameKana: 'サトウ',
      employeeNumber: 'N-42',
      department: '開発部',
      leftOn: '2022-06-30',
      leaveType: 'company',
      isRegistered: true,
    });
    expect((await lastMailTo(ctx, req.email))?.subject).toBe(
      '株式会社さくら アルムナイ会員登録が完了しました',
    );
    const list = (await admin.get('/api/alumni/registration-requests?status=matched')).json().items;
    expect(list.map((r: { id: string }) => r.id)).toContain(req.id);
  });

  it('rejects with a polite notice by mail (the reason stays internal)', async () => {
    const req = await queued();
    const res = await admin.post(`/api/alumni/registration-requests/${req.id}/reject`, {
      reason: 'いたずら',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('rejected');
    const mail = await lastMailTo(ctx, req.email);
    expect(mail?.subject).toBe('株式会社さくら アルムナイ会員登録について');
    expect(mail?.text).not.toContain('いたずら');
    expect(mail?.text).toContain('---- English ----');
  });

  it('is for alumni:write; unverified requests are not shown', async () => {
    const email = uniqueEmail('unverified');
    await register(email);
    const all = [
      ...(await admin.get('/api/alumni/registration-requests?status=pending')).json().items,
      ...(await admin.get('/api/alumni/registration-requests?status=matched')).json().items,
    ];
    expect(all.map((r: { email: string }) => r.email)).not.toContain(email);
    const [row] = await ctx.db.unsafeOwner
      .select()
      .from(alumniRegistrationRequests)
      .where(eq(alumniRegistrationRequests.email, email));
    expect((await admin.get(`/api/alumni/registration-requests/${row!.id}`)).statusCode).toBe(404);
    const [t] = await ctx.db.unsafeOwner.select().from(tenants).where(eq(tenants.id, tenantId));
    expect(t?.slug).toBe(slug);
    const { client: employee } = await loginAs(ctx, tenantId, 'employee');
    expect((await employee.get('/api/alumni/registration-requests')).statusCode).toBe(403);
  });
});
