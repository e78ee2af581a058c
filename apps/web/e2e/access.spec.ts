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
  // an employee's home offers the published rehire policy, and no "coming soon" any more
  await expect(page.getByRole('link', { name: /再雇用条件/ }).last()).toBeVisible();
  await expect(page.getByText('準備中')).toHaveCount(0);
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
  // staff read and edit alumni; importing and exporting are the admins'
  await expect(nav.getByRole('link', { name: 'アルムナイ' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'インポート' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'アルムナイ' }).click();
  await expect(page.getByRole('heading', { name: 'アルムナイ', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'アルムナイを追加' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'CSV 出力' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'CSV 取り込み' })).toHaveCount(0);
  await page.goto('/alumni/import');
  await expect(page.getByRole('heading', { name: 'このページを表示する権限がありません' })).toBeVisible();
  await page.goto('/companies');
  await expect(page.getByRole('heading', { name: 'このページを表示する権限がありません' })).toBeVisible();
});

test('an operator admin creates, renames, suspends and reactivates a company', async ({ page }) => {
  const slug = `e2e-${Date.now()}`;
  await signIn(page, users.operator);
  await page.getByRole('navigation').getByRole('link', { name: '企業一覧' }).click();
  await page.getByRole('button', { name: '企業を作成' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('企業名').fill('株式会社テスト');
  await dialog.getByLabel('スラッグ').fill('sakura');
  await dialog.getByText('コミュニティ型').click();
  await dialog.getByRole('button', { name: '企業を作成' }).click();
  await expect(dialog.getByText('このスラッグは既に使われています。')).toBeVisible();
  await dialog.getByLabel('スラッグ').fill(slug);
  await dialog.getByRole('button', { name: '企業を作成' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('tenant-row').filter({ hasText: slug });
  await expect(row).toContainText('株式会社テスト');
  await expect(row).toContainText('コミュニティ型');
  await expect(row).toContainText('利用中');

  await row.getByRole('button', { name: /その他の操作/ }).click();
  await page.getByRole('menuitem', { name: '編集' }).click();
  await page.getByRole('dialog').getByLabel('企業名').fill('株式会社テスト改');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(row).toContainText('株式会社テスト改');

  await row.getByRole('button', { name: /その他の操作/ }).click();
  await page.getByRole('menuitem', { name: '利用停止' }).click();
  await expect(page.getByRole('dialog')).toContainText('株式会社テスト改の利用を停止します。');
  await page.getByRole('dialog').getByRole('button', { name: '利用停止' }).click();
  await expect(row).toContainText('利用停止');

  await row.getByRole('button', { name: /その他の操作/ }).click();
  await page.getByRole('menuitem', { name: '利用再開' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '利用再開' }).click();
  await expect(row).toContainText('利用中');

  await page.getByRole('navigation').getByRole('link', { name: '監査ログ（全企業）' }).click();
  await expect(page.getByTestId('audit-row').filter({ hasText: '企業の利用再開' })).toHaveCount(1);
  await expect(page.getByTestId('audit-row').filter({ hasText: '企業の利用停止' })).toHaveCount(1);
});
