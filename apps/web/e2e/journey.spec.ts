import { expect, test } from '@playwright/test';
import { signIn, users } from './helpers';

/**
 * A company admin invites a colleague; the operator admin finds the invitation in outgoing mail;
 * the colleague accepts it and signs in to the company's home.
 */
test('a company admin invites a staff member who joins and signs in', async ({ browser }) => {
  const newStaff = `new-staff-${Date.now()}@sakura.example`;
  const newPassword = 'sakura-newcomer-2026';

  // --- the company admin, in Japanese by default ---
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto('/');
  await expect(admin).toHaveURL(/\/sign-in/);
  await expect(admin.getByRole('heading', { name: 'ログイン' })).toBeVisible();
  await signIn(admin, users.admin);
  await expect(admin.getByRole('heading', { name: /佐藤 恵子さん、ようこそ/ })).toBeVisible();
  await expect(admin.getByText('株式会社さくら商事の企業管理者としてご利用中です。')).toBeVisible();
  await expect(admin.getByRole('navigation').getByRole('link', { name: '監査ログ' })).toBeVisible();

  // switches to English; the choice is remembered
  await admin.getByRole('button', { name: 'English' }).click();
  await expect(admin.getByRole('heading', { name: 'Welcome, 佐藤 恵子' })).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole('heading', { name: 'Welcome, 佐藤 恵子' })).toBeVisible();
  expect(await admin.evaluate(() => document.documentElement.lang)).toBe('en');

  // invites a new staff member
  await admin.getByRole('navigation').getByRole('link', { name: 'Staff & invitations' }).click();
  await expect(admin.getByRole('heading', { name: 'Staff & invitations', level: 1 })).toBeVisible();
  const form = admin.locator('section', { has: admin.getByRole('heading', { name: 'Invite staff' }) });
  // the contract's own validation speaks first
  await form.getByLabel('E-mail').fill('not-an-address');
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(form.getByText('Enter a valid e-mail address.')).toBeVisible();
  await form.getByLabel('E-mail').fill(newStaff);
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(admin.getByText(`An invitation has been sent to ${newStaff}.`)).toBeVisible();
  const row = admin.getByTestId('invitation-row').filter({ hasText: newStaff });
  await expect(row).toContainText('Pending');
  await expect(row).toContainText('Company staff');

  // --- the operator admin reads outgoing mail ---
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signIn(operator, users.operator);
  await operator.getByRole('navigation').getByRole('link', { name: '送信メール' }).click();
  await expect(operator.getByRole('heading', { name: '送信メール', level: 1 })).toBeVisible();
  const mailRow = operator.getByTestId('mail-row').filter({ hasText: newStaff }).first();
  await expect(mailRow).toContainText('株式会社さくら商事 から Kizuna への招待');
  await mailRow.getByRole('link').click();
  await expect(operator.getByTestId('mail-body')).toContainText('企業スタッフとして Kizuna に招待されました');
  const link = operator
    .getByTestId('mail-body')
    .getByRole('link', { name: /\/invitations\// })
    .first();
  const invitationUrl = await link.getAttribute('href');
  // the link points at the server the mail came from
  expect(invitationUrl).toMatch(/\/invitations\/[\w-]+$/);
  expect(invitationUrl?.startsWith(`${test.info().project.use.baseURL}/invitations/`)).toBe(true);

  // --- the invitee, in a fresh browser ---
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(invitationUrl!);
  await expect(invitee.getByRole('heading', { name: 'Kizuna への招待' })).toBeVisible();
  await expect(invitee.getByText('株式会社さくら商事から企業スタッフとして招待されています。')).toBeVisible();
  await expect(invitee.getByRole('cell', { name: newStaff })).toBeVisible();
  // a short password is refused before anything is sent
  await invitee.getByLabel('氏名').fill('新人 さくら');
  await invitee.getByLabel('パスワード').fill('short');
  await invitee.getByRole('button', { name: '登録して参加' }).click();
  await expect(invitee.getByText('10文字以上で入力してください。')).toBeVisible();
  await invitee.getByLabel('パスワード').fill(newPassword);
  await invitee.getByRole('button', { name: '登録して参加' }).click();
  await expect(invitee.getByRole('heading', { name: '新人 さくらさん、ようこそ' })).toBeVisible();

  // the link is used up
  await invitee.goto(invitationUrl!);
  await expect(invitee.getByText('招待リンクが無効か、有効期限が切れています。')).toBeVisible();

  // signs out, and signs in again with the new password
  await invitee.goto('/');
  await invitee.getByRole('button', { name: 'アカウントメニュー' }).click();
  await invitee.getByRole('menuitem', { name: 'ログアウト' }).click();
  await expect(invitee).toHaveURL(/\/sign-in/);
  await signIn(invitee, newStaff, newPassword);
  await expect(invitee.getByRole('heading', { name: '新人 さくらさん、ようこそ' })).toBeVisible();
  await expect(invitee.getByText('株式会社さくら商事の企業スタッフとしてご利用中です。')).toBeVisible();
  await expect(invitee.getByRole('navigation').getByRole('link', { name: 'スタッフ' })).toBeVisible();
  await expect(invitee.getByRole('navigation').getByRole('link', { name: '監査ログ' })).toHaveCount(0);

  // the admin sees the invitation accepted and the newcomer among the staff
  await admin.reload();
  await expect(admin.getByTestId('invitation-row').filter({ hasText: newStaff })).toContainText('Accepted');
  await expect(admin.getByRole('cell', { name: '新人 さくら' })).toBeVisible();

  await Promise.all([adminContext.close(), operatorContext.close(), inviteeContext.close()]);
});
