import { expect, type Page, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { createAlumnus, screenshotAll, signIn, users } from './helpers';

/**
 * Every page at desktop (1280×800) and phone (390×844) sizes, in Japanese and English, saved to
 * test-results/screenshots/ for people to look at (CI keeps them as artifacts).
 */

test.describe.configure({ timeout: 300_000 });

test('public pages', async ({ page }) => {
  await page.goto('/sign-in');
  await screenshotAll(page, 'sign-in');
  await screenshotAll(page, 'sign-in-error', async (p) => {
    await p.locator('input[type="email"]').fill(users.admin);
    await p.locator('input[type="password"]').fill('wrong-password');
    await p.locator('form button[type="submit"]').click();
    await expect(p.getByRole('alert')).toBeVisible();
  });
  await screenshotAll(page, 'sign-in-magic-link', async (p) => {
    await p.getByRole('tab').nth(1).click();
  });
  await page.goto('/forgot-password');
  await screenshotAll(page, 'forgot-password');
  await page.goto('/reset-password?token=example-token');
  await screenshotAll(page, 'reset-password');
  await page.goto('/reset-password?error=INVALID_TOKEN');
  await screenshotAll(page, 'reset-password-invalid');
  await page.goto('/no-such-page');
  await screenshotAll(page, 'not-found-signed-out');
});

async function latestInvitationLink(page: Page, email: string): Promise<string> {
  const list = await page.request.get(`/api/mail?to=${encodeURIComponent(email)}`);
  const { items } = (await list.json()) as { items: { id: string }[] };
  const mail = await page.request.get(`/api/mail/${items[0]!.id}`);
  const { text } = (await mail.json()) as { text: string };
  return text.match(/https?:\/\/\S+\/invitations\/\S+/)![0];
}

test('company admin pages and the invitation page', async ({ page, browser, baseURL }) => {
  await signIn(page, users.admin);
  await screenshotAll(page, 'home-company-admin');
  // a pending invitation to show in the list and to open as the invitee
  const email = `screenshot-${Date.now()}@sakura.example`;
  const created = await page.request.post('/api/invitations', {
    data: { email, role: 'company_admin' },
    headers: { Origin: baseURL! },
  });
  expect(created.status()).toBe(201);
  await page.goto('/staff');
  await screenshotAll(page, 'staff');
  await screenshotAll(page, 'staff-revoke-confirm', async (p) => {
    await p
      .getByTestId('invitation-row')
      .filter({ hasText: email })
      .getByRole('button', { name: /取り消す|Revoke/ })
      .click();
    await expect(p.getByRole('dialog')).toBeVisible();
  });
  // when the mail server refuses the invitation e-mail, the page says so (the answer is simulated)
  await screenshotAll(page, 'staff-invite-not-sent', async (p) => {
    await p.route('**/api/invitations', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 201,
            contentType: 'application/json',
            body: JSON.stringify({ id: '00000000-0000-4000-8000-000000000000', mailSent: false }),
          })
        : route.fallback(),
    );
    const form = p.locator('section', {
      has: p.getByRole('heading', { name: /スタッフを招待|Invite staff/ }),
    });
    await form.getByRole('textbox', { name: /メールアドレス|E-mail/ }).fill('unreachable@sakura.example');
    await form.getByRole('button', { name: /招待を送信|Send invitation/ }).click();
    await expect(p.getByTestId('invitation-not-sent')).toContainText('unreachable@sakura.example');
    await p.unroute('**/api/invitations');
  });
  await page.goto('/audit');
  await screenshotAll(page, 'audit-company');
  await screenshotAll(page, 'nav-phone-company-admin', async (p, size) => {
    if (size === 'phone') await p.getByRole('button', { name: /メニューを開く|Open navigation/ }).click();
  });

  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signIn(operator, users.operator);
  const link = await latestInvitationLink(operator, email);
  await operatorContext.close();

  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await screenshotAll(invitee, 'invitation');
  await invitee.goto('/invitations/this-token-does-not-exist');
  await screenshotAll(invitee, 'invitation-invalid');
  await inviteeContext.close();
});

