import { mkdirSync } from 'node:fs';
import type { HomeFigures } from '@kizuna/contract';
import { expect, type Page, test } from '@playwright/test';
import { createAlumnus, type Size, setLanguage, settle, signInOncePerFile, sizes } from './helpers';

/**
 * The staff home (issue 8): instead of repeating the menu, the numbers that matter today for the
 * active company, each leading to the page where one acts on it; an operator outside any company
 * keeps the shortcuts.
 */

test.describe.configure({ timeout: 180_000 });

const open = signInOncePerFile('admin', 'staff', 'operator');
const SHOTS = process.env.SHOTS_DIR ?? 'test-results/screenshots';

async function figuresOf(page: Page): Promise<HomeFigures> {
  const res = await page.request.get('/api/analytics/home');
  expect(res.status()).toBe(200);
  return (await res.json()) as HomeFigures;
}

const value = (page: Page, id: string) => page.getByTestId(`figure-${id}-value`);

test('the staff home shows the company’s figures today, each linking to where one acts', async ({
  browser,
}) => {
  const admin = await open(browser, 'admin', '/');
  await settle(admin);
  await expect(admin.getByRole('heading', { name: '今日の状況' })).toBeVisible();
  // the menu is not repeated as cards any more
  await expect(admin.getByRole('heading', { name: 'メニュー' })).toHaveCount(0);

  const figures = await figuresOf(admin);
  expect(figures.alumni).toBeGreaterThan(0);
  await expect(value(admin, 'alumni')).toHaveText(figures.alumni.toLocaleString('ja-JP'));
  await expect(value(admin, 'members')).toHaveText(String(figures.members));
  await expect(admin.getByTestId('figure-join-rate')).toContainText('登録率');
  await expect(value(admin, 'pending')).toHaveText(String(figures.pendingRegistrations));
  await expect(value(admin, 'invitations')).toHaveText(String(figures.invitationsThisMonth));
  await expect(admin.getByTestId('figure-invitations')).toContainText('日本時間');

  // a new record counts at once
  await createAlumnus(admin, {
    familyName: '数字',
    givenName: '確認',
    leftOn: '2024-03-31',
    leaveType: 'voluntary',
  });
  // and so does a CSV import: two more records, one more import, its date and counts
  const stamp = String(Date.now()).slice(-6);
  const imported = await admin.request.post('/api/alumni/import/apply?fileName=home.csv', {
    headers: { Origin: new URL(admin.url()).origin, 'Content-Type': 'text/csv' },
    data: Buffer.from(
      `社員番号,姓,名,退職年月日,退職区分\r\nH${stamp}1,北村,一郎,2022-03-31,自己都合\r\nH${stamp}2,南野,二郎,2022-06-30,自己都合\r\n`,
    ),
  });
  expect(imported.status(), await imported.text()).toBe(200);
  await admin.reload();
  await settle(admin);
  await expect(value(admin, 'alumni')).toHaveText((figures.alumni + 3).toLocaleString('ja-JP'));
  await expect(value(admin, 'imports')).toHaveText(String(figures.imports.recent + 1));
  await expect(admin.getByTestId('figure-imports-last')).toContainText('追加 2件・更新 0件');

  // each card opens the page where one acts on it
  const links: [string, RegExp, RegExp][] = [
    ['figure-alumni-link', /\/alumni$/, /アルムナイ/],
    ['figure-members-link', /\/alumni\?registered=true$/, /アルムナイ/],
    ['figure-unregistered-link', /\/alumni\?registered=false$/, /アルムナイ/],
    ['figure-pending-link', /\/alumni\/registration-requests$/, /登録申請/],
    ['figure-invitations-link', /\/alumni\/segments$/, /セグメント/],
    ['figure-imports-link', /\/alumni\/import$/, /取り込み/],
  ];
  for (const [testId, url, heading] of links) {
    await admin.goto('/');
    await admin.getByTestId(testId).click();
    await expect(admin).toHaveURL(url);
    await expect(admin.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  // the members link arrives with the filter set
  await admin.goto('/');
  await admin.getByTestId('figure-members-link').click();
  await settle(admin);
  await expect(admin.getByTestId('alumnus-row')).toHaveCount(figures.members);
  await expect(admin.getByTestId('alumni-total')).toContainText(String(figures.members));

  // in English
  await setLanguage(admin, 'en');
  await admin.goto('/');
  await settle(admin);
  await expect(admin.getByRole('heading', { name: 'Today at a glance' })).toBeVisible();
  await expect(admin.getByTestId('figure-join-rate')).toContainText('Join rate');
  await setLanguage(admin, 'ja');

  // company staff may not import: the card says so instead of linking
  const staff = await open(browser, 'staff', '/');
  await settle(staff);
  await expect(value(staff, 'alumni')).toHaveText((figures.alumni + 3).toLocaleString('ja-JP'));
  await expect(staff.getByTestId('figure-imports-link')).toHaveCount(0);
  await expect(staff.getByTestId('figure-imports')).toContainText('権限はありません');

  // an operator outside any company keeps the shortcuts to the operator pages; one acting in a
  // company (an earlier journey may have switched the demo operator into one) sees its figures
  const operator = await open(browser, 'operator', '/');
  await settle(operator);
  const me = (await (await operator.request.get('/api/me')).json()) as { activeTenant: unknown };
  if (me.activeTenant) {
    await expect(operator.getByRole('heading', { name: '今日の状況' })).toBeVisible();
  } else {
    await expect(operator.getByRole('heading', { name: '今日の状況' })).toHaveCount(0);
    await expect(operator.getByRole('heading', { name: 'メニュー' })).toBeVisible();
    await expect(operator.getByRole('main').getByRole('link', { name: /企業/ }).first()).toBeVisible();
  }
});

test('screenshots of the staff home, phone and desktop, ja and en', async ({ browser }) => {
  const admin = await open(browser, 'admin', '/');
  mkdirSync(SHOTS, { recursive: true });
  for (const size of Object.keys(sizes) as Size[]) {
    await admin.setViewportSize(sizes[size]);
    for (const lang of ['ja', 'en'] as const) {
      await setLanguage(admin, lang);
      await admin.reload();
      await settle(admin);
      await expect(admin.getByTestId('figure-imports')).toBeVisible();
      // nothing runs off the side of a phone
      expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        sizes[size].width,
      );
      await admin.waitForTimeout(300);
      await admin.screenshot({ path: `${SHOTS}/home-${size}-${lang}.png`, fullPage: true });
    }
  }
  await setLanguage(admin, 'ja');
});
