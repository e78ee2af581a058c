import { expect, type Page, test } from '@playwright/test';
import { signIn, users } from './helpers';

/** The newest outgoing message to an address, read the way an operator admin does: the UI. */
async function linkFromOutgoingMail(operator: Page, to: string): Promise<string> {
  await operator.goto('/mail');
  await operator.getByLabel('宛先で絞り込み').fill(to);
  const row = operator.getByTestId('mail-row').filter({ hasText: to }).first();
  await row.getByRole('link').click();
  const href = await operator.getByTestId('mail-body').getByRole('link').first().getAttribute('href');
  expect(href).toBeTruthy();
  return href!;
}

test('a forgotten password is reset by e-mail, and a sign-in link signs in', async ({ browser }) => {
  const person = 'staff@midori.example';
  const newPassword = 'midori-renewed-2026';

  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signIn(operator, users.operator);

  // password reset
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'パスワードを忘れた方' }).click();
  await page.getByLabel('メールアドレス').fill(person);
  await page.getByRole('button', { name: '再設定リンクを送信' }).click();
  await expect(page.getByText('メールを送信しました')).toBeVisible();
  await page.goto(await linkFromOutgoingMail(operator, person));
  await expect(page).toHaveURL(/\/reset-password\?token=/);
  const [password, confirmation] = [
    page.locator('input[type="password"]').nth(0),
    page.locator('input[type="password"]').nth(1),
  ];
  await password.fill(newPassword);
  await confirmation.fill('something-else-entirely');
  await page.getByRole('button', { name: 'パスワードを設定' }).click();
  await expect(page.getByText('パスワードが一致しません。')).toBeVisible();
  await confirmation.fill(newPassword);
  await page.getByRole('button', { name: 'パスワードを設定' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, person, newPassword);
  await expect(page.getByRole('heading', { name: '中村 由美さん、ようこそ' })).toBeVisible();
  await context.close();

  // sign-in link
  const linkContext = await browser.newContext();
  const visitor = await linkContext.newPage();
  await visitor.goto('/sign-in');
  await visitor.getByRole('tab', { name: 'ログインリンク' }).click();
  await visitor.getByRole('tabpanel').getByLabel('メールアドレス').fill('admin@midori.example');
  await visitor.getByRole('button', { name: 'ログインリンクを送信' }).click();
  await expect(visitor.getByText('メールを送信しました')).toBeVisible();
  await visitor.goto(await linkFromOutgoingMail(operator, 'admin@midori.example'));
  await expect(visitor.getByRole('heading', { name: '山本 大輔さん、ようこそ' })).toBeVisible();

  await Promise.all([operatorContext.close(), linkContext.close()]);
});
