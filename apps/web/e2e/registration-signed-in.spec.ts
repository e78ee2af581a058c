import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  invitedLeaver,
  type Lang,
  mailedLink,
  setLanguage,
  settle,
  signInOncePerFile,
  sizes,
} from './helpers';

/**
 * Issue 8: an alumnus who finishes registering is signed in. The registration's answer carries
 * the session cookie, and the join page goes straight to the portal — no sign-in link to wait
 * for, no password to type again. Screenshots of the portal right after registering, on a phone,
 * in Japanese and English (SHOTS_DIR, default test-results/screenshots).
 */

test.describe.configure({ timeout: 180_000 });

const SHOTS = process.env.SHOTS_DIR ?? 'test-results/screenshots';
const stamp = String(Date.now()).slice(-7);
const open = signInOncePerFile('admin', 'operator');

const words = {
  ja: { next: '次へ', join: '登録する', done: '登録が完了しました', greeting: '森 陽菜さん、こんにちは' },
  en: { next: 'Next', join: 'Join', done: 'You are registered', greeting: 'Hello, 森 陽菜' },
} as const;

for (const lang of ['ja', 'en'] as const satisfies readonly Lang[]) {
  test(`registering through the invitation lands on the portal signed in (${lang}, phone)`, async ({
    browser,
  }) => {
    const w = words[lang];
    const admin = await open(browser, 'admin');
    const operator = await open(browser, 'operator');
    const email = `signed-in.${lang}.${stamp}@example.jp`;
    await invitedLeaver(admin, email, '森', '陽菜');
    const link = await mailedLink(operator, email, /https?:\/\/\S+\/join\/[\w-]+/);

    // the alumnus, on a phone, in a fresh browser with no session
    const member = await open(browser, null, link);
    await member.setViewportSize(sizes.phone);
    await setLanguage(member, lang);
    await member.reload();
    expect((await member.context().cookies()).some((c) => c.name.includes('session_token'))).toBe(false);

    await member.getByRole('button', { name: w.next }).click();
    await member.getByTestId('consent-member_profile').click();
    await member.getByTestId('consent-events').click();
    await member.getByRole('button', { name: w.next }).click();
    // no password: the default is signing in by e-mail link, and yet no link is needed now
    const registered = member.waitForResponse((r) => r.url().endsWith('/register'));
    await member.getByRole('button', { name: w.join, exact: true }).click();
    const answer = await registered;
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toEqual({ email, hasPassword: false, signedIn: true });

    // straight to the portal, signed in, told that it worked
    await expect(member).toHaveURL(/\/portal$/);
    await expect(member.getByRole('heading', { name: w.greeting })).toBeVisible();
    const banner = member.getByTestId('registered-banner');
    await expect(banner).toContainText(w.done);
    await expect(banner).toContainText('株式会社さくら商事');

    // a real session: an HttpOnly cookie the server knows, acting as the member
    const cookie = (await member.context().cookies()).find((c) => c.name === 'kizuna.session_token');
    expect(cookie?.httpOnly).toBe(true);
    const me = await member.request.get('/api/me');
    expect(me.ok()).toBe(true);
    expect(await me.json()).toMatchObject({ user: { email }, activeTenant: { role: 'alumnus' } });
    // a member's menu holds only their page
    await member.getByRole('button', { name: lang === 'ja' ? 'メニューを開く' : 'Open navigation' }).click();
    await expect(member.getByRole('navigation').getByRole('link')).toHaveCount(1);
    await member
      .getByRole('button', { name: lang === 'ja' ? 'メニューを閉じる' : 'Close navigation' })
      .click();

    await settle(member);
    mkdirSync(SHOTS, { recursive: true });
    await member.screenshot({ path: `${SHOTS}/registered-${lang}.png` });

    // the session lasts: a reload stays on the portal (the banner is said once)
    await member.reload();
    await expect(member.getByRole('heading', { name: w.greeting })).toBeVisible();
    await expect(member.getByTestId('registered-banner')).toHaveCount(0);
    // the link has been used
    await member.goto(link);
    await expect(member.getByTestId('link-unusable')).toBeVisible();
  });
}
