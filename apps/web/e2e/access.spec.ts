import { expect, test } from '@playwright/test';
import { signIn, users } from './helpers';

test('a wrong password is refused in Japanese', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('メールアドレス').fill(users.admin);
  await page.getByRole('tabpanel').getByLabel('パスワード').fill('not-the-password');
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('メールアドレスまたはパスワードが正しくありません。');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('an unknown address shows a friendly not-found page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'ページが見つかりません' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'ログイン画面へ' })).toBeVisible();

  await signIn(page, users.employee);
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'ページが見つかりません' })).toBeVisible();
  await page.getByRole('link', { name: 'ホームに戻る' }).click();
  await expect(page.getByRole('heading', { name: '高橋 美咲さん、ようこそ' })).toBeVisible();
  await expect(page.getByText('ポータル機能は準備中です')).toBeVisible();
});

test('company staff see the staff list but neither the invite form nor the audit log', async ({ page }) => {
  await signIn(page, users.staff);
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'スタッフ' })).toBeVisible();
  await expect(nav.getByRole('link', { name: '監査ログ' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: '企業一覧' })).toHaveCount(0);

  await nav.getByRole('link', { name: 'スタッフ' }).click();
  await expect(page.getByRole('heading', { name: 'スタッフ', level: 1 })).toBeVisible();
  await expect(page.getByRole('cell', { name: '佐藤 恵子' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'スタッフを招待' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '招待を送信' })).toHaveCount(0);

  await page.goto('/audit');
  await expect(page.getByRole('heading', { name: 'このページを表示する権限がありません' })).toBeVisible();
  await page.goto('/companies');
  await expect(page.getByRole('heading', { name: 'このページを表示する権限がありません' })).toBeVisible();
});
