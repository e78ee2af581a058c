import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import {
  createAlumnus,
  invitedLeaver,
  mailedLink,
  screenshotAll,
  settle,
  signInOncePerFile,
} from './helpers';

/**
 * Member registration and the member portal as an alumnus lives them: the invitation e-mail's
 * link, three short steps in Japanese, the portal (consents, opt-out, own data, deletion), and
 * the company's public page with e-mail verification.
 */

test.describe.configure({ timeout: 180_000 });

const stamp = String(Date.now()).slice(-7);
const PASSWORD = 'member-pass-2026';

const open = signInOncePerFile('admin', 'operator');

function origin(page: Page) {
  return new URL(page.url()).origin;
}

/** Whether the server serves this route yet (its OpenAPI document lists every route). */
async function hasRoute(page: Page, method: 'get' | 'post' | 'put', path: string): Promise<boolean> {
  const response = await page.request.get('/api/openapi.json');
  const { paths } = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  return Boolean(paths[path]?.[method]);
}

/** Walks the three registration steps in Japanese. */
async function registerInJapanese(page: Page, options: { password?: string; familyName?: string }) {
  await expect(
    page.getByRole('heading', { name: '株式会社さくら商事のアルムナイネットワークへようこそ' }),
  ).toBeVisible();
  if (options.familyName) await page.getByLabel('姓').fill(options.familyName);
  await page.getByRole('button', { name: '次へ' }).click();

  // consents: nothing is chosen for the person; the required one is asked for
  await expect(page.getByText('関心と連絡')).toBeVisible();
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByText('「会員情報の管理」への同意が必要です。')).toBeVisible();
  await page.getByText('再雇用', { exact: true }).click();
  await page.getByTestId('consent-member_profile').click();
  await page.getByTestId('consent-job_offers').click();
  await page.getByTestId('consent-news').click();
  // the privacy notice is readable in place
  await page.getByRole('button', { name: '個人情報の取扱いを読む' }).click();
  await expect(page.getByTestId('privacy-notice-body')).toBeVisible();
  await page.getByRole('button', { name: '次へ' }).click();

  await expect(page.getByText('パスワードは任意です。')).toBeVisible();
  if (options.password) {
    await page.getByText('パスワードを設定する').click();
    await page.getByLabel('パスワード').fill(options.password);
  }
  await page.getByRole('button', { name: '登録する' }).click();
  // the answer signs the member in: straight to the portal
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByTestId('registered-banner')).toContainText('登録が完了しました');
}

