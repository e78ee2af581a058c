import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createCompany, createTestContext, loginAs, type TestContext } from './helpers.js';

/**
 * Import mappings that fill what the file lacks: one value for every row ("all rows: 自己都合"),
 * the file's own words read as ours (依願退職 → 自己都合), and 定年退職.
 */
let ctx: TestContext;
let admin: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  const company = await createCompany(ctx);
  admin = (await loginAs(ctx, company.id, 'company_admin')).client;
});
afterAll(() => ctx.close());

type Query = { mapping?: object; defaults?: object; values?: object; skipInvalid?: boolean };
function upload(step: 'preview' | 'apply', bytes: Buffer, query: Query = {}, lang: 'ja' | 'en' = 'ja') {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    params.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  return admin.request({
    method: 'POST',
    url: `/api/alumni/import/${step}?${params}`,
    headers: { 'content-type': 'text/csv' },
    payload: bytes,
    lang,
  });
}
const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`);

async function byNumber(number: string) {
  const list = (await admin.get(`/api/alumni?q=${encodeURIComponent(number)}`)).json();
  return list.items.find((a: { employeeNumber: string }) => a.employeeNumber === number);
}
const total = async () => (await admin.get('/api/alumni?limit=1')).json().total as number;

// a leavers file as some HR systems write it: no 退職区分 column at all
const NO_LEAVE_TYPE = csv([
  '社員番号,氏名,退職日',
  'D-1,青木 一郎,2024/03/31',
  'D-2,石井 二郎,2024/04/30',
  'D-3,上田 三郎,2024/05/31',
]);

describe('one value for all rows', () => {
  it('names the missing field and how to give it, in the user’s language', async () => {
    const ja = (await upload('preview', NO_LEAVE_TYPE)).json();
    expect(ja.summary.rejected).toBe(3);
    expect(ja.problems).toEqual([
      {
        row: 1,
        column: null,
        message:
          '必須の項目「退職区分」の列がありません。列を対応付けるか、すべての行に使う値を指定してください',
      },
    ]);
    const en = (await upload('preview', NO_LEAVE_TYPE, {}, 'en')).json();
    expect(en.problems[0].message).toBe(
      'The required field "leave type" has no column. Map a column to it, or give one value for all rows.',
    );
  });

  it('imports every row with the default 自己都合, and the preview shows it', async () => {
    const preview = (await upload('preview', NO_LEAVE_TYPE, { defaults: { leaveType: 'voluntary' } })).json();
    expect(preview.summary).toEqual({ create: 3, update: 0, unchanged: 0, rejected: 0 });
    expect(preview.defaults).toEqual({ leaveType: 'voluntary' });
    expect(preview.samples.map((s: { leaveType: string }) => s.leaveType)).toEqual([
      'voluntary',
      'voluntary',
      'voluntary',
    ]);
    // a label works as well as a code, as in a cell
    const res = await upload('apply', NO_LEAVE_TYPE, { defaults: { leaveType: '自己都合' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().summary.create).toBe(3);
    for (const n of ['D-1', 'D-2', 'D-3']) expect((await byNumber(n)).leaveType).toBe('voluntary');
  });

  it('leaves a value a record already has (a default never overwrites), and gives way to a column', async () => {
    const d1 = await byNumber('D-1');
    const edited = await admin.put(`/api/alumni/${d1.id}`, {
      version: 1,
      alumnus: {
        familyName: '青木',
        givenName: '一郎',
        leftOn: '2024-03-31',
        leaveType: 'company',
        employeeNumber: 'D-1',
      },
    });
    expect(edited.statusCode).toBe(200);
    const again = (
      await upload('preview', NO_LEAVE_TYPE, { defaults: { leaveType: 'voluntary', department: '営業部' } })
    ).json();
    expect(again.summary).toEqual({ create: 0, update: 3, unchanged: 0, rejected: 0 });
    expect(again.samples[0]).toMatchObject({
      employeeNumber: 'D-1',
      leaveType: 'company',
      changed: ['department'],
    });
    // with a 退職区分 column, the column holds the value: the default is not used
    const withColumn = csv(['社員番号,氏名,退職日,退職区分', 'D-9,江藤 九郎,2024/03/31,会社都合']);
    const mixed = (await upload('preview', withColumn, { defaults: { leaveType: 'voluntary' } })).json();
    expect(mixed.defaults).toEqual({});
    expect(mixed.samples[0].leaveType).toBe('company');
  });

  it('says so when the value for all rows is not one it can read', async () => {
    const res = (await upload('preview', NO_LEAVE_TYPE, { defaults: { leaveType: '円満退社' } })).json();
    expect(res.summary.rejected).toBe(3);
    expect(res.problems[0]).toEqual({
      row: 1,
      column: null,
      message:
        'すべての行に使う値（退職区分）：退職区分が不明です：「円満退社」（自己都合・会社都合・契約満了・定年退職・その他のいずれか。ファイル独自の値は、列の対応付けで読み替えを指定できます）',
    });
    const date = (
      await upload('preview', csv(['氏名,退職区分', '古田 一,自己都合']), {
        defaults: { leftOn: '2024-02-30' },
      })
    ).json();
    expect(date.problems[0].message).toBe(
      'すべての行に使う値（退職日）：日付は 2019/04/01・2019-04-01・2019年4月1日 の形式で入力してください。',
    );
    const fine = (
      await upload('preview', csv(['氏名,退職区分', '古田 一,自己都合']), {
        defaults: { leftOn: '2024/3/31', tags: '2024年3月、一括' },
      })
    ).json();
    expect(fine.summary.create).toBe(1);
    expect((await upload('preview', NO_LEAVE_TYPE, { defaults: { familyName: '山田' } })).statusCode).toBe(
      400,
    );
  });
});

// the file's own words for the leave type
const OWN_WORDS = csv([
  '社員番号,氏名,退職日,退職事由',
  'V-1,加藤 一,2024/03/31,依願退職',
  'V-2,木下 二,2024/03/31,会社都合退職',
  'V-3,久保 三,2024/03/31,依願退職',
  'V-4,小池 四,2024/03/31,定年',
]);
const OWN_MAPPING = { 退職事由: 'leaveType' };

describe('the file’s own values read as ours', () => {
  it('reports each column’s values, and an unknown one is a clear error per row', async () => {
    const before = await total();
    const preview = (await upload('preview', OWN_WORDS, { mapping: OWN_MAPPING })).json();
    expect(preview.distinctValues.退職事由).toEqual([
      { value: '依願退職', rows: 2 },
      { value: '会社都合退職', rows: 1 },
      { value: '定年', rows: 1 },
    ]);
    expect(preview.summary).toEqual({ create: 2, update: 0, unchanged: 0, rejected: 2 });
    expect(preview.problems).toEqual(
      [2, 4].map((row) => ({
        row,
        column: '退職事由',
        message:
          '退職区分が不明です：「依願退職」（自己都合・会社都合・契約満了・定年退職・その他のいずれか。ファイル独自の値は、列の対応付けで読み替えを指定できます）',
      })),
    );
    const en = (await upload('preview', OWN_WORDS, { mapping: OWN_MAPPING }, 'en')).json();
    expect(en.problems[0].message).toBe(
      'Unknown leave type: “依願退職” (use one of Voluntary, Company decision, Contract end, Mandatory retirement, Other; the column mapping can read the file’s own values as ours)',
    );
    // applying is refused, and nothing is written
    const refused = await upload('apply', OWN_WORDS, { mapping: OWN_MAPPING });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0]).toMatchObject({ path: 'row 2 / 退職事由' });
    expect(await total()).toBe(before);
  });

  it('applies a value map (依願退職 → 自己都合) and stores 定年退職', async () => {
    const values = { leaveType: { 依願退職: 'voluntary', ' 会社都合退職 ': 'company' } };
    const preview = (await upload('preview', OWN_WORDS, { mapping: OWN_MAPPING, values })).json();
    expect(preview.summary).toEqual({ create: 4, update: 0, unchanged: 0, rejected: 0 });
    expect(preview.samples.map((s: { leaveType: string }) => s.leaveType)).toEqual([
      'voluntary',
      'company',
      'voluntary',
      'retirement',
    ]);
    expect((await upload('apply', OWN_WORDS, { mapping: OWN_MAPPING, values })).json().summary.create).toBe(
      4,
    );
    expect((await byNumber('V-1')).leaveType).toBe('voluntary');
    expect((await byNumber('V-2')).leaveType).toBe('company');
    expect((await byNumber('V-4')).leaveType).toBe('retirement');
    // a value map may name our code for a blank cell too, and refuses codes we do not have
    const blank = csv(['氏名,退職日,退職区分', '佐野 五,2024/03/31,']);
    expect((await upload('preview', blank)).json().problems[0].message).toMatch(/^退職区分が不明です：空欄/);
    expect(
      (await upload('preview', blank, { values: { leaveType: { '': 'other' } } })).json().summary.create,
    ).toBe(1);
    expect((await upload('preview', blank, { values: { leaveType: { '': 'quit' } } })).statusCode).toBe(400);
  });

  it('reads 定年退職 as a leave type: in a cell, the list filter and the export', async () => {
    const file = csv([
      '社員番号,氏名,退職日,退職区分',
      'R-1,高田 六郎,2024/03/31,定年退職',
      'R-2,千葉 七子,2024/03/31,Mandatory retirement',
    ]);
    expect((await upload('apply', file)).json().summary.create).toBe(2);
    const list = (await admin.get('/api/alumni?leaveType=retirement&limit=50')).json();
    expect(list.items.map((a: { employeeNumber: string }) => a.employeeNumber).sort()).toEqual([
      'R-1',
      'R-2',
      'V-4',
    ]);
    const exported = (await admin.get('/api/alumni/export?leaveType=retirement')).body;
    expect(exported).toContain('定年退職');
    // a rehire policy may list every leave type, 定年退職 included
    const policy = await admin.put('/api/rehire-policy', {
      version: 0,
      policy: { allowedLeaveTypes: ['voluntary', 'company', 'contract_end', 'retirement', 'other'] },
    });
    expect(policy.statusCode).toBe(200);
  });

  it('keeps the values for all rows and the value maps in a saved mapping', async () => {
    const saved = {
      name: '退職者ファイル（区分なし）',
      columns: { 社員番号: 'employeeNumber', 氏名: 'fullName', 退職日: 'leftOn', 退職事由: 'leaveType' },
      defaults: { leaveType: 'voluntary', tags: '一括取り込み' },
      values: { leaveType: { 依願退職: 'voluntary', 会社都合退職: 'company' } },
    };
    const res = await admin.put('/api/alumni/import/mappings', saved);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject(saved);
    const list = (await admin.get('/api/alumni/import/mappings')).json();
    expect(list.find((m: { name: string }) => m.name === saved.name)).toMatchObject(saved);
    // an older client saving columns only gets empty ones back
    const plain = (
      await admin.put('/api/alumni/import/mappings', { name: '列だけ', columns: { ID: 'employeeNumber' } })
    ).json();
    expect(plain).toMatchObject({ defaults: {}, values: {} });
    const bad = await admin.put('/api/alumni/import/mappings', {
      ...saved,
      values: { leaveType: { 依願退職: 'quit' } },
    });
    expect(bad.statusCode).toBe(400);
  });
});