test('operator admin pages', async ({ page }) => {
  await signIn(page, users.operator);
  await screenshotAll(page, 'home-operator');
  await page.goto('/companies');
  await screenshotAll(page, 'companies');
  await screenshotAll(page, 'companies-create', async (p) => {
    await p.getByRole('button', { name: /企業を作成|Create company/ }).click();
    await expect(p.getByRole('dialog')).toBeVisible();
  });
  await screenshotAll(page, 'companies-suspend-confirm', async (p) => {
    await p
      .getByTestId('tenant-row')
      .first()
      .getByRole('button', { name: /その他の操作|More actions/ })
      .click();
    await p.getByRole('menuitem', { name: /利用停止|Suspend/ }).click();
    await expect(p.getByRole('dialog')).toBeVisible();
  });
  await page.goto('/mail');
  await screenshotAll(page, 'mail');
  await page.getByTestId('mail-row').first().getByRole('link').click();
  await expect(page.getByTestId('mail-body')).toBeVisible();
  await screenshotAll(page, 'mail-detail');
  await page.goto('/operator/audit');
  await screenshotAll(page, 'audit-operator');

  // opens a company and acts inside it
  await page.goto('/companies');
  await page
    .getByTestId('tenant-row')
    .filter({ hasText: 'みどり技研株式会社' })
    .getByRole('button', { name: '開く' })
    .click();
  await expect(
    page.getByText('企業管理者').or(page.getByText('みどり技研株式会社を開いています')),
  ).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'スタッフ・招待' })).toBeVisible();
  await screenshotAll(page, 'home-operator-in-company');
  // a company without alumni yet (the demo companies have some): the list points to the import
  const stamp = Date.now().toString(36);
  const created = await page.request.post('/api/tenants', {
    data: { name: `はじめて商事 ${stamp}`, slug: `empty-${stamp}` },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(created.ok()).toBe(true);
  await page.goto('/companies');
  const switched = page.waitForResponse((r) => r.url().endsWith('/api/me/active-tenant') && r.ok());
  await page
    .getByTestId('tenant-row')
    .filter({ hasText: `はじめて商事 ${stamp}` })
    .getByRole('button', { name: '開く' })
    .click();
  await switched;
  await page.goto('/alumni');
  await expect(page.getByText('まだアルムナイが登録されていません')).toBeVisible();
  await screenshotAll(page, 'alumni-empty');
});

test('member pages: alumnus home, staff forbidden', async ({ page, browser }) => {
  await signIn(page, users.alumnus);
  await screenshotAll(page, 'home-alumnus');

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, users.staff);
  await staff.goto('/audit');
  await screenshotAll(staff, 'forbidden');
  await staff.goto('/no-such-page');
  await screenshotAll(staff, 'not-found-signed-in');
  await staffContext.close();
});

const stamp = String(Date.now()).slice(-6);
let importRun = 0;

/** An HR system's export as Excel saves it (CP932), with one column the presets do not know. */
function hrExport(rows: string[]) {
  const text = [
    '社員番号,氏名,フリガナ,メールアドレス,部署,役職,入社日,退職日,退職区分,退職理由,保有資格',
    ...rows,
  ].join('\r\n');
  return {
    name: '退職者一覧_2026年4月.csv',
    mimeType: 'text/csv',
    buffer: iconv.encode(`${text}\r\n`, 'cp932'),
  };
}

function importFile(withProblems: boolean) {
  const run = ++importRun;
  const rows = [
    `P${stamp}${run}1,髙橋 一郎,タカハシ イチロウ,,営業部,主任,2015/04/01,2024/03/31,自己都合,キャリアアップ,"普通自動車免許,TOEIC 800点"`,
    `P${stamp}${run}2,山﨑 花子,ヤマザキ ハナコ,,開発部①,,2018/10/01,2025/01/15,会社都合,転職～独立準備,`,
    `P${stamp}${run}3,石田 三郎,イシダ サブロウ,,人事部,課長,2010/04/01,2023/09/30,契約満了,,`,
  ];
  if (withProblems)
    rows.push(`P${stamp}${run}4,木村 四郎,キムラ シロウ,,総務部,,2019/04/01,2024/13/45,不明,,`);
  return hrExport(rows);
}

async function chooseFile(page: Page, withProblems: boolean) {
  await page.locator('input[type="file"]').setInputFiles(importFile(withProblems));
  await expect(page.getByTestId('import-file')).toBeVisible();
}

async function toMapping(page: Page, withProblems: boolean) {
  await chooseFile(page, withProblems);
  await page.getByRole('button', { name: /次へ|Next/ }).click();
  await expect(page.getByTestId('mapping-row').first()).toBeVisible();
}

async function toPreview(page: Page, withProblems: boolean) {
  await toMapping(page, withProblems);
  await page.getByRole('combobox', { name: /取り込み先: 保有資格|Import as: 保有資格/ }).click();
  await page.getByRole('option', { name: /スキル|Skills/ }).click();
  await page.getByRole('button', { name: /プレビューを表示|Show preview/ }).click();
  await expect(page.getByTestId('import-summary')).toBeVisible();
}

