import { type Browser, expect, type Page, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { createAlumnus, signInOncePerFile } from './helpers';

/**
 * The alumni register as HR staff use it: importing the HR system's Excel CSV (Shift_JIS),
 * searching Japanese names, and editing a record with its history.
 */

const stamp = String(Date.now()).slice(-7);

/**
 * One sign-in for the three journeys: sign-ins are rate limited per address (10 a minute, the
 * count reset only after a quiet minute), and the journeys after these sign in again.
 */
const open = signInOncePerFile('admin', 'operator');
const signedInAdmin = (browser: Browser, path: string) => open(browser, 'admin', path);

function cp932File(name: string, lines: string[]) {
  return { name, mimeType: 'text/csv', buffer: iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932') };
}

/** Types into the list's search box and waits for the list the server answers for it. */
async function search(page: Page, q: string) {
  const box = page.getByTestId('alumni-search');
  await Promise.all([
    page.waitForResponse(
      (r) => r.url().includes('/api/alumni?') && (new URL(r.url()).searchParams.get('q') ?? '') === q.trim(),
    ),
    box.fill(q),
  ]);
}

test('a company admin imports a Shift_JIS CSV, maps a column by hand, and finds the people', async ({
  browser,
}) => {
  // as Excel in Japan saves it: CP932, with 髙 and 﨑 (IBM extensions), ①, ～ and a quoted comma
  const first = cp932File('退職者一覧.csv', [
    '社員番号,氏名,フリガナ,メールアドレス,部署,入社日,退職日,退職区分,退職理由,保有資格',
    `K${stamp}1,髙橋 一郎,タカハシ イチロウ,takahashi.${stamp}@example.jp,営業部,2015/04/01,2024/03/31,自己都合,キャリアアップ,"普通自動車免許,TOEIC 800点"`,
    `K${stamp}2,山﨑 花子,ヤマザキ ハナコ,yamazaki.${stamp}@example.jp,開発部①,2018/10/01,2025/01/15,会社都合,転職～独立準備のため,`,
    `K${stamp}3,石田 三郎,イシダ サブロウ,,人事部,2010/04/01,2023/09/30,契約満了,,`,
  ]);

  const page = await signedInAdmin(browser, '/');
  await page.getByRole('navigation').getByRole('link', { name: 'インポート' }).click();
  await expect(page.getByRole('heading', { name: 'アルムナイの取り込み', level: 1 })).toBeVisible();

  // ① the file
  await expect(page.getByRole('button', { name: '次へ' })).toBeDisabled();
  await page.locator('input[type="file"]').setInputFiles(first);
  await expect(page.getByTestId('import-file')).toContainText('退職者一覧.csv');
  await page.getByRole('button', { name: '次へ' }).click();

  // ② the mapping: presets are filled in, the unknown column is mapped by hand
  await expect(page.getByText('文字コード: Shift_JIS（CP932）・データ 3行')).toBeVisible();
  await expect(page.getByRole('combobox', { name: '取り込み先: 氏名' })).toHaveValue(
    '氏名（姓と名を空白で区切る）',
  );
  await expect(page.getByRole('combobox', { name: '取り込み先: 退職日' })).toHaveValue('退職日');
  const unknown = page.getByTestId('mapping-row').filter({ hasText: '保有資格' });
  await expect(unknown).toContainText('未対応');
  // the first row's values, decoded in the browser, help to recognise the column
  await expect(unknown).toContainText('普通自動車免許,TOEIC 800点');
  await expect(unknown.getByRole('combobox')).toHaveValue('取り込まない');
  await page.getByRole('combobox', { name: '取り込み先: 保有資格' }).click();
  await page.getByRole('option', { name: 'スキル（「、」区切り）' }).click();
  await expect(page.getByRole('combobox', { name: '取り込み先: 保有資格' })).toHaveValue(
    'スキル（「、」区切り）',
  );
  // the mapping is kept for next month's file
  await page.getByRole('textbox', { name: '名前を付けて保存' }).fill(`人事システム ${stamp}`);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText(`対応付け「人事システム ${stamp}」を保存しました。`)).toBeVisible();
  await page.getByRole('button', { name: 'プレビューを表示' }).click();

  // ③ the preview
  await expect(page.getByTestId('summary-create-count')).toHaveText('3');
  await expect(page.getByTestId('summary-update-count')).toHaveText('0');
  await expect(page.getByTestId('summary-rejected-count')).toHaveText('0');
  await expect(page.getByTestId('import-sample').filter({ hasText: '髙橋 一郎' })).toContainText('新規');
  await expect(page.getByTestId('import-sample').filter({ hasText: '山﨑 花子' })).toContainText(
    `K${stamp}2`,
  );
  await expect(page.getByTestId('import-problem')).toHaveCount(0);

  // ④ apply
  await page.getByRole('button', { name: '3件を取り込む' }).click();
  await expect(page.getByRole('heading', { name: '取り込みが完了しました' })).toBeVisible();
  await expect(page.getByTestId('import-result-summary').getByTestId('summary-create-count')).toHaveText('3');

  // a second file: one row updates, one is broken
  await page.getByRole('button', { name: '別のファイルを取り込む' }).click();
  await page
    .locator('input[type="file"]')
    .setInputFiles(
      cp932File('退職者一覧_追加.csv', [
        '社員番号,氏名,フリガナ,メールアドレス,部署,入社日,退職日,退職区分,退職理由',
        `K${stamp}3,石田 三郎,イシダ サブロウ,,人事企画部,2010/04/01,2023/09/30,契約満了,`,
        `K${stamp}4,木村 四郎,キムラ シロウ,,総務部,2019/04/01,2024/13/45,不明,`,
        `K${stamp}5,林 五月,ハヤシ サツキ,,経理部,2020/04/01,2025/02/28,自己都合,家族の事情`,
      ]),
    );
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByText('データ 3行')).toBeVisible();
  await page.getByRole('combobox', { name: '保存した対応付け' }).click();
  await page.getByRole('option', { name: `人事システム ${stamp}` }).click();
  await expect(page.getByText(`「人事システム ${stamp}」の対応付けを適用しました。`)).toBeVisible();
  await page.getByRole('button', { name: 'プレビューを表示' }).click();
  await expect(page.getByTestId('summary-create-count')).toHaveText('1');
  await expect(page.getByTestId('summary-update-count')).toHaveText('1');
  await expect(page.getByTestId('summary-rejected-count')).toHaveText('1');
  const problems = page.getByTestId('import-problem');
  await expect(problems.filter({ hasText: '退職日' })).toContainText('3');
  await expect(problems.filter({ hasText: '退職区分' })).toContainText('退職区分が不明です');
  await expect(page.getByTestId('import-sample').filter({ hasText: '石田 三郎' })).toContainText('部署');
  // rejected rows block the import until the user chooses to leave them out
  const apply = page.getByTestId('import-apply');
  await expect(apply).toBeDisabled();
  await page.getByLabel('エラーの行を除いて取り込む').check();
  await expect(apply).toBeEnabled();
  await apply.click();
  await expect(page.getByRole('heading', { name: '取り込みが完了しました' })).toBeVisible();
  const result = page.getByTestId('import-result-summary');
  await expect(result.getByTestId('summary-create-count')).toHaveText('1');
  await expect(result.getByTestId('summary-update-count')).toHaveText('1');

  // the people are in the list
  await page.getByRole('link', { name: 'アルムナイ一覧を見る' }).click();
  await expect(page.getByRole('heading', { name: 'アルムナイ', level: 1 })).toBeVisible();
  const rows = page.getByTestId('alumnus-row');
  await search(page, '髙橋');
  await expect(rows.filter({ hasText: '髙橋 一郎' })).toContainText(`K${stamp}1`);
  // users type the common form: 高橋 finds 髙橋 (variant kanji fold in the search text only)
  await search(page, '高橋');
  await expect(rows.filter({ hasText: '髙橋 一郎' })).toContainText(`K${stamp}1`);
  await search(page, '山崎');
  const yamazaki = rows.filter({ hasText: '山﨑 花子' });
  await expect(yamazaki).toContainText('開発部①');
  await expect(yamazaki).toContainText('会社都合');
  await search(page, `K${stamp}4`);
  await expect(page.getByText('条件に一致するアルムナイはいません')).toBeVisible();

  // the record keeps every character, the quoted comma split into two skills
  await search(page, 'たかはし');
  await rows.filter({ hasText: '髙橋 一郎' }).getByRole('link', { name: '髙橋 一郎' }).click();
  await expect(page.getByRole('heading', { name: '髙橋 一郎', level: 1 })).toBeVisible();
  const current = page.getByRole('region', { name: '現在' });
  await expect(current.getByText('普通自動車免許', { exact: true })).toBeVisible();
  await expect(current.getByText('TOEIC 800点', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: '退職情報' })).toContainText('キャリアアップ');
  await expect(page.getByTestId('timeline-entry').first()).toContainText('CSV 取り込みで登録');
  await page.getByRole('link', { name: 'アルムナイ一覧' }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByTestId('alumni-search')).toHaveValue('たかはし');

  await search(page, '山﨑');
  await rows.getByRole('link', { name: '山﨑 花子' }).click();
  await expect(page.getByRole('region', { name: '退職情報' })).toContainText('転職～独立準備のため');
});

