import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  type Client,
  createCompany,
  createTestContext,
  lastMailTo,
  linkIn,
  loginAs,
  signIn,
  type TestContext,
  uniqueEmail,
} from './helpers.js';

let ctx: TestContext;
let tenantId: string;
let admin: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (await createCompany(ctx, '株式会社さくら')).id;
  admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
});
afterAll(() => ctx.close());

async function leaverWithInvitation(over: Record<string, unknown> = {}) {
  const email = uniqueEmail('leaver');
  const a = (
    await admin.post('/api/alumni', {
      familyName: '田中',
      givenName: '健太',
      email,
      leftOn: '2023-03-31',
      leaveType: 'voluntary',
      ...over,
    })
  ).json();
  const res = await admin.post(`/api/alumni/${a.id}/invitation`);
  const token =
    res.statusCode === 201
      ? new URL(linkIn((await lastMailTo(ctx, email))!.text)).pathname.split('/').pop()!
      : '';
  return { id: a.id as string, email, token, res };
}

describe('member registration (会員登録)', () => {
  it('an invited leaver registers with consents per purpose, then signs in to their own page', async () => {
    const { id, email, token, res } = await leaverWithInvitation();
    expect(res.json()).toEqual({ mailSent: true });
    expect((await lastMailTo(ctx, email))?.subject).toBe('株式会社さくら アルムナイ会員へのご招待');

    const preview = (await anonymous(ctx).get(`/api/public/alumni-invitations/${token}`)).json();
    expect(preview).toMatchObject({
      companyName: '株式会社さくら',
      familyName: '田中',
      givenName: '健太',
      email,
      hasAccount: false,
    });
    expect(preview.notice.version).toBe(1);

    const refused = await anonymous(ctx).post(`/api/public/alumni-invitations/${token}/register`, {
      familyName: '田中',
      givenName: '健太',
      consents: ['events'],
      noticeVersion: 1,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].message).toBe('会員情報の管理への同意が必要です。');

    const registered = await anonymous(ctx).post(`/api/public/alumni-invitations/${token}/register`, {
      familyName: '田中',
      givenName: '健太',
      interests: ['rehire', 'events'],
      consents: ['member_profile', 'job_offers', 'events'],
      noticeVersion: 1,
      password: 'kenta-password-1',
    });
    expect(registered.statusCode).toBe(200);
    expect((await admin.get(`/api/alumni/${id}`)).json()).toMatchObject({
      isRegistered: true,
      interests: ['rehire', 'events'],
    });
    expect((await anonymous(ctx).get(`/api/public/alumni-invitations/${token}`)).statusCode).toBe(410);

    const member = await signIn(ctx, email, 'kenta-password-1');
    const me = (await member.get('/api/portal/me')).json();
    expect(me.needsConsent).toBe(false);
    expect(
      me.consents.filter((c: { granted: boolean }) => c.granted).map((c: { purpose: string }) => c.purpose),
    ).toEqual(['member_profile', 'job_offers', 'events']);
    // members never reach the staff side
    expect((await member.get('/api/alumni')).statusCode).toBe(403);
    const timeline = (await admin.get(`/api/alumni/${id}/timeline`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['alumnus.invite', 'alumnus.register']));
  });

  it('refuses to invite a do-not-contact leaver, one without e-mail, or a member', async () => {
    const dnc = await leaverWithInvitation({ doNotContact: true, doNotContactReason: '本人希望' });
    expect(dnc.res.statusCode).toBe(409);
    expect(dnc.res.json().error.fields[0].message).toBe('連絡不可の方です。');
    expect(await lastMailTo(ctx, dnc.email)).toBeNull();
    const a = (
      await admin.post('/api/alumni', {
        familyName: '無',
        givenName: 'メール',
        leftOn: '2023-03-31',
        leaveType: 'other',
      })
    ).json();
    expect((await admin.post(`/api/alumni/${a.id}/invitation`)).json().error.fields[0].message).toBe(
      'メールアドレスが登録されていません。',
    );
  });
});

