import { type Browser, expect, type Page, test } from '@playwright/test';
import { createAlumnus, screenshotAll, settle, signIn, signInOncePerFile, users } from './helpers';

/**
 * Segments, the rehire policy and the privacy notice as company staff use them: a segment saved
 * from the list's filters with its count, a policy change that turns an alumnus's verdict, the
 * share link read signed out, and a new privacy notice version.
 */

test.describe.configure({ mode: 'serial' });

const stamp = String(Date.now()).slice(-7);
const department = `E2E部${stamp}`;

/** One admin sign-in for the whole file (sign-ins are rate limited per address). */
const open = signInOncePerFile('admin');
const signedInAdmin = (browser: Browser, path: string) => open(browser, 'admin', path);

/** The record's verdict badge on its detail page. */
async function verdictOf(page: Page, id: string) {
  await page.goto(`/alumni/${id}`);
  return page.getByTestId('rehire-eligibility');
}

let rehireCandidateId = '';

test('a segment is saved from the alumni list filters, shows its count, opens the list, is renamed and deleted', async ({
  browser,
}) => {
  const page = await signedInAdmin(browser, '/alumni');
  await createAlumnus(page, {
    familyName: '川口',
    givenName: `一郎${stamp}`,
    leftOn: '2023-03-31',
    leaveType: 'voluntary',
    department,
  });
  await createAlumnus(page, {
    familyName: '森',
    givenName: `二郎${stamp}`,
    leftOn: '2024-06-30',
    leaveType: 'voluntary',
    department,
  });
  await createAlumnus(page, {
    familyName: '林',
    givenName: `三郎${stamp}`,
    leftOn: '2022-01-31',
    leaveType: 'company',
    department,
  });

  // the list filtered by department and leave type (as the filter panel writes them)
  await page.goto(`/alumni?department=${encodeURIComponent(department)}&leaveType=voluntary`);
  await expect(page.getByTestId('alumni-total')).toHaveText('2件');
  await page.getByTestId('save-segment').click();
  const dialog = page.getByRole('dialog', { name: 'この条件をセグメントとして保存' });
  await expect(dialog.getByTestId('filter-summary')).toContainText(department);
  await expect(dialog.getByTestId('filter-summary')).toContainText('自己都合');
  await expect(dialog.getByTestId('segment-preview-count')).toHaveText('現在 2人 が該当します');

  // a name is required, in the user's language
  await dialog.getByTestId('segment-save').click();
  await expect(dialog.getByText('必須項目です。')).toBeVisible();
  const name = `自己都合退職 ${stamp}`;
  await dialog.getByTestId('segment-name').fill(name);
  await dialog.getByTestId('segment-save').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`セグメント「${name}」を保存しました。`)).toBeVisible();

  // the same name again is refused with a clear message
  await page.getByTestId('save-segment').click();
  await page.getByTestId('segment-name').fill(name);
  await page.getByTestId('segment-save').click();
  await expect(page.getByRole('dialog').getByText('この名前は既に使われています。')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'キャンセル' }).click();

  // the segments page: live count, open the list filtered by it
  await page.getByRole('navigation').getByRole('link', { name: 'セグメント' }).click();
  await expect(page.getByRole('heading', { name: 'セグメント', level: 1 })).toBeVisible();
  const row = page.getByTestId('segment-row').filter({ hasText: name });
  await expect(row.getByTestId('segment-count')).toHaveText('2人');
  await row.getByRole('link', { name: '一覧で開く' }).click();
  await expect(page).toHaveURL(/\/alumni\?/);
  await expect(page.getByTestId('alumni-total')).toHaveText('2件');
  await expect(page.getByTestId('alumnus-row')).toHaveCount(2);

  // a new leaver who matches counts at once
  await createAlumnus(page, {
    familyName: '谷',
    givenName: `四郎${stamp}`,
    leftOn: '2025-01-31',
    leaveType: 'voluntary',
    department,
  });
  await page.goto('/alumni/segments');
  await expect(row.getByTestId('segment-count')).toHaveText('3人');

  // edit: rename and widen the conditions (every leave type)
  await row.getByTestId('segment-menu').click();
  await page.getByRole('menuitem', { name: '編集' }).click();
  const edit = page.getByRole('dialog', { name: 'セグメントを編集' });
  await edit.getByTestId('segment-name').fill(`${name} 改`);
  // opened from the keyboard: a click can land while the dialog is still moving into place
  const companyLeave = page.getByRole('option', { name: '会社都合' });
  const leaveTypes = edit.getByRole('combobox', { name: '退職区分' });
  await expect(async () => {
    if (!(await companyLeave.isVisible())) {
      await leaveTypes.focus();
      await leaveTypes.press('ArrowDown');
    }
    await expect(companyLeave).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await companyLeave.click();
  await expect(edit.getByTestId('segment-preview-count')).toHaveText('現在 4人 が該当します');
  await edit.getByTestId('segment-save').click();
  await expect(edit).toBeHidden();
  const renamed = page.getByTestId('segment-row').filter({ hasText: `${name} 改` });
  await expect(renamed.getByTestId('segment-count')).toHaveText('4人');

  // delete, after a confirmation naming it
  await renamed.getByTestId('segment-menu').click();
  await page.getByRole('menuitem', { name: '削除' }).click();
  const confirm = page.getByRole('dialog', { name: 'セグメントを削除しますか？' });
  await expect(confirm).toContainText(`${name} 改`);
  await confirm.getByRole('button', { name: '削除する' }).click();
  await expect(renamed).toHaveCount(0);
});