test('an alumnus registers from the invitation e-mail in Japanese and manages consents and data', async ({
  browser,
}) => {
  const admin = await open(browser, 'admin');
  const operator = await open(browser, 'operator');
  const email = `member.${stamp}@example.jp`;
  await invitedLeaver(admin, email, '松本', '健二');
  const link = await mailedLink(operator, email, /https?:\/\/\S+\/join\/[\w-]+/);
  expect(link.startsWith(`${test.info().project.use.baseURL}/join/`)).toBe(true);

  // --- the alumnus, on a phone, in a fresh browser ---
  const member = await open(browser, null, link);
  await member.setViewportSize({ width: 390, height: 844 });
  await expect(member.getByLabel('姓')).toHaveValue('松本');
  await expect(member.getByLabel('名')).toHaveValue('健二');
  await registerInJapanese(member, { password: PASSWORD, familyName: '松本' });
  await expect(member.getByRole('heading', { name: '松本 健二さん、こんにちは' })).toBeVisible();
  await expect(member.getByRole('main')).toContainText('株式会社さくら商事');

  // the link works once
  const used = await open(browser, null);
  await used.goto(link);
  await expect(used.getByRole('heading', { name: 'このリンクは使えません' })).toBeVisible();

  // --- consents: one withdrawn, recorded with the notice version and date ---
  await member.getByRole('tab', { name: '連絡の希望' }).click();
  const jobs = member.getByTestId('consent-row-job_offers');
  await expect(jobs.getByTestId('consent-status')).toHaveText('同意済み');
  await expect(jobs).toContainText('第1版');
  const saved = member.waitForResponse((r) => r.url().endsWith('/api/portal/consents') && r.ok());
  await jobs.getByRole('switch').click({ force: true });
  await saved;
  await expect(member.getByText('「求人（再雇用）のご案内」への同意を取り消しました。')).toBeVisible();
  await member.reload();
  await expect(member.getByTestId('consent-row-job_offers').getByTestId('consent-status')).toHaveText(
    '取り消し済み',
  );
  await expect(member.getByTestId('consent-row-news').getByTestId('consent-status')).toHaveText('同意済み');
  // the required one cannot be switched off here
  await expect(
    member.getByTestId('consent-row-member_profile').getByTestId('consent-required'),
  ).toBeVisible();
  await expect(member.getByTestId('consent-row-member_profile').getByRole('switch')).toHaveCount(0);

  // --- stop all contact: one tap, nothing to fill in ---
  await member.getByRole('button', { name: 'すべての連絡を停止する' }).click();
  await expect(member.getByText('連絡は停止中です')).toBeVisible();
  await expect(member.getByTestId('consent-row-news').getByTestId('consent-status')).toHaveText(
    '取り消し済み',
  );
  // the company sees it on the record
  await expect
    .poll(async () => {
      const list = await admin.request.get(`/api/alumni?q=${encodeURIComponent(email)}`);
      const { items } = (await list.json()) as { items: { doNotContact: boolean }[] };
      return items[0]?.doNotContact;
    })
    .toBe(true);

  // --- my data: JSON and CSV downloads ---
  await member.getByRole('tab', { name: 'データ' }).click();
  const [json] = await Promise.all([
    member.waitForEvent('download'),
    member.getByTestId('download-json').click(),
  ]);
  const exported = JSON.parse(readFileSync((await json.path())!, 'utf8')) as {
    record: { email: string };
    consents: { purpose: string; withdrawnAt: string | null }[];
  };
  expect(exported.record.email).toBe(email);
  expect(exported.consents.find((c) => c.purpose === 'job_offers')?.withdrawnAt).toBeTruthy();
  const [csv] = await Promise.all([
    member.waitForEvent('download'),
    member.getByTestId('download-csv').click(),
  ]);
  expect(readFileSync((await csv.path())!, 'utf8')).toContain(email);

  // --- the profile, when the server offers it ---
  await member.getByRole('tab', { name: 'プロフィール' }).click();
  if (await hasRoute(used, 'get', '/api/portal/profile')) {
    await expect(member.getByText('会社が見る情報')).toBeVisible();
    await member.getByRole('button', { name: '編集する' }).click();
    await member.getByTestId('profile-form').getByLabel('現在の勤務先').fill('株式会社みらい');
    await member.getByRole('button', { name: '保存する' }).click();
    await expect(member.getByText('プロフィールを保存しました。')).toBeVisible();
    await expect(member.getByTestId('profile-card')).toContainText('株式会社みらい');
  }
});

