import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outgoingMail } from '../src/modules/mail/tables.js';
import {
  anonymous,
  BASE_URL,
  type Client,
  createMember,
  createTestContext,
  lastMailTo,
  nextIp,
  type TestContext,
  uniqueEmail,
} from './helpers.js';
import { createLeaver, createNetwork, mailedToken, selfRegistrationForm } from './member-helpers.js';

/**
 * Mail is in the recipient's language (issue 8): the subject in one language only, the body
 * leading with it and the other language below. A person asking through the web gets the
 * language of their request (the web's UI language, sent as Accept-Language); people the product
 * knows get Japanese while no language is stored for them.
 */

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

/** A self-registration from the public page, sent with this Accept-Language (none: the header is left out). */
async function selfRegister(acceptLanguage: string | null) {
  const email = uniqueEmail('self');
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/public/networks/${slug}/registrations`,
    headers: { origin: BASE_URL, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
    payload: selfRegistrationForm(email, noticeVersion),
  });
  expect(res.statusCode).toBe(202);
  return (await lastMailTo(ctx, email))!;
}

async function authPost(url: string, payload: object, acceptLanguage: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url,
    remoteAddress: nextIp(),
    headers: { origin: BASE_URL, 'content-type': 'application/json', 'accept-language': acceptLanguage },
    payload,
  });
  expect(res.statusCode).toBe(200);
}

describe('mail a person asks for through the web is in the language of the request', () => {
  it('a registration submitted with the English UI gets an English subject, English first', async () => {
    const mail = await selfRegister('en');
    expect(mail.subject).toBe('Confirm your e-mail for the 株式会社さくら alumni network');
    expect(mail.text.startsWith('Dear 佐藤 次郎,')).toBe(true);
    // the Japanese version follows below
    expect(mail.text).toContain('---- 日本語 ----');
    expect(mail.text.indexOf('---- 日本語 ----')).toBeLessThan(mail.text.indexOf('佐藤 次郎 様'));
    expect(mail.text).not.toContain('---- English ----');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain('<div lang="ja">');
  });

  it('the Japanese UI, and no language at all, get a Japanese subject, Japanese first', async () => {
    for (const lang of ['ja', null, 'ja-JP,ja;q=0.9,en;q=0.8']) {
      const mail = await selfRegister(lang);
      expect(mail.subject).toBe('株式会社さくら アルムナイ会員登録のメールアドレス確認');
      expect(mail.text.startsWith('佐藤 次郎 様')).toBe(true);
      expect(mail.text).toContain('---- English ----');
      expect(mail.html).toContain('<html lang="ja">');
    }
  });

  it('a browser asking for English first (en-US) gets English', async () => {
    const mail = await selfRegister('en-US,en;q=0.9,ja;q=0.5');
    expect(mail.subject).toBe('Confirm your e-mail for the 株式会社さくら alumni network');
  });

  it('the sign-in link and the password reset follow the request too', async () => {
    const user = await createMember(ctx, tenantId, 'company_staff');
    await authPost('/api/auth/sign-in/magic-link', { email: user.email, callbackURL: '/' }, 'en');
    expect((await lastMailTo(ctx, user.email))?.subject).toBe('Your Kizuna sign-in link');
    await authPost('/api/auth/sign-in/magic-link', { email: user.email, callbackURL: '/' }, 'ja');
    expect((await lastMailTo(ctx, user.email))?.subject).toBe('Kizuna ログインリンク');
    await authPost(
      '/api/auth/request-password-reset',
      { email: user.email, redirectTo: '/reset-password' },
      'en',
    );
    const reset = await lastMailTo(ctx, user.email);
    expect(reset?.subject).toBe('Reset your password');
    expect(reset?.text.startsWith('Hello テスト 太郎,')).toBe(true);
    await authPost(
      '/api/auth/request-password-reset',
      { email: user.email, redirectTo: '/reset-password' },
      'ja',
    );
    expect((await lastMailTo(ctx, user.email))?.subject).toBe('パスワードの再設定');
  });
});

describe('mail to people the product knows is in Japanese (no language is stored for them)', () => {
  it('whatever language the staff member who sends it uses', async () => {
    const staffEmail = uniqueEmail('invitee');
    const invited = await admin.request({
      method: 'POST',
      url: '/api/invitations',
      payload: { email: staffEmail, role: 'company_staff' },
      lang: 'en',
    });
    expect(invited.statusCode).toBe(201);
    expect((await lastMailTo(ctx, staffEmail))?.subject).toBe('株式会社さくら から Kizuna への招待');

    const leaver = await createLeaver(admin);
    const res = await admin.request({
      method: 'POST',
      url: `/api/alumni/${leaver.id}/invitation`,
      lang: 'en',
    });
    expect(res.statusCode).toBe(201);
    const mail = await lastMailTo(ctx, leaver.email);
    expect(mail?.subject).toBe('株式会社さくら アルムナイ会員へのご招待');
    expect(mail?.text).toContain('---- English ----');
  });
});

describe('no subject joins two languages', () => {
  it('holds for every mail this file and its setup sent', async () => {
    // one more kind: a registration decision (staff reject a queued request)
    const mail = await selfRegister('en');
    const token = await mailedToken(ctx, mail.to!);
    await anonymous(ctx).post(`/api/public/registration-verifications/${token}`);
    const [queued] = (await admin.get('/api/alumni/registration-requests?status=pending')).json().items;
    await admin.post(`/api/alumni/registration-requests/${queued.id}/reject`, { reason: '' });
    expect((await lastMailTo(ctx, queued.email))?.subject).toBe('株式会社さくら アルムナイ会員登録について');

    const subjects = (
      await ctx.db.unsafeOwner.select({ subject: outgoingMail.subject }).from(outgoingMail)
    ).map((m) => m.subject);
    expect(subjects.length).toBeGreaterThan(10);
    for (const subject of subjects) expect(subject).not.toContain(' / ');
  });
});