test('a change to the rehire policy turns an alumnus’s verdict; the share link reads signed out', async ({
  browser,
}) => {
  const page = await signedInAdmin(browser, '/');
  const created = await createAlumnus(page, {
    familyName: '再雇',
    givenName: `太郎${stamp}`,
    joinedOn: '2019-04-01',
    leftOn: '2023-03-31',
    leaveType: 'voluntary',
    leaveReasonCategory: 'career_growth',
    department,
  });
  rehireCandidateId = created.id;

  await page.getByRole('navigation').getByRole('link', { name: '再雇用条件の設定' }).click();
  await expect(page.getByRole('heading', { name: '再雇用条件の設定', level: 1 })).toBeVisible();
  const reasons = page.getByRole('group', { name: '対象外とする退職理由' });
  const careerGrowth = reasons.getByRole('checkbox', { name: 'キャリアアップ' });
  if (!(await careerGrowth.isChecked())) await careerGrowth.check();
  await page.getByTestId('min-tenure').fill('0');
  await page.getByTestId('min-since-leaving').fill('0');
  await page.getByTestId('policy-save').click();
  await expect(page.getByText('再雇用条件を保存しました。')).toBeVisible();
  await expect(await verdictOf(page, rehireCandidateId)).toHaveText('再雇用の対象外（退職理由が対象外）');

  // the list filters on the verdict too
  await page.goto(`/alumni?department=${encodeURIComponent(department)}&eligible=false`);
  await expect(page.getByTestId('alumnus-row').filter({ hasText: `太郎${stamp}` })).toBeVisible();

  // a bad value is refused in words
  await page.goto('/rehire/settings');
  await page.getByTestId('min-tenure').fill('');
  await page.getByTestId('policy-save').click();
  await expect(page.getByText('必須項目です。')).toBeVisible();

  // career moves are welcome back after three years of service; the explanation is published
  await page.goto('/rehire/settings');
  await page
    .getByRole('group', { name: '対象外とする退職理由' })
    .getByRole('checkbox', { name: 'キャリアアップ' })
    .uncheck();
  await page.getByTestId('min-tenure').fill('36');
  const explanation = `当社は一度退職された方の再入社を歓迎します。${stamp}`;
  await page.getByTestId('policy-explanation').fill(explanation);
  const published = page.getByRole('switch', { name: '社員に公開する' });
  if (!(await published.isChecked())) await published.check({ force: true });
  await expect(page.getByTestId('policy-in-words')).toContainText('在籍期間が 3年 以上あった方が対象です。');
  await page.getByTestId('policy-save').click();
  await expect(page.getByText('再雇用条件を保存しました。')).toBeVisible();
  await expect(page.getByTestId('policy-effect')).toBeVisible();

  // the share link: created once, shown once
  await page.getByTestId('share-create').click();
  const renew = page.getByRole('dialog', { name: '新しい共有リンクを発行しますか？' });
  if (await renew.isVisible().catch(() => false))
    await renew.getByRole('button', { name: '発行する' }).click();
  const shareUrl = await page.getByTestId('share-url').inputValue();
  expect(shareUrl).toMatch(/\/rehire-policy\/[\w-]{20,}$/);

  await expect(await verdictOf(page, rehireCandidateId)).toHaveText('再雇用の対象');

  // read signed out through the link
  const anonymous = await open(browser, null);
  await anonymous.goto(new URL(shareUrl).pathname);
  await expect(anonymous.getByRole('heading', { name: '株式会社さくら商事の再雇用条件' })).toBeVisible();
  await expect(anonymous.getByText(explanation)).toBeVisible();
  await expect(anonymous.getByTestId('policy-in-words')).toContainText(
    '在籍期間が 3年 以上あった方が対象です。',
  );
  // a link that was never issued says so
  await anonymous.goto('/rehire-policy/this-link-was-never-issued-0000');
  await expect(anonymous.getByRole('heading', { name: 'このリンクは使えません' })).toBeVisible();
});