test('alumni pages: list, filters, record, form', async ({ page }) => {
  await signIn(page, users.admin);
  await page.goto('/alumni');
  const people = [
    {
      familyName: '田中',
      givenName: '健太',
      familyNameKana: 'タナカ',
      givenNameKana: 'ケンタ',
      email: `kenta.tanaka.${stamp}@example.jp`,
      phone: '090-1234-5678',
      employeeNumber: `D${stamp}01`,
      department: '営業本部 第一営業部',
      position: '課長',
      joinedOn: '2012-04-01',
      leftOn: '2024-09-30',
      leaveType: 'voluntary' as const,
      leaveReasonCategory: 'career_growth' as const,
      leaveReasonNote: 'SaaS 企業の事業開発に挑戦したいとのこと。\n関係は良好で、円満退職。',
      currentCompany: '株式会社クラウドワークス',
      currentTitle: '事業開発部長',
      hasDecisionAuthority: true,
      skills: ['法人営業', '事業開発', 'Salesforce'],
      interests: ['rehire' as const, 'business' as const, 'referral' as const],
      returnConditions: {
        workStyle: '週4日・リモート併用',
        location: '東京',
        payExpectation: '900万円以上',
        earliestDate: '2026-10-01',
      },
      tags: ['ハイパフォーマー', '2024年度'],
      internalNotes: '退職面談では評価制度への不満も。部長職での出戻りなら前向き。',
    },
    {
      familyName: '渡辺',
      givenName: '直子',
      familyNameKana: 'ワタナベ',
      givenNameKana: 'ナオコ',
      employeeNumber: `D${stamp}02`,
      department: '人事部',
      leftOn: '2023-03-31',
      leaveType: 'voluntary' as const,
      leaveReasonCategory: 'family' as const,
      interests: ['side_job' as const, 'events' as const],
      currentCompany: 'フリーランス',
    },
    {
      familyName: '小林',
      givenName: '翔',
      familyNameKana: 'コバヤシ',
      givenNameKana: 'ショウ',
      employeeNumber: `D${stamp}03`,
      department: '開発部',
      position: 'エンジニア',
      leftOn: '2022-12-31',
      leaveType: 'company' as const,
      doNotContact: true,
      doNotContactReason: '本人の希望により、会社からの連絡はすべて停止（2023年1月 人事部確認）。',
    },
    {
      familyName: '伊藤',
      givenName: 'さくら',
      familyNameKana: 'イトウ',
      givenNameKana: 'サクラ',
      employeeNumber: `D${stamp}04`,
      department: 'マーケティング部',
      leftOn: '2025-06-30',
      leaveType: 'contract_end' as const,
      interests: ['monitor' as const],
    },
  ];
  const ids: string[] = [];
  for (const p of people) ids.push((await createAlumnus(page, p)).id);
  await page.reload();

  await screenshotAll(page, 'alumni-list');
  await screenshotAll(
    page,
    'alumni-list-filters',
    async (p) => {
      await p.getByRole('button', { name: /絞り込み|Filters/ }).click();
      await expect(p.locator('#alumni-filters')).toBeVisible();
    },
    { fullPage: true },
  );
  await screenshotAll(page, 'alumni-list-export', async (p) => {
    await p.getByRole('button', { name: /CSV 出力|Export CSV/ }).click();
    await expect(p.getByRole('menu')).toBeVisible();
  });
  await page.goto('/alumni?q=zzzz');
  await screenshotAll(page, 'alumni-list-no-match');

  await page.goto(`/alumni/${ids[0]}`);
  await expect(page.getByTestId('timeline-entry').first()).toBeVisible();
  await screenshotAll(page, 'alumni-detail');
  await page.goto(`/alumni/${ids[2]}`);
  await screenshotAll(page, 'alumni-detail-do-not-contact');

  await page.goto('/alumni/new');
  await screenshotAll(page, 'alumni-new');
  await screenshotAll(
    page,
    'alumni-new-errors',
    async (p) => {
      await p.getByRole('button', { name: /登録する|^Add$/ }).click();
      await expect(p.locator('[aria-invalid="true"]').first()).toBeVisible();
      await p.evaluate(() => window.scrollTo(0, 0));
    },
    { fullPage: true },
  );
  await page.goto(`/alumni/${ids[0]}/edit`);
  await screenshotAll(page, 'alumni-edit');
});

test('alumni import wizard, step by step', async ({ page }) => {
  await signIn(page, users.admin);
  await page.goto('/alumni/import');
  await screenshotAll(page, 'import-1-file');
  await screenshotAll(page, 'import-1-file-chosen', (p) => chooseFile(p, false), { fullPage: true });
  await screenshotAll(page, 'import-2-mapping', (p) => toMapping(p, false), { fullPage: true });
  await screenshotAll(page, 'import-3-preview', (p) => toPreview(p, true), { fullPage: true });
  await screenshotAll(
    page,
    'import-4-done',
    async (p) => {
      await toPreview(p, false);
      await p.getByTestId('import-apply').click();
      await expect(p.getByTestId('import-result')).toBeVisible();
    },
    { fullPage: true },
  );

  await page.goto('/audit');
  await screenshotAll(page, 'audit-company-alumni');
});
