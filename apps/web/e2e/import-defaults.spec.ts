import { mkdirSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { type Lang, type Size, setLanguage, settle, signInOncePerFile, sizes } from './helpers';

/**
 * The import's mapping step for files that lack a column or speak their own words: one value for
 * all rows (退職区分: 自己都合), the file's values read as ours (依願退職 → 自己都合), the template
 * downloads, and an Excel workbook explained instead of uploaded.
 */

const stamp = String(Date.now()).slice(-7);
const open = signInOncePerFile('admin');
const signedInAdmin = (browser: Browser) => open(browser, 'admin', '/alumni/import');
/** Where the mapping step's pictures go (the CI artifacts folder unless told otherwise). */
const SHOTS = process.env.IMPORT_SHOTS_DIR ?? 'test-results/screenshots';

function cp932File(name: string, lines: string[]) {
  return { name, mimeType: 'text/csv', buffer: iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932') };
}

/** A leavers file without a 退職区分 column. */
const withoutLeaveType = (prefix: string) =>
  cp932File('退職者_区分なし.csv', [
    '社員番号,氏名,フリガナ,部署,退職日',
    `${prefix}${stamp}1,大野 一樹,オオノ カズキ,営業部,2025/03/31`,
    `${prefix}${stamp}2,岡本 二葉,オカモト フタバ,開発部,2025/03/31`,
    `${prefix}${stamp}3,小川 三奈,オガワ ミナ,総務部,2025/04/30`,
  ]);

async function toMapping(page: Page, file: ReturnType<typeof cp932File>) {
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByRole('button', { name: /^(次へ|Next)$/ }).click();
  await expect(page.getByTestId('import-defaults')).toBeVisible();
}

test('a file without 退職区分 imports with one value for all rows', async ({ browser }) => {
  const page = await signedInAdmin(browser);
  await toMapping(page, withoutLeaveType('N'));

  // the required field has no column: offered as a value for all rows, and the preview waits for it
  const row = page.getByTestId('default-row').filter({ hasText: '退職区分' });
  await expect(row).toContainText('列なし・すべての行にこの値');
  await expect(row).toContainText('必須');
  await expect(
    page.getByRole('alert').filter({ hasText: '必須の項目に列も値もありません: 退職区分' }),
  ).toBeVisible();
  const toPreview = page.getByRole('button', { name: 'プレビューを表示' });
  await expect(toPreview).toBeDisabled();
  await page.getByRole('combobox', { name: 'すべての行: 退職区分' }).click();
  await page.getByRole('option', { name: '自己都合' }).click();
  await expect(toPreview).toBeEnabled();
  await expect(page.getByRole('alert').filter({ hasText: '必須の項目' })).toHaveCount(0);

  // another field can take a value too, and be removed again
  await page.getByTestId('add-default').click();
  await page.getByRole('option', { name: 'タグ（「、」区切り）' }).click();
  await page.getByRole('textbox', { name: 'すべての行: タグ（「、」区切り）' }).fill(`一括${stamp}`);

  // the preview says what went in, and every row has it
  await toPreview.click();
  await expect(page.getByTestId('summary-create-count')).toHaveText('3');
  await expect(page.getByTestId('summary-rejected-count')).toHaveText('0');
  const used = page.getByTestId('default-used');
  await expect(used.filter({ hasText: '退職区分' })).toHaveText('退職区分: 自己都合');
  await expect(used.filter({ hasText: 'タグ' })).toContainText(`一括${stamp}`);
  for (const name of ['大野 一樹', '岡本 二葉', '小川 三奈'])
    await expect(page.getByTestId('import-sample').filter({ hasText: name })).toContainText('自己都合');

  await page.getByRole('button', { name: '3件を取り込む' }).click();
  await expect(page.getByRole('heading', { name: '取り込みが完了しました' })).toBeVisible();
  const list = await page.request.get(`/api/alumni?tag=${encodeURIComponent(`一括${stamp}`)}`);
  const { items } = (await list.json()) as { items: { leaveType: string }[] };
  expect(items.map((a) => a.leaveType)).toEqual(['voluntary', 'voluntary', 'voluntary']);
});

test('the file’s own leave types are read as ours, and the mapping keeps them', async ({ browser }) => {
  const page = await signedInAdmin(browser);
  await toMapping(
    page,
    cp932File('退職者_事由.csv', [
      '社員番号,氏名,退職日,退職事由',
      `W${stamp}1,川口 一,2025/03/31,依願退職`,
      `W${stamp}2,北村 二,2025/03/31,会社都合退職`,
      `W${stamp}3,熊谷 三,2025/03/31,依願退職`,
      `W${stamp}4,黒田 四,2025/03/31,定年`,
    ]),
  );
  await page.getByRole('combobox', { name: '取り込み先: 退職事由' }).click();
  await page.getByRole('option', { name: '退職区分', exact: true }).click();

  // each different value of the column, with what it is read as
  const values = page.getByTestId('value-map');
  await expect(values).toContainText('ファイルの値の読み替え（退職区分）');
  const rows = page.getByTestId('value-map-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: '依願退職' })).toContainText('2行');
  await expect(page.getByRole('combobox', { name: '退職事由「定年」の読み替え' })).toHaveAttribute(
    'placeholder',
    '自動: 定年退職',
  );
  // 会社都合退職 is 会社都合 + 退職: read by itself
  await expect(page.getByRole('combobox', { name: '退職事由「会社都合退職」の読み替え' })).toHaveAttribute(
    'placeholder',
    '自動: 会社都合',
  );
  await expect(page.getByTestId('unmatched-values')).toContainText('1種類あります（依願退職）');
  await page.getByRole('combobox', { name: '退職事由「依願退職」の読み替え' }).click();
  await page.getByRole('option', { name: '自己都合' }).click();
  await expect(page.getByTestId('unmatched-values')).toHaveCount(0);
  // no column is missing: no value for all rows is asked for
  await expect(page.getByTestId('default-row')).toHaveCount(0);

  await page.getByRole('textbox', { name: '名前を付けて保存' }).fill(`事由つき ${stamp}`);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText(`対応付け「事由つき ${stamp}」を保存しました。`)).toBeVisible();

  await page.getByRole('button', { name: 'プレビューを表示' }).click();
  await expect(page.getByTestId('summary-create-count')).toHaveText('4');
  await expect(page.getByTestId('summary-rejected-count')).toHaveText('0');
  await expect(page.getByTestId('import-additions')).toContainText('依願退職 → 自己都合');
  await expect(page.getByTestId('import-sample').filter({ hasText: '黒田 四' })).toContainText('定年退職');
  await expect(page.getByTestId('import-sample').filter({ hasText: '北村 二' })).toContainText('会社都合');

  const saved = await page.request.get('/api/alumni/import/mappings');
  const mine = ((await saved.json()) as { name: string; values: unknown }[]).find(
    (m) => m.name === `事由つき ${stamp}`,
  );
  expect(mine?.values).toEqual({ leaveType: { 依願退職: 'voluntary' } });
});

test('an Excel workbook is explained, and the templates are at hand', async ({ browser }) => {
  const page = await signedInAdmin(browser);
  await page.locator('input[type="file"]').setInputFiles({
    name: '退職者一覧.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
  });
  const excel = page.getByTestId('import-excel');
  await expect(excel).toContainText('Excel のファイルはそのままでは取り込めません');
  await expect(excel).toContainText('［ファイル］＞［名前を付けて保存］');
  await expect(excel).toContainText('CSV UTF-8 (コンマ区切り) (*.csv)');
  await expect(page.getByRole('button', { name: '次へ' })).toBeDisabled();

  const template = page.getByTestId('import-template');
  for (const [name, encoding] of [
    ['Excel 用（Shift_JIS）', 'cp932'],
    ['UTF-8（BOM 付き）', 'utf8'],
  ] as const) {
    const link = template.getByRole('link', { name });
    await expect(link).toHaveAttribute('href', `/api/alumni/import/template?encoding=${encoding}`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(
      `アルムナイ取り込みテンプレート_${encoding === 'cp932' ? 'Shift_JIS' : 'UTF-8'}.csv`,
    );
  }
});

test('pictures of the mapping step with a value for all rows', async ({ browser }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const page = await signedInAdmin(browser);
  for (const size of Object.keys(sizes) as Size[])
    for (const lang of ['ja', 'en'] as Lang[]) {
      await page.setViewportSize(sizes[size]);
      await setLanguage(page, lang);
      await page.goto('/alumni/import');
      await settle(page);
      await page.locator('input[type="file"]').setInputFiles({
        name: '退職者一覧.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      });
      await expect(page.getByTestId('import-excel')).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/import-file-excel-${size}-${lang}.png`, fullPage: true });
      await toMapping(
        page,
        cp932File('退職者_区分なし.csv', [
          '社員番号,氏名,フリガナ,部署,退職日,退職事由',
          `S${stamp}1,大野 一樹,オオノ カズキ,営業部,2025/03/31,依願退職`,
          `S${stamp}2,岡本 二葉,オカモト フタバ,開発部,2025/03/31,一身上の都合`,
          `S${stamp}3,小川 三奈,オガワ ミナ,総務部,2025/04/30,依願退職`,
        ]),
      );
      const label = lang === 'ja' ? 'すべての行: 退職区分' : 'All rows: Leave type';
      await page.getByRole('combobox', { name: label }).click();
      await page.getByRole('option', { name: lang === 'ja' ? '自己都合' : 'Voluntary' }).click();
      await page.getByTestId('add-default').click();
      await page
        .getByRole('option', { name: lang === 'ja' ? 'タグ（「、」区切り）' : 'Tags (comma-separated)' })
        .click();
      await page
        .getByRole('textbox', {
          name: lang === 'ja' ? 'すべての行: タグ（「、」区切り）' : 'All rows: Tags (comma-separated)',
        })
        .fill(lang === 'ja' ? '2025年3月退職' : 'March 2025');
      const shoot = async (name: string) => {
        await page.mouse.click(1, 1);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${SHOTS}/${name}-${size}-${lang}.png`, fullPage: true });
      };
      await shoot('import-mapping-default');
      // the same file with its own column read as 退職区分: each of its values and what it means
      await page
        .getByRole('combobox', { name: `${lang === 'ja' ? '取り込み先' : 'Import as'}: 退職事由` })
        .click();
      await page
        .getByRole('option', { name: lang === 'ja' ? '退職区分' : 'Leave type', exact: true })
        .click();
      await page
        .getByRole('combobox', {
          name: lang === 'ja' ? '退職事由「依願退職」の読み替え' : 'What “依願退職” in 退職事由 means',
        })
        .click();
      await page.getByRole('option', { name: lang === 'ja' ? '自己都合' : 'Voluntary' }).click();
      await shoot('import-mapping-values');
      await page.getByRole('button', { name: lang === 'ja' ? 'プレビューを表示' : 'Show preview' }).click();
      await expect(page.getByTestId('import-additions')).toBeVisible();
      await shoot('import-preview-default');
    }
  await setLanguage(page, 'ja');
});