test('an employee reads the published policy; staff cannot manage it or the privacy notice', async ({
  browser,
}) => {
  const employee = await open(browser, null);
  await signIn(employee, users.employee);
  const nav = employee.getByRole('navigation');
  await expect(nav.getByRole('link', { name: '再雇用条件' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'アルムナイ' })).toHaveCount(0);
  await nav.getByRole('link', { name: '再雇用条件' }).click();
  await expect(employee.getByTestId('published-policy')).toContainText(
    '当社は一度退職された方の再入社を歓迎します。',
  );
  await expect(employee.getByRole('button', { name: '条件を編集' })).toHaveCount(0);
  await employee.goto('/rehire/settings');
  await expect(employee.getByRole('heading', { name: 'このページを表示する権限がありません' })).toBeVisible();

  const staff = await open(browser, null);
  await signIn(staff, users.staff);
  await staff.goto('/privacy-notice');
  await expect(staff.getByRole('heading', { name: 'このページを表示する権限がありません' })).toBeVisible();
  await staff.goto('/rehire');
  await expect(staff.getByTestId('published-policy')).toBeVisible();
});

test('a company admin publishes a new privacy notice version after a confirmation', async ({ browser }) => {
  const page = await signedInAdmin(browser, '/');
  await page.getByRole('navigation').getByRole('link', { name: '個人情報の取扱い' }).click();
  const version = page.getByTestId('notice-version');
  await expect(version).toHaveText(/第\d+版/);
  const current = Number((await version.textContent())!.match(/\d+/)![0]);
  await expect(page.getByTestId('notice-purposes')).toContainText('会員情報の管理（必須）');

  await page.getByRole('button', { name: '新しい版を作成' }).click();
  const body = page.getByTestId('notice-body-input');
  // unchanged, then empty: each refused in words
  await page.getByTestId('notice-publish').click();
  await expect(page.getByText('本文と利用目的が現在の版と同じです。')).toBeVisible();
  await body.fill('');
  await page.getByTestId('notice-publish').click();
  await expect(page.getByText('必須項目です。')).toBeVisible();

  const text = `株式会社さくら商事は、アルムナイの皆さまの個人情報を次の目的で利用します。（${stamp}）`;
  await body.fill(text);
  // the required purpose cannot be removed; another one can
  await expect(page.getByRole('checkbox', { name: '会員情報の管理（必須）' })).toBeDisabled();
  await page.getByRole('checkbox', { name: 'アンケート・モニターのご依頼' }).uncheck();
  await page.getByTestId('notice-publish').click();
  const confirm = page.getByRole('dialog', { name: `第${current + 1}版を公開しますか？` });
  await expect(confirm).toContainText('同意を改めてお願いします');
  await confirm.getByRole('button', { name: '公開する' }).click();
  await expect(confirm).toBeHidden();
  await expect(version).toHaveText(`第${current + 1}版`);
  await expect(page.getByTestId('notice-body')).toHaveText(text);
  await expect(page.getByTestId('notice-purposes')).not.toContainText('アンケート');
});

