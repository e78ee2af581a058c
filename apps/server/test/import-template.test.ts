import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createCompany, createTestContext, loginAs, type TestContext } from './helpers.js';

/** The template CSV to fill in, and Excel workbooks refused with how to save them as CSV. */
let ctx: TestContext;
let admin: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  const company = await createCompany(ctx);
  admin = (await loginAs(ctx, company.id, 'company_admin')).client;
});
afterAll(() => ctx.close());

function upload(step: 'preview' | 'apply', bytes: Buffer, lang: 'ja' | 'en' = 'ja') {
  return admin.request({
    method: 'POST',
    url: `/api/alumni/import/${step}`,
    headers: { 'content-type': 'text/csv' },
    payload: bytes,
    lang,
  });
}

async function byNumber(number: string) {
  const list = (await admin.get(`/api/alumni?q=${encodeURIComponent(number)}`)).json();
  return list.items.find((a: { employeeNumber: string }) => a.employeeNumber === number);
}
const total = async () => (await admin.get('/api/alumni?limit=1')).json().total as number;

describe('the template CSV', () => {
  it('downloads in UTF-8 with BOM and in CP932, and imports back cleanly', async () => {
    const utf8 = await admin.get('/api/alumni/import/template');
    expect(utf8.statusCode).toBe(200);
    expect(utf8.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(utf8.headers['content-disposition']).toContain('filename="alumni-import-template-utf8.csv"');
    expect(utf8.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('アルムナイ取り込みテンプレート_UTF-8.csv')}`,
    );
    expect([...utf8.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = utf8.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^社員番号,姓,名,セイ,メイ,メールアドレス,/);
    expect(lines[0]).toContain('退職区分');
    expect(lines).toHaveLength(3); // header, example, and the last line break

    const cp932 = await admin.get('/api/alumni/import/template?encoding=cp932');
    expect(cp932.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    expect(cp932.headers['content-disposition']).toContain('alumni-import-template-sjis.csv');
    expect(iconv.decode(cp932.rawPayload, 'cp932')).toBe(lines.join('\r\n'));

    for (const file of [utf8.rawPayload, cp932.rawPayload]) {
      const preview = (await upload('preview', file)).json();
      // every header is one the import recognises
      expect(Object.values(preview.mapping).filter((f) => f === null)).toEqual([]);
      expect(preview.problems).toEqual([]);
      expect(preview.summary).toEqual({ create: 1, update: 0, unchanged: 0, rejected: 0 });
    }
    expect((await upload('apply', cp932.rawPayload)).json().summary.create).toBe(1);
    const example = await byNumber('SAMPLE-001');
    const detail = (await admin.get(`/api/alumni/${example.id}`)).json();
    expect(detail).toMatchObject({
      familyName: '山田',
      givenName: '花子',
      familyNameKana: 'ヤマダ',
      leaveType: 'voluntary',
      leaveReasonCategory: 'career_growth',
      interests: ['rehire', 'side_job'],
      hasDecisionAuthority: false,
    });
    expect((await upload('apply', utf8.rawPayload)).json().summary).toMatchObject({
      create: 0,
      unchanged: 1,
    });
  });

  it('is for those who may import', async () => {
    const company = await createCompany(ctx);
    const { client: staff } = await loginAs(ctx, company.id, 'company_staff');
    expect((await staff.get('/api/alumni/import/template')).statusCode).toBe(403);
  });
});

describe('Excel workbooks', () => {
  // the first bytes are what counts: .xlsx is a ZIP archive, .xls an OLE2 compound file
  const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml…')]);
  const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(64)]);

  it('refuses them with how to save the sheet as CSV, in the user’s language', async () => {
    const before = await total();
    for (const file of [xlsx, xls]) {
      const ja = await upload('preview', file);
      expect(ja.statusCode).toBe(400);
      const [problem] = ja.json().error.fields;
      expect(problem.path).toBe('body');
      expect(problem.message).toContain('Excel のブック（.xlsx / .xls）はそのままでは取り込めません');
      expect(problem.message).toContain('［ファイル］＞［名前を付けて保存］');
      expect(problem.message).toContain('CSV UTF-8 (コンマ区切り) (*.csv)');
      expect(problem.message).toContain('CSV (コンマ区切り) (*.csv)');
      const en = (await upload('apply', file, 'en')).json();
      expect(en.error.fields[0].message).toContain('File > Save As');
    }
    expect(await total()).toBe(before);
  });
});
