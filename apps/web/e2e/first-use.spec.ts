import { mkdirSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import {
  createAlumnus,
  invitedLeaver,
  type Lang,
  mailedLink,
  type Size,
  setLanguage,
  settle,
  signInOncePerFile,
  sizes,
} from './helpers';

/**
 * What a new HR user stumbled on (issue 8): a 50-character name in the alumni list, a failed
 * submit on a phone, where the record opens after a save, what the sign-in page says to alumni,
 * and furigana or phone numbers written the wrong way.
 */

test.describe.configure({ timeout: 180_000 });

const stamp = String(Date.now()).slice(-7);
const open = signInOncePerFile('admin', 'operator', 'alumnus');
const SHOTS = process.env.SHOTS_DIR ?? 'test-results/screenshots';

/** Names at the contract's limit: 50 characters each, kanji and a Latin word without a space. */
const KANJI_50 =
  '寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末食う寝る処に住む処やぶら小路の藪柑子パイポパイポパイポのシューリンガン'.slice(
    0,
    50,
  );
const KANA_50 =
  'ジュゲムジュゲムゴコウノスリキレカイジャリスイギョノスイギョウマツウンライマツフウライマツクウネルトコロニスムトコロ'.slice(
    0,
    50,
  );
const LATIN_50 = 'Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft'.slice(0, 50);

/** Pictures at both sizes in both languages; `prepare` runs after each reload. */
async function shoot(
  page: Page,
  name: string,
  prepare?: (page: Page, size: Size, lang: Lang) => Promise<void>,
) {
  mkdirSync(SHOTS, { recursive: true });
  for (const size of Object.keys(sizes) as Size[]) {
    await page.setViewportSize(sizes[size]);
    for (const lang of ['ja', 'en'] as const) {
      await setLanguage(page, lang);
      await page.reload();
      await settle(page);
      if (prepare) await prepare(page, size, lang);
      await page.waitForTimeout(400); // smooth scrolling, transitions
      await page.screenshot({ path: `${SHOTS}/${name}-${size}-${lang}.png`, fullPage: !prepare });
    }
  }
  await setLanguage(page, 'ja');
  await page.setViewportSize(sizes.desktop);
}

/**
 * Every element inside `within` ends inside the window, and the page does not scroll sideways
 * (polled: after a resize the navigation slides away for a moment).
 */
async function expectWithinWidth(page: Page, within: Locator) {
  const width = page.viewportSize()!.width;
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(width);
  await expect
    .poll(() =>
      within.evaluateAll(
        (roots, limit) =>
          roots.flatMap((root) =>
            [root, ...root.querySelectorAll('*')]
              .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
              .map((el) => `${el.tagName} ${el.textContent?.slice(0, 30)}`),
          ),
        width,
      ),
    )
    .toEqual([]);
}

async function scrollToBottom(page: Page) {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
}

async function scrollY(page: Page) {
  return page.evaluate(() => window.scrollY);
}

test('a 50-character name keeps the alumni list’s other columns on screen, at desktop and phone sizes', async ({
  browser,
}) => {
  const admin = await open(browser, 'admin', '/alumni');
  const common = {
    leftOn: '2025-03-31',
    leaveType: 'voluntary' as const,
    department: '営業部',
    position: '課長',
    currentCompany: '株式会社みらい',
    interests: ['rehire' as const, 'events' as const],
  };
  await createAlumnus(admin, {
    ...common,
    familyName: KANJI_50,
    givenName: '太郎',
    familyNameKana: KANA_50,
    givenNameKana: 'タロウ',
    employeeNumber: `LN${stamp}1`,
  });
  await createAlumnus(admin, {
    ...common,
    familyName: LATIN_50,
    givenName: 'Hubert',
    employeeNumber: `LN${stamp}2`,
  });
  expect(KANJI_50).toHaveLength(50);
  expect(LATIN_50).toHaveLength(50);

  await admin.goto(`/alumni?q=LN${stamp}`);
  const rows = admin.getByTestId('alumnus-row');
  await expect(rows).toHaveCount(2);

  // desktop: a table whose last column stays in view; the name wraps, the whole of it on hover
  await settle(admin);
  const kanji = admin.getByTestId('alumnus-name').filter({ hasText: KANJI_50.slice(0, 10) });
  await expect(kanji).toHaveAttribute('title', `${KANJI_50} 太郎`);
  const latin = admin.getByTestId('alumnus-name').filter({ hasText: LATIN_50.slice(0, 10) });
  await expect(latin).toHaveAttribute('title', `${LATIN_50} Hubert`);
  await expect(admin.getByRole('columnheader').last()).toBeInViewport({ ratio: 1 });
  for (const row of await rows.all()) await expect(row.getByRole('cell').last()).toBeInViewport({ ratio: 1 });
  await expectWithinWidth(admin, admin.locator('table'));
  // at most two lines of a 14px name
  expect((await kanji.boundingBox())!.height).toBeLessThan(50);

  // phone: one card per person, nothing past the right edge
  await admin.setViewportSize(sizes.phone);
  await expect(admin.locator('table')).toHaveCount(0);
  await expect(rows).toHaveCount(2);
  await expectWithinWidth(admin, rows);
  for (const row of await rows.all()) {
    await expect(row.getByText('2025/03/31').or(row.getByText('2025年3月31日'))).toBeVisible();
  }

  await shoot(admin, 'alumni-list-long-name');
});

test('on a phone, a failed registration step focuses the first field in error, scrolled into view', async ({
  browser,
}) => {
  const admin = await open(browser, 'admin');
  const operator = await open(browser, 'operator');
  const email = `focus.${stamp}@example.jp`;
  await invitedLeaver(admin, email, '森', '結衣');
  const link = await mailedLink(operator, email, /https?:\/\/\S+\/join\/[\w-]+/);

  const member = await open(browser, null, link);
  await member.setViewportSize(sizes.phone);
  await expect(member.getByRole('heading', { name: /アルムナイネットワークへようこそ/ })).toBeVisible();

  // step 1: both names emptied
  await member.getByRole('textbox', { name: '姓', exact: true }).fill('');
  await member.getByRole('textbox', { name: '名', exact: true }).fill('');
  await member.getByRole('button', { name: '次へ' }).click();
  await expect(member.getByRole('textbox', { name: '姓', exact: true })).toBeFocused();
  await expect(member.getByRole('textbox', { name: '姓', exact: true })).toBeInViewport();
  await expect(member.getByText('必須項目です。')).toHaveCount(2);
  await member.getByRole('textbox', { name: '姓', exact: true }).fill('森');
  await member.getByRole('textbox', { name: '名', exact: true }).fill('結衣');
  await member.getByRole('button', { name: '次へ' }).click();

  // step 2: after reading the notice the button is far below the cards; without the required
  // consent its card gets the focus
  await expect(member.getByText('関心と連絡')).toBeVisible();
  await member.getByRole('button', { name: '個人情報の取扱いを読む' }).click();
  await expect(member.getByTestId('privacy-notice-body')).toBeVisible();
  await member.waitForTimeout(400); // the notice opens
  await scrollToBottom(member);
  const required = member.getByTestId('consent-member_profile');
  await expect(required).not.toBeInViewport({ ratio: 1 });
  await member.getByRole('button', { name: '次へ' }).click();
  await expect(required).toBeFocused();
  await expect(required).toBeInViewport({ ratio: 1 });
  await expect(member.getByText('「会員情報の管理」への同意が必要です。')).toBeVisible();

  await shoot(member, 'join-name-error', async (p, _size, lang) => {
    await p.getByRole('textbox', { name: lang === 'ja' ? '姓' : 'Family name', exact: true }).fill('');
    await p.getByRole('button', { name: lang === 'ja' ? '次へ' : 'Next' }).click();
    await expect(
      p.getByRole('textbox', { name: lang === 'ja' ? '姓' : 'Family name', exact: true }),
    ).toBeFocused();
  });
  await shoot(member, 'join-consent-error', async (p, _size, lang) => {
    const next = p.getByRole('button', { name: lang === 'ja' ? '次へ' : 'Next' });
    await next.click();
    await p.getByRole('button', { name: /個人情報の取扱いを読む|Read the privacy notice/ }).click();
    await p.waitForTimeout(400);
    await scrollToBottom(p);
    await next.click();
    await expect(p.getByTestId('consent-member_profile')).toBeFocused();
  });
});

test('on a phone, a phone number with letters is refused in the portal profile, and its field focused', async ({
  browser,
}) => {
  const member = await open(browser, 'alumnus', '/portal');
  await member.setViewportSize(sizes.phone);
  await member.getByRole('button', { name: '編集する' }).click();
  const phone = member.getByRole('textbox', { name: '電話番号' });
  await phone.fill('03-1234-5678 内線12');
  await scrollToBottom(member);
  await expect(phone).not.toBeInViewport();
  await member.getByRole('button', { name: '保存する' }).click();
  await expect(phone).toBeFocused();
  await expect(phone).toBeInViewport();
  await expect(member.getByText('電話番号は数字と + - ( ) と空白で入力してください。')).toBeVisible();
  await member.getByRole('button', { name: 'キャンセル' }).click();

  await setLanguage(member, 'en');
  await member.reload();
  await member.getByRole('button', { name: 'Edit' }).click();
  await member.getByRole('textbox', { name: 'Phone' }).fill('tel 0312345678');
  await member.getByRole('button', { name: 'Save' }).click();
  await expect(member.getByRole('textbox', { name: 'Phone' })).toBeFocused();
  await expect(
    member.getByText('Enter a phone number with digits, +, -, ( ) and spaces only.'),
  ).toBeVisible();
  await setLanguage(member, 'ja');
});

test('after creating or saving an alumnus, the record opens at its top', async ({ browser }) => {
  const admin = await open(browser, 'admin', '/alumni/new');
  await admin.setViewportSize(sizes.phone);
  await admin.getByRole('textbox', { name: '姓', exact: true }).fill('上野');
  await admin.getByRole('textbox', { name: '名', exact: true }).fill('陽太');
  await admin.getByLabel('退職日').fill('2025-02-28');
  await admin.getByRole('combobox', { name: '退職区分' }).click();
  await admin.getByRole('option', { name: '自己都合' }).click();
  await scrollToBottom(admin);
  expect(await scrollY(admin)).toBeGreaterThan(500);
  await admin.getByRole('button', { name: '登録する' }).click();
  await expect(admin).toHaveURL(/\/alumni\/[0-9a-f-]{36}$/);
  await expect(admin.getByRole('heading', { name: '上野 陽太', level: 1 })).toBeInViewport();
  await expect.poll(() => scrollY(admin)).toBe(0);

  await admin.setViewportSize(sizes.desktop);
  await admin.getByRole('link', { name: '編集' }).click();
  await expect(admin.getByRole('heading', { name: '上野 陽太さんの情報を編集' })).toBeVisible();
  await admin.getByLabel('現在の勤務先').fill('株式会社あおば');
  await scrollToBottom(admin);
  expect(await scrollY(admin)).toBeGreaterThan(500);
  await admin.getByRole('button', { name: '変更を保存' }).click();
  await expect(admin.getByText('変更を保存しました。')).toBeVisible();
  await expect(admin).toHaveURL(/\/alumni\/[0-9a-f-]{36}$/);
  await expect(admin.getByRole('region', { name: '現在' })).toContainText('株式会社あおば');
  await expect.poll(() => scrollY(admin)).toBe(0);
  await expect(admin.getByRole('heading', { name: '上野 陽太', level: 1 })).toBeInViewport();

  // back still goes where it went before
  await admin.goBack();
  await expect(admin.getByRole('heading', { name: '上野 陽太さんの情報を編集' })).toBeVisible();
});

test('the sign-in page tells alumni how they sign in, and staff that accounts are by invitation', async ({
  page,
}) => {
  await page.goto('/sign-in');
  const who = page.getByTestId('sign-in-who');
  await expect(who).toContainText('アルムナイ（退職者）の方');
  await expect(who).toContainText(
    '「ログインリンク」を選び、会員登録したメールアドレスを入力してください。ログイン用のリンクをメールでお送りします（パスワードは不要です）。',
  );
  await expect(who).toContainText(
    '会社から届いた招待メールのリンク、または会社のアルムナイネットワークのページから登録できます。',
  );
  await expect(who).toContainText(
    '企業のご担当者・従業員の方アカウントは招待制です。ご利用には企業の管理者からの招待が必要です。',
  );
  // invitation-only is said to staff, not to alumni
  const alumniPart = (await who.textContent())!.split('企業のご担当者・従業員の方')[0]!;
  expect(alumniPart).not.toContain('招待制');
  await expect(page.getByRole('tab', { name: 'パスワード' })).toHaveAttribute('aria-selected', 'true');

  // an alumnus sent here from a registration or portal link starts on the sign-in link
  await page.goto('/sign-in?next=%2Fportal');
  await expect(page.getByRole('tab', { name: 'ログインリンク' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('ご登録のメールアドレスにログイン用のリンクをお送りします。')).toBeVisible();

  await setLanguage(page, 'en');
  await page.goto('/sign-in');
  await expect(who).toContainText('Alumni (former employees)');
  await expect(who).toContainText('enter the e-mail address you registered with');
  await expect(who).toContainText('Company staff and employeesAccounts are by invitation only');
  await setLanguage(page, 'ja');
});

test('furigana in romaji is refused with a message, in the form and by the server', async ({ browser }) => {
  const admin = await open(browser, 'admin', '/alumni/new');
  const basic = admin.getByRole('region', { name: '基本情報' });
  await basic.getByRole('textbox', { name: '姓', exact: true }).fill('田村');
  await basic.getByRole('textbox', { name: '名', exact: true }).fill('健');
  await basic.getByLabel('メイ').fill('ケン');
  await basic.getByLabel('セイ').fill('Tamura');
  await basic.getByLabel('電話番号').fill('090-1234-5678');
  await admin.getByLabel('退職日').fill('2024-09-30');
  await admin.getByRole('combobox', { name: '退職区分' }).click();
  await admin.getByRole('option', { name: '自己都合' }).click();
  await admin.getByRole('button', { name: '登録する' }).click();
  const message = 'フリガナはカタカナかひらがなで入力してください（ローマ字は使えません）。';
  await expect(basic.getByText(message)).toHaveCount(1);
  await expect(basic.getByLabel('セイ')).toBeFocused();
  await expect(basic.getByLabel('セイ')).toHaveAttribute('aria-invalid', 'true');
  await expect(basic.getByLabel('メイ')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(admin).toHaveURL(/\/alumni\/new$/);

  // the same rule and words come from the server (the contract is shared)
  const refused = await admin.request.post('/api/alumni', {
    data: {
      familyName: '田村',
      givenName: '健',
      familyNameKana: 'Tamura',
      phone: '090-1234-5678 (mobile)',
      leftOn: '2024-09-30',
      leaveType: 'voluntary',
    },
    headers: { Origin: new URL(admin.url()).origin, 'Accept-Language': 'ja' },
  });
  expect(refused.status()).toBe(400);
  const { error } = (await refused.json()) as { error: { fields: { path: string; message: string }[] } };
  expect(error.fields).toEqual(
    expect.arrayContaining([
      { path: 'body.familyNameKana', message },
      { path: 'body.phone', message: '電話番号は数字と + - ( ) と空白で入力してください。' },
    ]),
  );

  // in English
  await setLanguage(admin, 'en');
  await admin.reload();
  const basicEn = admin.getByRole('region', { name: 'Basic information' });
  await basicEn.getByLabel('Family name (kana)').fill('tamura');
  await admin.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(
    basicEn.getByText('Enter the furigana in katakana or hiragana (not in romaji).'),
  ).toBeVisible();
  await setLanguage(admin, 'ja');

  // kana in hiragana passes and is kept in katakana
  await admin.reload();
  await basic.getByRole('textbox', { name: '姓', exact: true }).fill('田村');
  await basic.getByRole('textbox', { name: '名', exact: true }).fill('健');
  await basic.getByLabel('セイ').fill('たむら');
  await basic.getByLabel('メイ').fill('ｹﾝ');
  await admin.getByLabel('退職日').fill('2024-09-30');
  await admin.getByRole('combobox', { name: '退職区分' }).click();
  await admin.getByRole('option', { name: '自己都合' }).click();
  await admin.getByRole('button', { name: '登録する' }).click();
  await expect(admin.getByRole('heading', { name: '田村 健', level: 1 })).toBeVisible();
  await expect(admin.getByText('タムラ ケン').first()).toBeVisible();
});