test('search tells 田中 from 中田 and finds kana written any way', async ({ browser }) => {
  const page = await signedInAdmin(browser, '/alumni');
  const tanaka = await createAlumnus(page, {
    familyName: '田中',
    givenName: '太郎',
    familyNameKana: 'タナカ',
    givenNameKana: 'タロウ',
    employeeNumber: `S${stamp}1`,
    department: '営業部',
    leftOn: '2024-06-30',
    leaveType: 'voluntary',
    interests: ['rehire', 'side_job'],
  });
  await createAlumnus(page, {
    familyName: '中田',
    givenName: '花子',
    familyNameKana: 'ナカタ',
    givenNameKana: 'ハナコ',
    employeeNumber: `S${stamp}2`,
    department: '開発部',
    leftOn: '2023-12-31',
    leaveType: 'company',
  });
  await page.reload();
  const rows = page.getByTestId('alumnus-row');
  const tanakaRow = rows.filter({ hasText: `S${stamp}1` });
  const nakataRow = rows.filter({ hasText: `S${stamp}2` });
  await expect(tanakaRow).toHaveCount(1);
  await expect(nakataRow).toHaveCount(1);

  await search(page, '田中');
  await expect(nakataRow).toHaveCount(0);
  await expect(tanakaRow).toHaveCount(1);
  await search(page, '中田');
  await expect(tanakaRow).toHaveCount(0);
  await expect(nakataRow).toHaveCount(1);
  // hiragana, katakana and half-width katakana all find the kana
  await search(page, 'たなか');
  await expect(nakataRow).toHaveCount(0);
  await expect(tanakaRow).toHaveCount(1);
  await search(page, 'ﾅｶﾀ ﾊﾅｺ');
  await expect(tanakaRow).toHaveCount(0);
  await expect(nakataRow).toHaveCount(1);
  await search(page, 'タナカタロウ');
  await expect(tanakaRow).toHaveCount(1);
  await expect(tanakaRow).toContainText('タナカ タロウ');
  await expect(tanakaRow).toContainText('再雇用');

  // the search is in the address: a reload keeps it
  await page.reload();
  await expect(page.getByTestId('alumni-search')).toHaveValue('タナカタロウ');
  await expect(tanakaRow).toHaveCount(1);

  // a filter narrows further: 田中 left in 2024
  await search(page, '');
  await page.getByRole('button', { name: '絞り込み' }).click();
  await page.getByRole('combobox', { name: '退職年' }).click();
  await page.getByRole('option', { name: '2023', exact: true }).click();
  await expect(tanakaRow).toHaveCount(0);
  await expect(nakataRow).toHaveCount(1);
  // the export takes the same filter; Shift_JIS for Excel
  await page.getByRole('button', { name: 'CSV 出力' }).click();
  const excel = page.getByRole('menuitem', { name: 'Shift_JIS（Excel 向け）' });
  const href = await excel.getAttribute('href');
  expect(href).toContain('leaveYear=2023');
  expect(href).toContain('encoding=cp932');
  const exported = await page.request.get(href!);
  expect(exported.headers()['content-disposition']).toContain('attachment');
  const csv = iconv.decode(await exported.body(), 'cp932');
  expect(csv).toContain(`S${stamp}2`);
  expect(csv).not.toContain(`S${stamp}1`);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '条件をクリア' }).click();
  await expect(tanakaRow).toHaveCount(1);

  await tanakaRow.getByRole('link', { name: '田中 太郎' }).click();
  await expect(page).toHaveURL(new RegExp(`/alumni/${tanaka.id}$`));
  await expect(page.getByRole('heading', { name: '田中 太郎', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: '在籍情報' })).toContainText('営業部');
});