test('a segment is invited to register after a count; a record is anonymized on request', async ({
  browser,
}) => {
  const page = await signedInAdmin(browser, '/');
  const origin = new URL(page.url()).origin;
  const group = `招待${stamp}`;
  const reachable = await createAlumnus(page, {
    familyName: '招待',
    givenName: `一子${stamp}`,
    email: `invite1.${stamp}@example.jp`,
    leftOn: '2022-03-31',
    leaveType: 'voluntary',
    department: group,
  });
  await createAlumnus(page, {
    familyName: '招待',
    givenName: `二子${stamp}`,
    email: `invite2.${stamp}@example.jp`,
    leftOn: '2022-03-31',
    leaveType: 'voluntary',
    department: group,
  });
  await createAlumnus(page, {
    familyName: '招待',
    givenName: `三子${stamp}`,
    email: `invite3.${stamp}@example.jp`,
    leftOn: '2022-03-31',
    leaveType: 'voluntary',
    department: group,
    doNotContact: true,
  });
  await createAlumnus(page, {
    familyName: '招待',
    givenName: `四子${stamp}`,
    leftOn: '2022-03-31',
    leaveType: 'voluntary',
    department: group,
  });
  const segmentName = `招待テスト ${stamp}`;
  const saved = await page.request.post('/api/alumni/segments', {
    data: { name: segmentName, filter: { department: group } },
    headers: { Origin: origin },
  });
  expect(saved.status()).toBe(201);

  await page.goto('/alumni/segments');
  const row = page.getByTestId('segment-row').filter({ hasText: segmentName });
  await expect(row.getByTestId('segment-count')).toHaveText('4人');
  await row.getByTestId('segment-menu').click();
  await page.getByRole('menuitem', { name: '会員登録に招待' }).click();
  const invite = page.getByTestId('invite-segment');
  await expect(invite).toContainText(`「${segmentName}」の 2人 に会員登録の招待メールを送ります。`);
  await expect(invite).toContainText('連絡不可: 1人');
  await expect(invite).toContainText('メールアドレスなし: 1人');
  await page.getByTestId('invite-segment-confirm').click();
  await expect(page.getByText('2人に招待メールを送りました。')).toBeVisible();
  // asked again, nobody is left to invite (both were invited within 7 days)
  await row.getByTestId('segment-menu').click();
  await page.getByRole('menuitem', { name: '会員登録に招待' }).click();
  await expect(invite).toContainText(`「${segmentName}」には、いま招待できる方がいません。`);
  await expect(invite).toContainText('7日以内に招待済み: 2人');
  await page.getByRole('dialog').getByRole('button', { name: 'キャンセル' }).click();

  // anonymize one of them on a deletion request received by phone
  await page.goto(`/alumni/${reachable.id}`);
  await page.getByTestId('anonymize-open').click();
  const dialog = page.getByRole('dialog', { name: 'この方の個人情報を匿名化しますか？' });
  await expect(dialog).toContainText('取り消せません');
  await dialog.getByTestId('anonymize-confirm').click();
  await expect(dialog.getByText('必須項目です。').first()).toBeVisible();
  await dialog.getByTestId('anonymize-reason').fill('2026年11月20日 本人より電話で削除依頼');
  await dialog.getByTestId('anonymize-name').fill('別の 名前');
  await dialog.getByTestId('anonymize-confirm').click();
  await expect(dialog.getByText('氏名が一致しません。')).toBeVisible();
  await dialog.getByTestId('anonymize-name').fill(`招待 一子${stamp}`);
  await dialog.getByTestId('anonymize-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('anonymized')).toContainText('この記録は削除依頼により匿名化されています');
  await expect(page.getByRole('heading', { level: 1 })).not.toContainText(`一子${stamp}`);
  await expect(page.getByRole('link', { name: '編集' })).toHaveCount(0);

  // the HR system's file still lists the person: the import preview leaves them out, saying why
  await page.goto('/alumni/import');
  await page.locator('input[type="file"]').setInputFiles({
    name: '退職者.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `メールアドレス,姓,名,退職日,退職区分\r\ninvite1.${stamp}@example.jp,招待,一子${stamp},2022/03/31,自己都合\r\n`,
    ),
  });
  await page.getByRole('button', { name: '次へ' }).click();
  await page.getByRole('button', { name: 'プレビューを表示' }).click();
  await expect(page.getByTestId('import-skipped')).toContainText(
    '削除のご依頼により匿名化された方のため、取り込みません',
  );
  await expect(page.getByTestId('summary-create-count')).toHaveText('0');
});

