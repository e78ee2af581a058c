import { expect, type Page, test } from '@playwright/test';
import { mailedLink, screenshotAll, settle, signIn, users } from './helpers';

/**
 * Staff access (issue 9): a company admin invites someone (a second invitation to the same address
 * says one is pending and offers to replace it), the new member changes their password from the
 * account menu, the admin changes their role (their session ends; as an employee they see the
 * rehire policy) and finally removes them (their session ends again).
 */

test.describe.configure({ timeout: 300_000 });

const stamp = Date.now().toString(36);
const email = `e2e-access-${stamp}@sakura.example`;
const FIRST = 'first-password-2026';
const SECOND = 'second-password-2026';

function inviteForm(page: Page) {
  return page.locator('section', { has: page.getByRole('heading', { name: /スタッフを招待|Invite staff/ }) });
}

function rowOf(page: Page) {
  return page.getByTestId('staff-row').filter({ hasText: email });
}

/** After its session ended, the member's next page is the sign-in page. */
async function expectSignedOut(page: Page) {
  await page.goto('/');
  await page.waitForURL((url) => url.pathname.startsWith('/sign-in'), { timeout: 15_000 });
}

test('invite, change password, change role, remove: each change ends the member’s session', async ({
  browser,
}) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, users.admin);
  await admin.goto('/staff');
  await settle(admin);

  // invite, then invite the same address again: the page says it is pending and offers a new one
  await inviteForm(admin)
    .getByRole('textbox', { name: /メールアドレス/ })
    .fill(email);
  await inviteForm(admin).getByRole('button', { name: '招待を送信' }).click();
  await expect(admin.getByText(`${email}に招待メールを送信しました。`)).toBeVisible();
  await inviteForm(admin)
    .getByRole('textbox', { name: /メールアドレス/ })
    .fill(email);
  await inviteForm(admin).getByRole('button', { name: '招待を送信' }).click();
  const pending = admin.getByTestId('invitation-pending');
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
  await expect(pending).toContainText(`${today}に送信した招待が承諾待ちです`);
  await screenshotAll(admin, 'staff-invitation-pending', async (p) => {
    await inviteForm(p)
      .getByRole('textbox', { name: /メールアドレス|E-mail/ })
      .fill(email);
    await inviteForm(p)
      .getByRole('button', { name: /招待を送信|Send invitation/ })
      .click();
    await expect(p.getByTestId('invitation-pending')).toBeVisible();
  });
  await admin.reload(); // screenshotAll leaves the words of its last language until the next load
  await settle(admin);
  await inviteForm(admin)
    .getByRole('textbox', { name: /メールアドレス/ })
    .fill(email);
  await inviteForm(admin).getByRole('button', { name: '招待を送信' }).click();
  await pending.getByRole('button', { name: '新しい招待を送る' }).click();
  await expect(admin.getByText(`${email}に招待メールを送信しました。`)).toBeVisible();
  await expect(pending).toHaveCount(0);

  // the invitee accepts the newest link
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signIn(operator, users.operator);
  const link = await mailedLink(operator, email, /https?:\/\/\S+\/invitations\/\S+/);
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await member.goto(new URL(link).pathname);
  await member.getByLabel('氏名').fill('検証 花子');
  await member.getByLabel('パスワード').fill(FIRST);
  await member.getByRole('button', { name: '登録して参加' }).click();
  await expect(member.getByText(/に参加しました/)).toBeVisible();

  // joining signed them in; they change their password from the account menu: wrong current one,
  // too short, then right
  await member.getByRole('button', { name: 'アカウントメニュー' }).click();
  await member.getByRole('menuitem', { name: 'パスワードの変更' }).click();
  await expect(member.getByRole('heading', { name: 'パスワードの変更' })).toBeVisible();
  await member.getByLabel('現在のパスワード').fill('not-the-password');
  await member.getByLabel('新しいパスワード').first().fill(SECOND);
  await member.getByLabel('新しいパスワード（確認）').fill(SECOND);
  await member.getByRole('button', { name: 'パスワードを変更' }).click();
  await expect(member.getByText('現在のパスワードが正しくありません。')).toBeVisible();
  await member.getByLabel('現在のパスワード').fill(FIRST);
  await member.getByLabel('新しいパスワード').first().fill('short');
  await member.getByLabel('新しいパスワード（確認）').fill('short');
  await member.getByRole('button', { name: 'パスワードを変更' }).click();
  // the field's error (its hint says the same before anything is typed)
  await expect(
    member.locator('.mantine-InputWrapper-error').filter({ hasText: '10文字以上で入力してください。' }),
  ).toBeVisible();
  await screenshotAll(member, 'account-password', async (p) => {
    await p.getByLabel(/現在のパスワード|Current password/).fill('not-the-password');
    await p
      .getByLabel(/^(新しいパスワード|New password)/)
      .first()
      .fill('short');
    await p.getByRole('button', { name: /パスワードを変更|Change password/ }).click();
  });
  await member.reload();
  await settle(member);
  await member.getByLabel('現在のパスワード').fill(FIRST);
  await member.getByLabel('新しいパスワード').first().fill(SECOND);
  await member.getByLabel('新しいパスワード（確認）').fill(SECOND);
  await member.getByRole('button', { name: 'パスワードを変更' }).click();
  await expect(member.getByText(/パスワードを変更しました/)).toBeVisible();
  await member.waitForURL((url) => url.pathname === '/');

  // the admin makes them an employee: the member's session ends; signed in again, they read the policy
  await admin.reload();
  await settle(admin);
  await rowOf(admin)
    .getByRole('combobox', { name: /検証 花子さんの役割/ })
    .click();
  await admin.getByRole('option', { name: '従業員' }).click();
  await expect(admin.getByRole('dialog')).toContainText('「企業スタッフ」から「従業員」に変更します');
  await screenshotAll(admin, 'staff-access', undefined, { fullPage: true });
  await admin.reload();
  await settle(admin);
  await rowOf(admin)
    .getByRole('combobox', { name: /検証 花子さんの役割/ })
    .click();
  await admin.getByRole('option', { name: '従業員' }).click();
  await admin.getByRole('dialog').getByRole('button', { name: '変更する' }).click();
  await expect(admin.getByText('検証 花子さんの役割を「従業員」に変更しました。')).toBeVisible();
  await expectSignedOut(member);
  await signIn(member, email, SECOND);
  await expect(member.getByRole('link', { name: /再雇用条件/ }).first()).toBeVisible();
  await expect(member.getByText('企業スタッフ')).toHaveCount(0);

  // the admin removes them: their session ends again, and the list no longer shows them
  await rowOf(admin).getByRole('button', { name: '外す' }).click();
  await expect(admin.getByRole('dialog')).toContainText(`検証 花子さん（${email}）`);
  await admin.getByRole('dialog').getByRole('button', { name: '外す' }).click();
  await expect(admin.getByText('検証 花子さんをスタッフから外しました。')).toBeVisible();
  await expect(rowOf(admin)).toHaveCount(0);
  await expectSignedOut(member);

  // the company's only admin cannot step down: the page says why, and nothing changes
  const staff = (await (await admin.request.get('/api/staff')).json()) as { email: string; role: string }[];
  if (staff.filter((s) => s.role === 'company_admin').length === 1) {
    const own = admin.getByTestId('staff-row').filter({ hasText: users.admin });
    await own.getByRole('combobox', { name: /さんの役割/ }).click();
    await admin.getByRole('option', { name: '企業スタッフ' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: '変更する' }).click();
    await expect(admin.getByText(/最後の管理者は、外すことも役割を変えることもできません/)).toBeVisible();
    await admin.reload();
    await settle(admin);
    await expect(own.getByRole('combobox', { name: /さんの役割/ })).toHaveValue('企業管理者');
  }
  await Promise.all([adminContext.close(), operatorContext.close(), memberContext.close()]);
});
