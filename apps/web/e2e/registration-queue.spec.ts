import { expect, type Page, test } from '@playwright/test';
import { createAlumnus, screenshotAll, settle, signInOncePerFile } from './helpers';

/**
 * The alumni network as a company admin runs it: the public page published from the settings,
 * people registering themselves on it (confirmed by the mailed link) and, since no leaver record
 * has their address, waiting in the queue; staff match one to a candidate record, create a record
 * for another and decline a third.
 */

test.describe.configure({ mode: 'serial', timeout: 180_000 });

const stamp = String(Date.now()).slice(-7);
const open = signInOncePerFile('admin', 'operator');

function origin(page: Page) {
  return new URL(page.url()).origin;
}

/** The confirmation link in the newest e-mail to `to` (outgoing mail, read as the operator admin). */
async function verificationToken(operator: Page, to: string): Promise<string> {
  let token = '';
  await expect
    .poll(
      async () => {
        const list = await operator.request.get(`/api/mail?to=${encodeURIComponent(to)}`);
        const { items } = (await list.json()) as { items: { id: string }[] };
        for (const item of items) {
          const mail = await operator.request.get(`/api/mail/${item.id}`);
          const { text } = (await mail.json()) as { text: string };
          const found = text.match(/\/network\/verify\/([\w-]+)/)?.[1];
          if (found) {
            token = found;
            return true;
          }
        }
        return false;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return token;
}

interface Person {
  email: string;
  familyName: string;
  givenName: string;
  familyNameKana?: string;
  givenNameKana?: string;
  employeeNumber?: string;
  leaveYear?: number;
  department?: string;
}

/** Registers on the public page through its API and follows the mailed link: no record has the address, so it is queued. */
async function selfRegister(visitor: Page, operator: Page, person: Person) {
  const network = await visitor.request.get('/api/public/networks/sakura');
  expect(network.status(), await network.text()).toBe(200);
  const { notice } = (await network.json()) as { notice: { version: number } };
  const submitted = await visitor.request.post('/api/public/networks/sakura/registrations', {
    headers: { Origin: origin(visitor) },
    data: {
      familyNameKana: null,
      givenNameKana: null,
      employeeNumber: null,
      leaveYear: null,
      department: null,
      ...person,
      interests: ['rehire', 'events'],
      consents: ['member_profile', 'job_offers'],
      noticeVersion: notice.version,
    },
  });
  expect(submitted.status(), await submitted.text()).toBe(202);
  const token = await verificationToken(operator, person.email);
  const verified = await visitor.request.post(`/api/public/registration-verifications/${token}`, {
    headers: { Origin: origin(visitor) },
  });
  expect(verified.status(), await verified.text()).toBe(200);
  expect(((await verified.json()) as { status: string }).status).toBe('queued');
}

const matchPerson: Person = {
  email: `hayakawa.${stamp}@example.jp`,
  familyName: '早川',
  givenName: '結衣',
  familyNameKana: 'ハヤカワ',
  givenNameKana: 'ユイ',
  employeeNumber: `E${stamp}`,
  leaveYear: 2021,
  department: '企画部',
};
const createPerson: Person = {
  email: `nishimura.${stamp}@example.jp`,
  familyName: '西村',
  givenName: '蒼',
  familyNameKana: 'ニシムラ',
  givenNameKana: 'アオイ',
  leaveYear: 2019,
  department: '開発部',
};
const rejectPerson: Person = {
  email: `unknown.${stamp}@example.jp`,
  familyName: '大野',
  givenName: '拓海',
  leaveYear: 2024,
};

test('a company admin publishes the public page from the network settings', async ({ browser }) => {
  const admin = await open(browser, 'admin', '/');
  await admin.getByRole('navigation').getByRole('link', { name: 'アルムナイネットワーク設定' }).click();
  await expect(admin.getByRole('heading', { name: 'アルムナイネットワーク設定', level: 1 })).toBeVisible();

  // the page is off in a fresh company; numbers outside 0–60 are refused before saving
  await admin.getByTestId('review-months-input').fill('61');
  await admin.getByTestId('network-settings-save').click();
  await expect(admin.getByText('0〜60の整数で入力してください。')).toBeVisible();
  await admin.getByTestId('review-months-input').fill('');
  await admin.getByTestId('network-settings-save').click();
  await expect(admin.getByText('必須項目です。')).toBeVisible();

  await admin.getByTestId('review-months-input').fill('24');
  await admin.getByTestId('public-page-switch').check();
  await admin
    .getByTestId('network-intro-input')
    .fill('求人・副業のご案内や、イベント・周年行事へのご招待をお届けします。\nいつでも配信を止められます。');
  await expect(admin.getByTestId('settings-state')).toHaveText('保存していない変更があります。');
  await admin.getByTestId('network-settings-save').click();
  await expect(admin.getByText('保存しました。公開ページを公開しています。')).toBeVisible();
  await expect(admin.getByTestId('public-page-status')).toHaveText('公開中');
  await expect(admin.getByTestId('public-page-url')).toHaveValue(`${origin(admin)}/network/sakura`);
  await expect(admin.getByText('24か月ごとに確認をお願いします')).toBeVisible();

  // the open button goes to the public page itself
  const [publicPage] = await Promise.all([
    admin.context().waitForEvent('page'),
    admin.getByTestId('public-page-open').click(),
  ]);
  await expect(publicPage.getByTestId('network-intro')).toContainText('いつでも配信を止められます。');
  await publicPage.close();

  await screenshotAll(admin, 'network-settings');
});

test('self-registrations wait in the queue; staff match one, create a record for another and decline a third', async ({
  browser,
}) => {
  const admin = await open(browser, 'admin', '/alumni');
  // the person's leaver record under another (old) address, and a namesake who must not be contacted
  const record = await createAlumnus(admin, {
    familyName: '早川',
    givenName: '結衣',
    familyNameKana: 'ハヤカワ',
    givenNameKana: 'ユイ',
    employeeNumber: `E${stamp}`,
    email: `y.hayakawa.old.${stamp}@example.jp`,
    leftOn: '2021-06-30',
    leaveType: 'voluntary',
    department: '企画部',
  });
  await createAlumnus(admin, {
    familyName: '早川',
    givenName: '結衣',
    leftOn: '2015-03-31',
    leaveType: 'contract_end',
    department: '物流部',
    doNotContact: true,
    doNotContactReason: '本人の希望',
  });

  const operator = await open(browser, 'operator', '/');
  const visitor = await open(browser, null, '/network/sakura');
  for (const person of [matchPerson, createPerson, rejectPerson])
    await selfRegister(visitor, operator, person);

  // the queue, with its count in the menu
  await admin.goto('/');
  const nav = admin.getByRole('navigation');
  await expect(nav.getByTestId('pending-requests-badge')).toHaveText(/^[3-9]$|^\d\d+$/);
  await nav.getByRole('link', { name: /登録申請（照合待ち）/ }).click();
  await expect(admin.getByRole('heading', { name: '登録申請', level: 1 })).toBeVisible();
  const rows = admin.getByTestId('registration-request-row');
  await expect(rows.filter({ hasText: matchPerson.email })).toHaveCount(1);
  await expect(rows.filter({ hasText: createPerson.email })).toContainText('2019年');
  await screenshotAll(admin, 'registration-queue');
  await admin.reload(); // back in Japanese (the pictures end with the language set, not applied)

  // 1. the person beside the candidate records: what matched is marked, the namesake cannot be chosen
  await rows.filter({ hasText: matchPerson.email }).getByRole('link', { name: '早川 結衣' }).click();
  await expect(admin.getByRole('heading', { name: '早川 結衣さんの登録申請' })).toBeVisible();
  await expect(admin.getByTestId('request-status')).toHaveText('照合待ち');
  const candidates = admin.getByTestId('candidate');
  await expect(candidates).toHaveCount(2);
  const selectable = candidates.and(admin.locator('[data-selectable="true"]'));
  await expect(selectable).toContainText('社員番号');
  for (const reason of ['社員番号', '氏名', 'フリガナ']) await expect(selectable).toContainText(reason);
  const namesake = candidates.and(admin.locator('[data-selectable="false"]'));
  await expect(namesake.getByTestId('candidate-refusal')).toHaveText('連絡不可の方です');
  await expect(namesake.getByRole('button', { name: '照合できません' })).toBeDisabled();
  await screenshotAll(admin, 'registration-request', undefined, { fullPage: true });
  await admin.reload(); // back in Japanese (the pictures end with the language set, not applied)

  await selectable.getByTestId('candidate-select').click();
  const matchDialog = admin.getByRole('dialog', { name: '早川 結衣さんと照合しますか？' });
  await expect(matchDialog).toContainText(matchPerson.email);
  await screenshotAll(admin, 'registration-request-match', async (page) => {
    await page
      .getByTestId('candidate')
      .and(page.locator('[data-selectable="true"]'))
      .getByTestId('candidate-select')
      .click();
    await expect(page.getByRole('dialog')).toBeVisible();
  });
  await admin.reload();
  await admin
    .getByTestId('candidate')
    .and(admin.locator('[data-selectable="true"]'))
    .getByTestId('candidate-select')
    .click();
  await admin.getByTestId('match-confirm').click();
  await expect(
    admin.getByText('早川 結衣さんを照合し、会員として登録しました。登録完了のメールを送りました。'),
  ).toBeVisible();
  await expect(admin).toHaveURL(/\/alumni\/registration-requests$/);
  await expect(
    admin.getByTestId('registration-request-row').filter({ hasText: matchPerson.email }),
  ).toHaveCount(0);
  // the record is now the member's, with the confirmed address
  const matched = await admin.request.get(`/api/alumni/${record.id}`);
  expect(((await matched.json()) as { email: string }).email).toBe(matchPerson.email);

  // 2. nobody fits: a new leaver record from the request (the person gave only the year)
  await admin
    .getByTestId('registration-request-row')
    .filter({ hasText: createPerson.email })
    .getByRole('link')
    .first()
    .click();
  await expect(admin.getByTestId('no-candidates')).toBeVisible();
  await admin.getByTestId('create-record').click();
  const createDialog = admin.getByRole('dialog', { name: '申請内容から退職者情報を作成' });
  await expect(createDialog).toContainText('2019');
  await admin.getByTestId('create-confirm').click();
  await expect(createDialog.getByText('必須項目です。')).toBeVisible();
  await screenshotAll(admin, 'registration-request-create', async (page) => {
    await page.getByTestId('create-record').click();
    await page.getByTestId('create-left-on').fill('2019-09-30');
  });
  await admin.reload();
  await admin.getByTestId('create-record').click();
  await admin.getByTestId('create-left-on').fill('2019-09-30');
  await admin.getByTestId('create-leave-type').click();
  await admin.getByRole('option', { name: '会社都合' }).click();
  await admin.getByTestId('create-confirm').click();
  await expect(
    admin.getByText(
      '西村 蒼さんの退職者情報を作成し、会員として登録しました。登録完了のメールを送りました。',
    ),
  ).toBeVisible();
  await expect(admin).toHaveURL(/\/alumni\/registration-requests$/);

  // 3. declined, with an internal reason
  await admin
    .getByTestId('registration-request-row')
    .filter({ hasText: rejectPerson.email })
    .getByRole('link')
    .first()
    .click();
  await admin.getByTestId('reject').click();
  await admin.getByTestId('reject-reason').fill('在籍記録が見つからないため');
  await admin.getByTestId('reject-confirm').click();
  await expect(
    admin.getByText('大野 拓海さんの申請を見送りました。お知らせのメールを送りました。'),
  ).toBeVisible();

  // the tabs keep what was decided
  await admin.getByTestId('queue-tab-matched').click();
  await expect(admin).toHaveURL(/status=matched/);
  await expect(
    admin.getByTestId('registration-request-row').filter({ hasText: matchPerson.email }),
  ).toHaveCount(1);
  await expect(
    admin.getByTestId('registration-request-row').filter({ hasText: createPerson.email }),
  ).toHaveCount(1);
  await admin
    .getByTestId('registration-request-row')
    .filter({ hasText: createPerson.email })
    .getByRole('link')
    .first()
    .click();
  await expect(admin.getByTestId('request-outcome')).toContainText('この申請は照合済みです。');
  await admin.goto('/alumni/registration-requests?status=rejected');
  await expect(
    admin.getByTestId('registration-request-row').filter({ hasText: rejectPerson.email }),
  ).toHaveCount(1);
  await screenshotAll(admin, 'registration-queue-rejected');

  // the person was told: a decision mail went to each
  const mails = await operator.request.get(`/api/mail?to=${encodeURIComponent(rejectPerson.email)}`);
  expect(((await mails.json()) as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(2);

  // every step is in the audit log by name, not by code
  await admin.goto('/audit');
  await settle(admin);
  const log = admin.getByTestId('audit-row');
  for (const label of [
    '登録申請の照合',
    '登録申請から退職者情報を作成',
    '登録申請の見送り',
    'アルムナイネットワーク設定の変更',
  ])
    await expect(log.filter({ hasText: label }).first()).toBeVisible();
  await expect(log.filter({ hasText: 'registration_request.' })).toHaveCount(0);
  await screenshotAll(admin, 'audit-log-labels');
});

test('a record that shares only the name is matched once staff say what they confirmed with the person', async ({
  browser,
}) => {
  const admin = await open(browser, 'admin', '/alumni');
  const namesakeOnly: Person = {
    email: `kudo.${stamp}@example.jp`,
    familyName: '工藤',
    givenName: '遥',
    leaveYear: 2020,
  };
  const record = await createAlumnus(admin, {
    familyName: '工藤',
    givenName: '遥',
    email: `h.kudo.old.${stamp}@example.jp`,
    joinedOn: '2014-04-01',
    leftOn: '2020-09-30',
    leaveType: 'voluntary',
    department: '人事部',
  });
  const operator = await open(browser, 'operator', '/');
  const visitor = await open(browser, null, '/network/sakura');
  await selfRegister(visitor, operator, namesakeOnly);

  await admin.goto('/alumni/registration-requests');
  await admin
    .getByTestId('registration-request-row')
    .filter({ hasText: namesakeOnly.email })
    .getByRole('link', { name: '工藤 遥' })
    .click();
  const candidate = admin.getByTestId('candidate').filter({ hasText: '人事部' });
  await expect(candidate.getByTestId('name-only')).toHaveText('名前のみ一致');
  await candidate.getByTestId('candidate-select').click();
  const dialog = admin.getByRole('dialog', { name: '工藤 遥さんと照合しますか？' });
  await expect(dialog.getByTestId('confirm-lead')).toContainText('同姓同名の別人かもしれません');
  await expect(admin.getByTestId('match-confirm')).toBeDisabled();
  const fill = async (page: Page) => {
    await page.getByTestId('candidate').filter({ hasText: '人事部' }).getByTestId('candidate-select').click();
    await page.getByTestId('confirm-attribute').click();
    await page.getByRole('option').first().click();
    await page.getByTestId('confirm-note').fill('12/3 にお電話で入社年月（2014年4月）を確認');
  };
  await screenshotAll(admin, 'registration-request-confirm', fill);
  await admin.reload();
  await fill(admin);
  await admin.getByTestId('match-confirm').click();
  await expect(
    admin.getByText('工藤 遥さんを照合し、会員として登録しました。登録完了のメールを送りました。'),
  ).toBeVisible();
  const matched = await admin.request.get(`/api/alumni/${record.id}`);
  expect(((await matched.json()) as { email: string }).email).toBe(namesakeOnly.email);
});