test('a registration link that is unknown or expired says so', async ({ page }) => {
  await page.goto('/join/this-link-does-not-exist-0000000000');
  await expect(page.getByRole('heading', { name: 'このリンクは使えません' })).toBeVisible();
  await expect(page.getByText('有効期限が切れているか、既に使われています')).toBeVisible();
  await page.getByRole('link', { name: 'ログイン画面へ' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a member without a password signs in by e-mail link and asks for deletion', async ({ browser }) => {
  const admin = await open(browser, 'admin');
  const operator = await open(browser, 'operator');
  const email = `leaving.${stamp}@example.jp`;
  await invitedLeaver(admin, email, '井上', '舞');
  const link = await mailedLink(operator, email, /https?:\/\/\S+\/join\/[\w-]+/);

  // registering signs the member in on this device; on another one, the e-mailed sign-in link
  const registering = await open(browser, null, link);
  await registerInJapanese(registering, {});
  await expect(registering.getByRole('heading', { name: '井上 舞さん、こんにちは' })).toBeVisible();
  const member = await open(browser, null, '/sign-in?next=%2Fportal');
  const sent = await member.request.post('/api/auth/sign-in/magic-link', {
    headers: { Origin: origin(member), 'Accept-Language': 'ja' },
    data: { email, callbackURL: '/portal', errorCallbackURL: '/sign-in?link=failed' },
  });
  expect(sent.ok(), await sent.text()).toBe(true);
  const signInLink = await mailedLink(operator, email, /https?:\/\/\S+magic-link\S+/);
  await member.goto(signInLink);
  await expect(member).toHaveURL(/\/portal$/);
  await expect(member.getByRole('heading', { name: '井上 舞さん、こんにちは' })).toBeVisible();
  // a member's menu holds only their page
  await expect(member.getByRole('navigation').getByRole('link')).toHaveCount(1);

  test.skip(
    !(await hasRoute(member, 'post', '/api/portal/deletion')),
    'POST /api/portal/deletion is not served yet',
  );
  await member.getByRole('tab', { name: 'データ' }).click();
  await member.getByRole('button', { name: '削除を依頼する' }).click();
  const dialog = member.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: '削除を依頼して退会する' });
  await dialog.getByTestId('deletion-confirm-email').fill('someone.else@example.jp');
  await expect(confirm).toBeDisabled();
  await dialog.getByTestId('deletion-confirm-email').fill(email.toUpperCase());
  await confirm.click();
  await expect(member.getByRole('heading', { name: '削除のご依頼を受け付けました' })).toBeVisible();
  await expect(member.getByText('ログアウトしました。')).toBeVisible();
  await member.goto('/portal');
  await expect(member).toHaveURL(/\/sign-in/);
});

test('a leaver registers on the company’s public page and confirms by the mailed link', async ({
  browser,
}) => {
  const admin = await open(browser, 'admin');
  test.skip(
    !(await hasRoute(admin, 'get', '/api/public/networks/{slug}')),
    'the public network page is not served yet',
  );
  const settings = await admin.request.put('/api/network-settings', {
    headers: { Origin: origin(admin) },
    data: {
      publicPageEnabled: true,
      intro: '退職された皆さまとのつながりを大切にしています。',
      profileReviewMonths: 12,
    },
  });
  expect(settings.ok(), await settings.text()).toBe(true);
  // a leaver record with this address exists: the verification registers the person at once
  const email = `self.${stamp}@example.jp`;
  await createAlumnus(admin, {
    familyName: '佐々木',
    givenName: '優',
    email,
    leftOn: '2022-09-30',
    leaveType: 'voluntary',
  });

  const visitor = await open(browser, null, '/network/sakura');
  await expect(
    visitor.getByRole('heading', { name: '株式会社さくら商事 アルムナイネットワーク' }),
  ).toBeVisible();
  await expect(visitor.getByTestId('network-intro')).toHaveText(
    '退職された皆さまとのつながりを大切にしています。',
  );
  await visitor.getByRole('button', { name: '確認メールを送る' }).click();
  await expect(
    visitor
      .getByText('「会員情報の管理」への同意が必要です。')
      .or(visitor.getByText('会員情報の管理への同意が必要です。'))
      .first(),
  ).toBeVisible();
  await visitor.getByLabel('メールアドレス').fill(email);
  await visitor.getByRole('textbox', { name: /^姓/ }).fill('佐々木');
  await visitor.getByRole('textbox', { name: /^名/ }).fill('優');
  await visitor.getByLabel('セイ').fill('ササキ');
  await visitor.getByLabel('メイ').fill('ユウ');
  await visitor.getByLabel('退職した年').fill('2022');
  await visitor.getByTestId('consent-member_profile').click();
  await visitor.getByTestId('consent-events').click();
  await visitor.getByRole('button', { name: '確認メールを送る' }).click();
  await expect(visitor.getByRole('heading', { name: 'メールを確認してください' })).toBeVisible();

  const operator = await open(browser, 'operator');
  const link = await mailedLink(operator, email, /https?:\/\/\S+\/network\/verify\/[\w-]+/);
  await visitor.goto(link);
  await expect(visitor.getByText(email)).toBeVisible();
  await visitor.getByRole('button', { name: '登録を確定する' }).click();
  // registered at once and signed in: straight to the portal
  await expect(visitor).toHaveURL(/\/portal$/);
  await expect(visitor.getByTestId('registered-banner')).toContainText('登録が完了しました');
  await expect(visitor.getByRole('heading', { name: '佐々木 優さん、こんにちは' })).toBeVisible();

  // someone the company cannot match yet is queued for staff
  const stranger = `stranger.${stamp}@example.jp`;
  const queued = await visitor.request.post('/api/public/networks/sakura/registrations', {
    headers: { Origin: origin(visitor) },
    data: {
      email: stranger,
      familyName: '未知',
      givenName: '太郎',
      consents: ['member_profile'],
      noticeVersion: 1,
    },
  });
  expect(queued.ok(), await queued.text()).toBe(true);
  await visitor.goto(await mailedLink(operator, stranger, /https?:\/\/\S+\/network\/verify\/[\w-]+/));
  await visitor.getByRole('button', { name: '登録を確定する' }).click();
  await expect(visitor.getByRole('heading', { name: '登録を受け付けました' })).toBeVisible();
});