describe('consent (同意) as APPI expects', () => {
  let member: Client;
  let alumnusId: string;
  beforeAll(async () => {
    const { id, email, token } = await leaverWithInvitation({ familyName: '佐藤', givenName: '花' });
    alumnusId = id;
    await anonymous(ctx).post(`/api/public/alumni-invitations/${token}/register`, {
      familyName: '佐藤',
      givenName: '花',
      consents: ['member_profile', 'job_offers', 'news', 'surveys'],
      noticeVersion: 1,
      password: 'hana-password-12',
    });
    member = await signIn(ctx, email, 'hana-password-12');
  });

  it('withdraws one purpose and keeps the history', async () => {
    const res = await member.put('/api/portal/consents', {
      granted: ['member_profile', 'job_offers', 'news'],
      noticeVersion: 1,
    });
    expect(res.statusCode).toBe(200);
    const surveys = res.json().consents.find((c: { purpose: string }) => c.purpose === 'surveys');
    expect(surveys).toMatchObject({ granted: false, noticeVersion: 1 });
    const data = (await member.get('/api/portal/export')).json();
    expect(data.consents.filter((c: { purpose: string }) => c.purpose === 'surveys')).toHaveLength(1);
    expect(
      data.consents.find((c: { purpose: string }) => c.purpose === 'surveys').withdrawnAt,
    ).not.toBeNull();
    expect(data.record).not.toHaveProperty('internalNotes');
  });

  it('a new notice version asks again', async () => {
    const published = await admin.post('/api/privacy-notice', {
      body: '改定版：利用目的にアンケートを含みます。',
      purposes: ['member_profile', 'job_offers', 'news', 'surveys', 'events'],
    });
    expect(published.json().version).toBe(2);
    expect((await member.get('/api/portal/me')).json().needsConsent).toBe(true);
    const stale = await member.put('/api/portal/consents', { granted: ['member_profile'], noticeVersion: 1 });
    expect(stale.statusCode).toBe(409);
    const again = (
      await member.put('/api/portal/consents', { granted: ['member_profile', 'news'], noticeVersion: 2 })
    ).json();
    expect(again.needsConsent).toBe(false);
    expect(
      again.consents
        .filter((c: { granted: boolean }) => c.granted)
        .map((c: { noticeVersion: number }) => c.noticeVersion),
    ).toEqual([2, 2]);
  });

  it('opting out stops all contact in one step, and staff can no longer invite or contact', async () => {
    const res = await member.post('/api/portal/opt-out');
    expect(res.statusCode).toBe(200);
    const granted = res
      .json()
      .consents.filter((c: { granted: boolean }) => c.granted)
      .map((c: { purpose: string }) => c.purpose);
    expect(granted).toEqual(['member_profile']);
    expect(res.json().doNotContact).toBe(true);
    const record = (await admin.get(`/api/alumni/${alumnusId}`)).json();
    expect(record.doNotContact).toBe(true);
    const invite = await admin.post(`/api/alumni/${alumnusId}/invitation`);
    expect(invite.json().error.fields[0].message).toBe('連絡不可の方です。');
    const audit = (await admin.get('/api/audit?action=consent.opt_out')).json().items;
    expect(audit[0].subjectId).toBe(alumnusId);
  });

  it('granting contact again after an opt-out resumes contact; a do-not-contact set by staff stays', async () => {
    const notice = (await member.get('/api/portal/me')).json().notice.version;
    const resumed = (
      await member.put('/api/portal/consents', {
        granted: ['member_profile', 'events'],
        noticeVersion: notice,
      })
    ).json();
    expect(resumed.doNotContact).toBe(false);
    expect((await admin.get(`/api/alumni/${alumnusId}`)).json().doNotContactReason).toBeNull();

    const record = (await admin.get(`/api/alumni/${alumnusId}`)).json();
    const {
      id: _i,
      isRegistered: _r,
      eligibility: _e,
      version,
      createdAt: _c,
      updatedAt: _u,
      anonymizedAt: _z,
      ...fields
    } = record;
    const flagged = await admin.put(`/api/alumni/${alumnusId}`, {
      version,
      alumnus: { ...fields, doNotContact: true, doNotContactReason: '取引先との関係で連絡しない' },
    });
    expect(flagged.statusCode).toBe(200);
    const still = (
      await member.put('/api/portal/consents', { granted: ['member_profile', 'news'], noticeVersion: notice })
    ).json();
    expect(still.doNotContact).toBe(true);
    expect(still.consents.find((c: { purpose: string }) => c.purpose === 'news').granted).toBe(true);
  });
});