test('screenshots: segments, rehire policy, privacy notice', async ({ browser }) => {
  test.setTimeout(300_000);
  const page = await signedInAdmin(browser, '/alumni/segments');
  // a segment to show (the journey above deleted its own)
  const origin = new URL(page.url()).origin;
  const saved = await page.request.post('/api/alumni/segments', {
    data: {
      name: `再雇用に関心あり（${stamp}）`,
      filter: { interest: ['rehire'], leaveType: ['voluntary'] },
    },
    headers: { Origin: origin },
  });
  expect(saved.status()).toBe(201);
  await page.request.post('/api/alumni/segments', {
    data: { name: `${department}・会員`, filter: { department, registered: true } },
    headers: { Origin: origin },
  });
  await page.reload();
  await settle(page);
  await screenshotAll(page, 'segments');
  await screenshotAll(page, 'segments-edit', async (p) => {
    await p.getByTestId('segment-row').first().getByTestId('segment-menu').click();
    await p.getByRole('menuitem', { name: /編集|Edit/ }).click();
    await expect(p.getByRole('dialog')).toBeVisible();
    await expect(p.getByTestId('segment-preview-count')).toContainText(/\d/);
  });
  // one more person the invitation test's segment can reach
  await createAlumnus(page, {
    familyName: '招待',
    givenName: `五子${stamp}`,
    email: `invite5.${stamp}@example.jp`,
    leftOn: '2022-03-31',
    leaveType: 'voluntary',
    department: `招待${stamp}`,
  });
  await screenshotAll(page, 'segments-invite', async (p) => {
    await p.getByTestId('segment-row').filter({ hasText: '招待テスト' }).getByTestId('segment-menu').click();
    await p.getByRole('menuitem', { name: /会員登録に招待|Invite to register/ }).click();
    await expect(p.getByTestId('invite-segment')).toBeVisible();
  });
  await page.goto(`/alumni/${rehireCandidateId}`);
  await screenshotAll(page, 'alumnus-anonymize', async (p) => {
    await p.getByTestId('anonymize-open').click();
    await expect(p.getByRole('dialog')).toBeVisible();
  });
  await page.goto(`/alumni?department=${encodeURIComponent(department)}&leaveType=voluntary`);
  await screenshotAll(page, 'segments-save-from-list', async (p) => {
    await p.getByTestId('save-segment').click();
    await expect(p.getByTestId('segment-preview-count')).toContainText(/\d/);
  });
  await page.goto(`/alumni?department=${encodeURIComponent(department)}`);
  await screenshotAll(page, 'alumni-eligibility');
  await page.goto('/rehire/settings');
  await screenshotAll(page, 'rehire-settings');
  await page.goto('/rehire');
  await screenshotAll(page, 'rehire-view');
  await page.goto('/privacy-notice');
  await screenshotAll(page, 'privacy-notice');
  await screenshotAll(page, 'privacy-notice-confirm', async (p) => {
    await p.getByRole('button', { name: /新しい版を作成|Write a new version/ }).click();
    await p.getByTestId('notice-body-input').fill(`改訂案 ${Date.now()}`);
    await p.getByTestId('notice-publish').click();
    await expect(p.getByRole('dialog')).toBeVisible();
  });

  // the shared page, signed out
  const link = await page.request.post('/api/rehire-policy/share-link', { headers: { Origin: origin } });
  const { url } = (await link.json()) as { url: string };
  const anonymous = await open(browser, null);
  await anonymous.goto(new URL(url).pathname);
  await screenshotAll(anonymous, 'rehire-shared');
  await anonymous.goto('/rehire-policy/this-link-was-never-issued-0000');
  await screenshotAll(anonymous, 'rehire-shared-invalid');
});
