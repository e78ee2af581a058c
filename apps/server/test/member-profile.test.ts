import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alumni } from '../src/modules/alumni/tables.js';
import { type Client, createCompany, createTestContext, loginAs, type TestContext } from './helpers.js';
import { registerLeaver } from './member-helpers.js';

let ctx: TestContext;
let tenantId: string;
let admin: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (await createCompany(ctx, '株式会社さくら')).id;
  admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
});
afterAll(() => ctx.close());

const profileInput = {
  phone: '090-1234-5678',
  currentCompany: '株式会社つばき',
  currentTitle: '部長',
  hasDecisionAuthority: true,
  skills: ['営業', 'SQL'],
  interests: ['side_job', 'events'],
  returnConditions: {
    workStyle: 'リモート',
    location: '東京',
    payExpectation: '',
    earliestDate: '2027-04-01',
  },
  directoryFields: ['currentCompany'],
};

async function age(alumnusId: string, months: number) {
  const past = new Date();
  past.setUTCMonth(past.getUTCMonth() - months);
  await ctx.db.unsafeOwner
    .update(alumni)
    .set({ profileConfirmedAt: past, registeredAt: past })
    .where(and(eq(alumni.tenantId, tenantId), eq(alumni.id, alumnusId)));
}

describe('the member’s own profile (portal)', () => {
  it('reads, saves with a version check, and the staff side sees the change and finds it', async () => {
    const { id, member } = await registerLeaver(ctx, admin, { familyName: '北条', givenName: '政子' });
    const read = await member.get('/api/portal/profile');
    expect(read.statusCode).toBe(200);
    const profile = read.json();
    expect(profile).toMatchObject({
      familyName: '北条',
      givenName: '政子',
      department: '営業部',
      leftOn: '2023-03-31',
      interests: ['rehire'],
      directoryFields: [],
      confirmedAt: null,
      reviewDue: false,
    });

    const saved = await member.put('/api/portal/profile', {
      version: profile.version,
      profile: profileInput,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      currentCompany: '株式会社つばき',
      skills: ['営業', 'SQL'],
      returnConditions: { workStyle: 'リモート', payExpectation: null, earliestDate: '2027-04-01' },
      directoryFields: ['currentCompany'],
      version: profile.version + 1,
    });
    expect(saved.json().confirmedAt).not.toBeNull();

    // a save on the old version is a conflict, nothing overwritten
    const stale = await member.put('/api/portal/profile', {
      version: profile.version,
      profile: { ...profileInput, currentCompany: '古い会社' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');

    const record = (await admin.get(`/api/alumni/${id}`)).json();
    expect(record).toMatchObject({
      currentCompany: '株式会社つばき',
      hasDecisionAuthority: true,
      phone: '090-1234-5678',
    });
    // the staff search text was recomputed with the save (name kept, nothing lost)
    const [stored] = await ctx.db.unsafeOwner
      .select({ searchText: alumni.searchText, searchGrams: alumni.searchGrams })
      .from(alumni)
      .where(and(eq(alumni.tenantId, tenantId), eq(alumni.id, id)));
    expect(stored!.searchText).toContain('北条政子');
    expect(stored!.searchGrams).toContain('北条');

    const audit = (await admin.get('/api/audit?action=alumnus.self_update')).json().items;
    expect(audit[0]).toMatchObject({ subjectId: id });
    expect(audit[0].detail.fields).toEqual(
      expect.arrayContaining(['currentCompany', 'skills', 'directoryFields']),
    );
    expect(JSON.stringify(audit[0].detail)).not.toContain('つばき');
    const reads = (await admin.get('/api/audit?action=alumnus.self_read')).json().items;
    expect(reads.some((e: { subjectId: string }) => e.subjectId === id)).toBe(true);
  });

  it('refuses invalid input with field errors', async () => {
    const { member } = await registerLeaver(ctx, admin);
    const version = (await member.get('/api/portal/profile')).json().version;
    const res = await member.put('/api/portal/profile', {
      version,
      profile: { ...profileInput, interests: ['golf'], returnConditions: { earliestDate: '2027/13/01' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('asks "is this still right?" after the company’s review age, and one click confirms', async () => {
    const { id, member } = await registerLeaver(ctx, admin);
    expect((await member.get('/api/portal/me')).json().profileReviewDue).toBe(false);
    await age(id, 13);
    expect((await member.get('/api/portal/me')).json().profileReviewDue).toBe(true);
    expect((await member.get('/api/portal/profile')).json().reviewDue).toBe(true);

    // a longer review age set by the company: not due yet
    const put = await admin.put('/api/network-settings', {
      publicPageEnabled: false,
      intro: '',
      profileReviewMonths: 24,
    });
    expect(put.statusCode).toBe(200);
    expect((await member.get('/api/portal/me')).json().profileReviewDue).toBe(false);
    await admin.put('/api/network-settings', { profileReviewMonths: 12 });
    expect((await member.get('/api/portal/me')).json().profileReviewDue).toBe(true);

    const before = (await admin.get(`/api/alumni/${id}`)).json().version;
    const confirmed = await member.post('/api/portal/profile/confirm');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().reviewDue).toBe(false);
    expect((await member.get('/api/portal/me')).json().profileReviewDue).toBe(false);
    // confirming changes nothing staff could be editing
    expect((await admin.get(`/api/alumni/${id}`)).json().version).toBe(before);
    const timeline = (await admin.get(`/api/alumni/${id}/timeline`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(timeline).toContain('alumnus.profile_confirm');
    expect(timeline).not.toContain('alumnus.self_read');

    // 0 turns the check off
    await age(id, 120);
    await admin.put('/api/network-settings', { profileReviewMonths: 0 });
    expect((await member.get('/api/portal/me')).json().profileReviewDue).toBe(false);
    await admin.put('/api/network-settings', { profileReviewMonths: 12 });
  });

  it('saving the profile also resets the review check', async () => {
    const { id, member } = await registerLeaver(ctx, admin);
    await age(id, 14);
    const profile = (await member.get('/api/portal/profile')).json();
    expect(profile.reviewDue).toBe(true);
    const saved = await member.put('/api/portal/profile', {
      version: profile.version,
      profile: profileInput,
    });
    expect(saved.json().reviewDue).toBe(false);
  });

  it('is for members only: staff get 403, nobody signed in gets 401', async () => {
    expect((await admin.get('/api/portal/profile')).statusCode).toBe(403);
    const anon = await ctx.app.inject({ method: 'GET', url: '/api/portal/profile' });
    expect(anon.statusCode).toBe(401);
  });
});

describe('own-data download', () => {
  it('JSON with the record and every consent, audited, as an attachment', async () => {
    const { id, member } = await registerLeaver(ctx, admin);
    const res = await member.get('/api/portal/export?format=json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"/,
    );
    const data = res.json();
    expect(data.record.id).toBe(id);
    expect(data.record).not.toHaveProperty('internalNotes');
    expect(data.record).not.toHaveProperty('erasedEmailHash');
    expect(data.consents.map((c: { purpose: string }) => c.purpose)).toEqual(
      expect.arrayContaining(['member_profile', 'job_offers']),
    );
  });

  it('CSV for Excel: UTF-8 with BOM, a profile section and a consents section, formulas neutralized', async () => {
    const { id, member } = await registerLeaver(ctx, admin);
    const version = (await member.get('/api/portal/profile')).json().version;
    await member.put('/api/portal/profile', {
      version,
      profile: { ...profileInput, currentCompany: '=HYPERLINK("http://evil")' },
    });
    const res = await member.get('/api/portal/export?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/filename="my-data-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('区分,項目,値');
    expect(lines).toContain('プロフィール,姓,田中');
    expect(lines).toContain('プロフィール,退職区分,自己都合');
    expect(text).toContain(`'=HYPERLINK`);
    expect(lines).toContain('区分,利用目的,通知の版,同意日時,撤回日時');
    expect(lines.some((l) => l.startsWith('同意,求人（再雇用）のご案内,1,'))).toBe(true);
    expect(text).not.toContain('internalNotes');
    const audit = (await admin.get('/api/audit?action=alumnus.self_export')).json().items;
    expect(audit.some((e: { subjectId: string }) => e.subjectId === id)).toBe(true);

    const en = await member.request({ method: 'GET', url: '/api/portal/export?format=csv', lang: 'en' });
    expect(en.rawPayload.subarray(3).toString('utf8').split('\r\n')[0]).toBe('Section,Field,Value');
  });
});