test('a record is added with the form, edited, and the change shows in its history', async ({ browser }) => {
  const page = await signedInAdmin(browser, '/alumni');
  await page.getByRole('link', { name: 'アルムナイを追加' }).click();
  await expect(page.getByRole('heading', { name: 'アルムナイの追加', level: 1 })).toBeVisible();

  // the contract's own checks speak before anything is sent
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(
    page.getByRole('region', { name: '基本情報' }).getByText('必須項目です。').first(),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: '退職情報' }).getByText('必須項目です。').first(),
  ).toBeVisible();

  const basic = page.getByRole('region', { name: '基本情報' });
  await basic.getByRole('textbox', { name: '姓', exact: true }).fill('渡部');
  await basic.getByRole('textbox', { name: '名', exact: true }).fill('誠');
  await basic.getByLabel('セイ').fill('わたなべ'); // hiragana becomes katakana
  await basic.getByLabel('メイ').fill('マコト');
  await basic.getByLabel('メールアドレス').fill(`watanabe.${stamp}@example.jp`);
  await basic.getByLabel('社員番号').fill(`F${stamp}1`);
  const employment = page.getByRole('region', { name: '在籍情報' });
  await employment.getByLabel('部署').fill('マーケティング部');
  await employment.getByLabel('入社日').fill('2016-04-01');
  const leaving = page.getByRole('region', { name: '退職情報' });
  await leaving.getByLabel('退職日').fill('2015-03-31');
  await leaving.getByRole('combobox', { name: '退職区分' }).click();
  await page.getByRole('option', { name: '自己都合' }).click();
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(leaving.getByText('退職日は入社日より後にしてください。')).toBeVisible();
  await leaving.getByLabel('退職日').fill('2025-03-31');
  await page.getByRole('region', { name: '社内メモ' }).getByRole('textbox').fill('出戻りに前向き。');
  await page.getByRole('switch', { name: 'この方には連絡しない' }).check();
  await page.getByLabel('連絡不可の理由').fill('本人から連絡停止の希望あり');
  await page.getByRole('button', { name: '登録する' }).click();

  await expect(page.getByRole('heading', { name: '渡部 誠', level: 1 })).toBeVisible();
  await expect(page.getByText('ワタナベ マコト').first()).toBeVisible();
  await expect(page.getByTestId('do-not-contact')).toContainText('本人から連絡停止の希望あり');
  await expect(page.getByRole('region', { name: '社内メモ' })).toContainText(
    '社内のみ・本人には表示されません',
  );
  await expect(page.getByTestId('timeline-entry')).toHaveCount(1);
  await expect(page.getByTestId('timeline-entry').first()).toContainText('登録');
  await expect(page.getByTestId('timeline-entry').first()).toContainText('佐藤 恵子');
  const detailUrl = page.url();
  const id = detailUrl.split('/').pop()!;

  // a duplicate employee number is refused by the server, under the field
  await page.goto('/alumni/new');
  await page.getByRole('textbox', { name: '姓', exact: true }).fill('重複');
  await page.getByRole('textbox', { name: '名', exact: true }).fill('確認');
  await page.getByLabel('社員番号').fill(`F${stamp}1`);
  await page.getByLabel('退職日').fill('2025-01-31');
  await page.getByRole('combobox', { name: '退職区分' }).click();
  await page.getByRole('option', { name: 'その他' }).click();
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByText('この社員番号は既に登録されています。')).toBeVisible();

  // edit: department and current company
  await page.goto(detailUrl);
  await page.getByRole('link', { name: '編集' }).click();
  await expect(page.getByRole('heading', { name: '渡部 誠さんの情報を編集' })).toBeVisible();
  await page.getByLabel('部署').fill('新規事業部');
  await page.getByLabel('現在の勤務先').fill('株式会社みらい');
  await page.getByRole('switch', { name: '勤務先で決裁権を持っている' }).check();
  await page.getByRole('button', { name: '変更を保存' }).click();
  await expect(page.getByText('変更を保存しました。')).toBeVisible();
  await expect(page).toHaveURL(detailUrl);
  await expect(page.getByRole('region', { name: '在籍情報' })).toContainText('新規事業部');
  await expect(page.getByRole('region', { name: '現在' })).toContainText('株式会社みらい');
  const latest = page.getByTestId('timeline-entry').first();
  await expect(latest).toContainText('情報を更新');
  await expect(latest).toContainText('部署');
  await expect(latest).toContainText('現在の勤務先');
  await expect(latest).toContainText('決裁権');
  await expect(page.getByTestId('timeline-entry')).toHaveCount(2);

  // someone else saves while we edit: our save is refused, the latest version is loaded
  await page.getByRole('link', { name: '編集' }).click();
  await page.getByRole('textbox', { name: '役職', exact: true }).fill('課長');
  const current = await (await page.request.get(`/api/alumni/${id}`)).json();
  const {
    id: _id,
    isRegistered: _r,
    version,
    createdAt: _c,
    updatedAt: _u,
    eligibility: _e,
    ...input
  } = current;
  const other = await page.request.put(`/api/alumni/${id}`, {
    data: { version, alumnus: { ...input, position: '部長' } },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(other.status()).toBe(200);
  await page.getByRole('button', { name: '変更を保存' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'ほかの人がこの情報を更新しました' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: '役職', exact: true })).toHaveValue('部長');
  await page.getByRole('textbox', { name: '役職', exact: true }).fill('課長');
  await page.getByRole('button', { name: '変更を保存' }).click();
  await expect(page.getByRole('region', { name: '在籍情報' })).toContainText('課長');
  await expect(page.getByTestId('timeline-entry')).toHaveCount(4);
  await expect(page.getByTestId('timeline-entry').first()).toContainText('役職');
});

