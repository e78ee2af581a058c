import { mkdirSync, readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { createAlumnus, type Lang, setLanguage, settle, signInOncePerFile, sizes } from './helpers';

const open = signInOncePerFile('admin', 'staff', 'operator');

/** Today in Japan, as the date inputs take it. */
const tokyoDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

async function chooseOption(page: Page, label: RegExp, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

const rows = (page: Page) => page.getByTestId('audit-row');

test('the audit log names its targets, filters by action, actor and days, and exports what it shows', async ({
  browser,
}) => {
  const admin = await open(browser, 'admin', '/');
  const { id } = await createAlumnus(admin, {
    familyName: '監査',
    givenName: '確認子',
    leftOn: '2024-03-31',
    leaveType: 'voluntary',
  });
  // a read, audited on the server
  expect((await admin.request.get(`/api/alumni/${id}`)).status()).toBe(200);
  // the staff member acts too, so there is an actor to tell apart
  const staff = await open(browser, 'staff', '/');
  await createAlumnus(staff, {
    familyName: '人事',
    givenName: '作成',
    leftOn: '2024-03-31',
    leaveType: 'company',
  });

  await admin.goto('/audit');
  await settle(admin);
  // the target by its name, linked to the record (not an 8-character id)
  const target = rows(admin).filter({ hasText: 'アルムナイ情報の閲覧' }).first();
  await expect(target.getByRole('link', { name: '監査 確認子' })).toHaveAttribute('href', `/alumni/${id}`);

  // by action: only that action remains, and the address keeps it
  await chooseOption(admin, /操作で絞り込み/, 'アルムナイの登録');
  await expect(admin).toHaveURL(/action=alumnus\.create/);
  await expect(rows(admin).first()).toContainText('アルムナイの登録');
  await expect(rows(admin).filter({ hasText: '監査 確認子' })).toHaveCount(1);
  await expect(rows(admin).filter({ hasText: '人事 作成' })).toHaveCount(1);

  // by actor: the staff member's entry only
  await chooseOption(admin, /操作者で絞り込み/, '鈴木 一郎');
  await expect(admin).toHaveURL(/actorUserId=/);
  await expect(rows(admin).filter({ hasText: '人事 作成' })).toHaveCount(1);
  await expect(rows(admin).filter({ hasText: '監査 確認子' })).toHaveCount(0);

  // by days in Japan: today keeps it; a period before today shows nothing
  await admin.getByLabel('開始日').fill(tokyoDay());
  await admin.getByLabel('終了日').fill(tokyoDay());
  await expect(admin).toHaveURL(new RegExp(`from=${tokyoDay()}&to=${tokyoDay()}`));
  await expect(rows(admin).filter({ hasText: '人事 作成' })).toHaveCount(1);
  await admin.getByLabel('開始日').fill(tokyoDay(-10));
  await admin.getByLabel('終了日').fill(tokyoDay(-9));
  await expect(admin.getByText('条件に一致する記録はありません。')).toBeVisible();

  // back to today, then the export of exactly what is shown
  await admin.getByLabel('開始日').fill(tokyoDay());
  await admin.getByLabel('終了日').fill(tokyoDay());
  await expect(rows(admin)).toHaveCount(1);
  await admin.getByRole('button', { name: 'CSV 出力' }).click();
  const [download] = await Promise.all([
    admin.waitForEvent('download'),
    admin.getByRole('menuitem', { name: 'UTF-8（CSV）' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe('日時（日本時間）,操作者,操作者ID,操作,操作コード,対象の種類,対象,対象ID,詳細,IP');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('鈴木 一郎');
  expect(lines[1]).toContain('アルムナイの登録,alumnus.create,アルムナイ,人事 作成');
  await expect(admin.getByText(/audit-log-.*\.csv をダウンロードしました/)).toBeVisible();

  // the export is itself in the log
  await admin.getByRole('button', { name: '条件をクリア' }).click();
  await expect(admin).toHaveURL(/\/audit$/);
  await chooseOption(admin, /操作で絞り込み/, '監査ログの CSV 出力');
  await expect(rows(admin).first()).toContainText('佐藤 恵子');
  // with the filter it was made with, in words: the action's label and the actor's name
  await expect(rows(admin).first()).toContainText('操作: アルムナイの登録, 操作者: 鈴木 一郎');
});

test('audit page screenshots (phone and desktop, ja and en)', async ({ browser }) => {
  const page = await open(browser, 'admin', '/audit');
  mkdirSync('/tmp/shots', { recursive: true });
  for (const size of ['desktop', 'phone'] as const) {
    await page.setViewportSize(sizes[size]);
    for (const lang of ['ja', 'en'] as Lang[]) {
      await setLanguage(page, lang);
      await page.goto(`/audit?from=${tokyoDay(-30)}&to=${tokyoDay()}`);
      await settle(page);
      await expect(rows(page).first()).toBeVisible();
      await page.screenshot({ path: `/tmp/shots/audit-${size}-${lang}.png` });
      await page.screenshot({ path: `/tmp/shots/audit-${size}-${lang}-full.png`, fullPage: true });
    }
  }
  // the export menu open
  await page.setViewportSize(sizes.desktop);
  await setLanguage(page, 'ja');
  await page.goto('/audit');
  await settle(page);
  await page.getByRole('button', { name: 'CSV 出力' }).click();
  await expect(page.getByRole('menuitem', { name: 'Shift_JIS（Excel 向け）' })).toBeVisible();
  await page.waitForTimeout(400); // the menu's transition
  await page.screenshot({ path: '/tmp/shots/audit-desktop-ja-export-menu.png' });

  // the operator's log of every company: the company column and filter
  const operator = await open(browser, 'operator', '/operator/audit');
  for (const size of ['desktop', 'phone'] as const) {
    await operator.setViewportSize(sizes[size]);
    await settle(operator);
    await expect(rows(operator).first()).toBeVisible();
    await operator.screenshot({ path: `/tmp/shots/audit-operator-${size}-ja.png` });
  }
});