test('screenshots: registration, portal and public page', async ({ browser }) => {
  test.setTimeout(400_000);
  const admin = await open(browser, 'admin');
  const operator = await open(browser, 'operator');
  const email = `shot.${stamp}@example.jp`;
  await invitedLeaver(admin, email, '山口', '沙織');
  const link = await mailedLink(operator, email, /https?:\/\/\S+\/join\/[\w-]+/);

  const member = await open(browser, null, link);
  await screenshotAll(member, 'join-step1');
  await screenshotAll(
    member,
    'join-step2',
    async (p) => {
      await p.getByRole('button', { name: /次へ|Next/ }).click();
      await p.getByTestId('consent-member_profile').click();
      await p.getByTestId('consent-events').click();
      await p.getByRole('button', { name: /個人情報の取扱いを読む|Read the privacy notice/ }).click();
    },
    { fullPage: true },
  );
  await screenshotAll(member, 'join-step3', async (p) => {
    await p.getByRole('button', { name: /次へ|Next/ }).click();
    await p.getByTestId('consent-member_profile').click();
    await p.getByRole('button', { name: /次へ|Next/ }).click();
    await p.getByText(/パスワードを設定する|Set a password/).click();
  });
  await screenshotAll(member, 'join-done', async (p) => {
    await p.route('**/register', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ email, hasPassword: false, signedIn: false }),
      }),
    );
    await p.getByRole('button', { name: /次へ|Next/ }).click();
    await p.getByTestId('consent-member_profile').click();
    await p.getByRole('button', { name: /次へ|Next/ }).click();
    await p.getByRole('button', { name: /登録する|^Join$/ }).click();
    await expect(p.getByTestId('join-done')).toBeVisible();
    await p.unroute('**/register');
  });
  await member.goto('/join/this-link-does-not-exist-0000000000');
  await screenshotAll(member, 'join-invalid');

  // register for real, then the portal
  await member.goto(link);
  await settle(member);
  await registerInJapanese(member, { password: PASSWORD });
  await screenshotAll(member, 'portal-profile');
  await screenshotAll(
    member,
    'portal-profile-edit',
    async (p) => {
      const edit = p.getByRole('button', { name: /編集する|Edit/ });
      if (await edit.isVisible()) await edit.click();
    },
    { fullPage: true },
  );
  // a profile due for its check and a newer privacy notice (answers altered in the browser)
  await member.route('**/api/portal/profile', async (route) => {
    if (route.request().method() !== 'GET') return route.fallback();
    const response = await route.fetch();
    return route.fulfill({ response, json: { ...(await response.json()), reviewDue: true } });
  });
  await screenshotAll(member, 'portal-review-due');
  await member.unroute('**/api/portal/profile');
  await member.route('**/api/portal/me', async (route) => {
    const response = await route.fetch();
    const me = await response.json();
    return route.fulfill({
      response,
      json: { ...me, needsConsent: true, notice: { ...me.notice, version: 2 } },
    });
  });
  await screenshotAll(member, 'portal-reconsent-banner');
  await member.goto('/portal?tab=consents');
  await screenshotAll(member, 'portal-reconsent');
  await member.unroute('**/api/portal/me');
  await screenshotAll(member, 'portal-consents');
  await member.goto('/portal?tab=data');
  await screenshotAll(member, 'portal-data');
  await screenshotAll(member, 'portal-deletion-confirm', async (p) => {
    await p.getByRole('button', { name: /削除を依頼する|Ask for deletion/ }).click();
    await p.getByTestId('deletion-confirm-email').fill('typo@example.jp');
    await p.getByTestId('deletion-confirm-email').blur();
  });
  await screenshotAll(member, 'nav-phone-alumnus', async (p, size) => {
    if (size === 'phone') await p.getByRole('button', { name: /メニューを開く|Open navigation/ }).click();
  });
  await member.goto('/portal/deleted');
  await screenshotAll(member, 'portal-deleted');

  // the public page: the server's answer when it serves one, else the contract's shape
  if (!(await hasRoute(member, 'get', '/api/public/networks/{slug}'))) {
    const { notice } = (await (await member.request.get('/api/portal/me')).json()) as { notice: unknown };
    await member.route('**/api/public/networks/sakura', (route) =>
      route.fulfill({
        json: {
          companyName: '株式会社さくら商事',
          intro:
            '退職された皆さまとのつながりを大切にしています。\n再雇用や副業のご案内、イベントのお知らせをお届けします。',
          notice,
          openPostings: 3,
        },
      }),
    );
  }
  await member.goto('/network/sakura');
  await screenshotAll(member, 'network');
  await screenshotAll(
    member,
    'network-errors',
    async (p) => {
      await p.getByRole('button', { name: /確認メールを送る|Send confirmation e-mail/ }).click();
    },
    { fullPage: true },
  );
  await screenshotAll(member, 'network-sent', async (p) => {
    await p.route('**/registrations', (route) =>
      route.fulfill({ status: 202, contentType: 'application/json', body: '{}' }),
    );
    await p.getByLabel(/メールアドレス|E-mail/).fill('visitor@example.jp');
    await p
      .getByRole('textbox', { name: /^(姓|Family name)/ })
      .first()
      .fill('佐藤');
    await p
      .getByRole('textbox', { name: /^(名|Given name)/ })
      .first()
      .fill('花子');
    await p.getByTestId('consent-member_profile').click();
    await p.getByRole('button', { name: /確認メールを送る|Send confirmation e-mail/ }).click();
    await expect(p.getByTestId('network-sent')).toBeVisible();
    await p.unroute('**/registrations');
  });
  const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
  let status = 'registered';
  await member.route('**/api/public/registration-verifications/*', (route) =>
    route.fulfill({
      json:
        route.request().method() === 'GET'
          ? { companyName: '株式会社さくら商事', email: 'visitor@example.jp', expiresAt }
          : { status, companyName: '株式会社さくら商事', email: 'visitor@example.jp', signedIn: false },
    }),
  );
  await member.goto('/network/verify/example-token-0000000000000000');
  await screenshotAll(member, 'network-verify');
  await screenshotAll(member, 'network-verified', async (p) => {
    await p.getByRole('button', { name: /登録を確定する|Confirm registration/ }).click();
    await expect(p.getByTestId('verify-registered')).toBeVisible();
  });
  status = 'queued';
  await screenshotAll(member, 'network-queued', async (p) => {
    await p.getByRole('button', { name: /登録を確定する|Confirm registration/ }).click();
    await expect(p.getByTestId('verify-queued')).toBeVisible();
  });
  await member.unrouteAll();
  await member.goto('/network/verify/expired-token-000000000000000000');
  await screenshotAll(member, 'network-verify-invalid');
  await member.goto('/network/no-such-company');
  await screenshotAll(member, 'network-missing');
});