test('a large file shows how many records are written while it imports', async ({ browser }) => {
  // in a company of its own (30,000 leavers would crowd the demo company's list for other journeys)
  const page = await open(browser, 'operator', '/companies');
  const suffix = Date.now().toString(36);
  const created = await page.request.post('/api/tenants', {
    data: { name: `大量取込商事 ${suffix}`, slug: `bulk-${suffix}` },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(created.ok()).toBe(true);
  const { id: tenantId } = await created.json();
  const switched = await page.request.put('/api/me/active-tenant', {
    data: { tenantId },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(switched.ok()).toBe(true);
  const rows = Array.from(
    { length: 30_000 },
    (_, i) => `B${i},大量 ${i}号,タイリョウ ゴウ,営業部,2019/04/01,2024/03/31,自己都合`,
  );
  await page.goto('/alumni/import');
  await page
    .locator('input[type="file"]')
    .setInputFiles(cp932File('大量.csv', ['社員番号,氏名,フリガナ,部署,入社日,退職日,退職区分', ...rows]));
  await page.getByRole('button', { name: '次へ' }).click();
  await page.getByRole('button', { name: 'プレビューを表示' }).click();
  await expect(page.getByTestId('summary-create-count')).toHaveText('30,000');
  await page.getByTestId('import-apply').click();
  // the server reports the records written of the total while the one transaction runs
  const progress = page.getByTestId('import-progress');
  await expect(
    progress.getByText(/\/ 30,000 件を書き込みました|30,000 件を書き込みました。保存しています/),
  ).toBeVisible();
  await progress.screenshot({ path: 'test-results/screenshots/import-progress-desktop-ja.png' });
  await expect(page.getByRole('heading', { name: '取り込みが完了しました' })).toBeVisible({
    timeout: 120_000,
  });
  await expect(page.getByTestId('import-result-summary').getByTestId('summary-create-count')).toHaveText(
    '30,000',
  );
});
