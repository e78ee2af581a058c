import { expect, type Page, test } from '@playwright/test';
import { screenshotAll, signIn, users } from './helpers';

/**
 * Every page at desktop (1280×800) and phone (390×844) sizes, in Japanese and English, saved to
 * test-results/screenshots/ for people to look at (CI keeps them as artifacts).
 */

test.describe.configure({ timeout: 300_000 });

test('public pages', async ({ page }) => {
  await page.goto('/sign-in');
  await screenshotAll(page, 'sign-in');
  await screenshotAll(page, 'sign-in-error', async (p) => {
    await p.locator('input[type="email"]').fill(users.admin);
    await p.locator('input[type="password"]').fill('wrong-password');
    await p.locator('form button[type="submit"]').click();
    await expect(p.getByRole('alert')).toBeVisible();
  });
  await screenshotAll(page, 'sign-in-magic-link', async (p) => {
    await p.getByRole('tab').nth(1).click();
  });
  await page.goto('/forgot-password');
  await screenshotAll(page, 'forgot-password');
  await page.goto('/reset-password?token=example-token');
  await screenshotAll(page, 'reset-password');
  await page.goto('/reset-password?error=INVALID_TOKEN');
  await screenshotAll(page, 'reset-password-invalid');
  await page.goto('/no-such-page');
  await screenshotAll(page, 'not-found-signed-out');
});

async function latestInvitationLink(page: Page, email: string): Promise<string> {
  const list = await page.request.get(`/api/mail?to=${encodeURIComponent(email)}`);
  const { items } = (await list.json()) as { items: { id: string }[] };
  const mail = await page.request.get(`/api/mail/${items[0]!.id}`);
  const { text } = (await mail.json()) as { text: string };
  return text.match(/https?:\/\/\S+\/invitations\/\S+/)![0];
}

test('company admin pages and the invitation page', async ({ page, browser, baseURL }) => {
  await signIn(page, users.admin);
  await screenshotAll(page, 'home-company-admin');
  // a pending invitation to show in the list and to open as the invitee
  const email = `screenshot-${Date.now()}@sakura.example`;
  const created = await page.request.post('/api/invitations', {
    data: { email, role: 'company_admin' },
    headers: { Origin: baseURL! },
  });
  expect(created.status()).toBe(201);
  await page.goto('/staff');
  await screenshotAll(page, 'staff');
  await screenshotAll(page, 'staff-revoke-confirm', async (p) => {
    await p
      .getByTestId('invitation-row')
      .filter({ hasText: email })
      .getByRole('button', { name: /取り消す|Revoke/ })
      .click();
    await expect(p.getByRole('dialog')).toBeVisible();
  });
  await page.goto('/audit');
  await screenshotAll(page, 'audit-company');
  await screenshotAll(page, 'nav-phone-company-admin', async (p, size) => {
    if (size === 'phone') await p.getByRole('button', { name: /メニューを開く|Open navigation/ }).click();
  });

  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signIn(operator, users.operator);
  const link = await latestInvitationLink(operator, email);
  await operatorContext.close();

  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await screenshotAll(invitee, 'invitation');
  await invitee.goto('/invitations/this-token-does-not-exist');
  await screenshotAll(invitee, 'invitation-invalid');
  await inviteeContext.close();
});

test('operator admin pages', async ({ page }) => {
  await signIn(page, users.operator);
  await screenshotAll(page, 'home-operator');
  await page.goto('/companies');
  await screenshotAll(page, 'companies');
  await screenshotAll(page, 'companies-create', async (p) => {
    await p.getByRole('button', { name: /企業を作成|Create company/ }).click();
    await expect(p.getByRole('dialog')).toBeVisible();
  });
  await screenshotAll(page, 'companies-suspend-confirm', async (p) => {
    await p
      .getByTestId('tenant-row')
      .first()
      .getByRole('button', { name: /その他の操作|More actions/ })
      .click();
    await p.getByRole('menuitem', { name: /利用停止|Suspend/ }).click();
    await expect(p.getByRole('dialog')).toBeVisible();
  });
  await page.goto('/mail');
  await screenshotAll(page, 'mail');
  await page.getByTestId('mail-row').first().getByRole('link').click();
  await expect(page.getByTestId('mail-body')).toBeVisible();
  await screenshotAll(page, 'mail-detail');
  await page.goto('/operator/audit');
  await screenshotAll(page, 'audit-operator');

  // opens a company and acts inside it
  await page.goto('/companies');
  await page
    .getByTestId('tenant-row')
    .filter({ hasText: 'みどり技研株式会社' })
    .getByRole('button', { name: '開く' })
    .click();
  await expect(
    page.getByText('企業管理者').or(page.getByText('みどり技研株式会社を開いています')),
  ).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'スタッフ・招待' })).toBeVisible();
  await screenshotAll(page, 'home-operator-in-company');
});

test('member pages: alumnus home, staff forbidden', async ({ page, browser }) => {
  await signIn(page, users.alumnus);
  await screenshotAll(page, 'home-alumnus');

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, users.staff);
  await staff.goto('/audit');
  await screenshotAll(staff, 'forbidden');
  await staff.goto('/no-such-page');
  await screenshotAll(staff, 'not-found-signed-in');
  await staffContext.close();
});
