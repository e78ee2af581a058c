import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alumni } from '../src/modules/alumni/tables.js';
import { type Client, createCompany, createTestContext, loginAs, type TestContext } from './helpers.js';

let ctx: TestContext;
let tenantId: string;
let admin: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (await createCompany(ctx, '株式会社さくら')).id;
  admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
});
afterAll(() => ctx.close());

const leaver = (over: Record<string, unknown> = {}) => ({
  familyName: '田中',
  givenName: '太郎',
  familyNameKana: 'タナカ',
  givenNameKana: 'タロウ',
  leftOn: '2023-03-31',
  leaveType: 'voluntary',
  ...over,
});

function upload(client: Client, path: string, bytes: Buffer, query = '') {
  return client.request({
    method: 'POST',
    url: `/api/alumni/import/${path}${query ? `?${query}` : ''}`,
    headers: { 'content-type': 'text/csv' },
    payload: bytes,
  });
}

const cp932 = (text: string) => iconv.encode(text, 'cp932');
const HEADER =
  '社員番号,姓,名,セイ,メイ,メールアドレス,部署,役職,入社年月日,退職年月日,退職区分,退職理由\r\n';

describe('leaver records', () => {
  it('adds, reads (audited), edits with a version, and shows the history', async () => {
    const created = await admin.post(
      '/api/alumni',
      leaver({ email: 'Taro@Example.com', employeeNumber: 'A-1', interests: ['rehire'] }),
    );
    expect(created.statusCode).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({
      email: 'taro@example.com',
      version: 1,
      isRegistered: false,
      interests: ['rehire'],
    });

    expect((await admin.get(`/api/alumni/${a.id}`)).json().familyName).toBe('田中');
    const edited = await admin.put(`/api/alumni/${a.id}`, {
      version: 1,
      alumnus: leaver({
        email: 'taro@example.com',
        employeeNumber: 'A-1',
        currentCompany: '株式会社みらい',
        hasDecisionAuthority: true,
      }),
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, currentCompany: '株式会社みらい' });

    const stale = await admin.put(`/api/alumni/${a.id}`, {
      version: 1,
      alumnus: leaver({ givenName: '次郎' }),
    });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get(`/api/alumni/${a.id}`)).json().givenName).toBe('太郎');

    const timeline = (await admin.get(`/api/alumni/${a.id}/timeline`)).json().items;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['alumnus.update', 'alumnus.create']);
    expect(timeline[0].detail.fields).toEqual(
      expect.arrayContaining(['currentCompany', 'hasDecisionAuthority', 'interests']),
    );
    const reads = (await admin.get('/api/audit?action=alumnus.read')).json().items;
    expect(reads.filter((e: { subjectId: string }) => e.subjectId === a.id)).toHaveLength(2);
  });

  it('rejects bad input with field messages and a clash on employee number', async () => {
    const bad = await admin.post(
      '/api/alumni',
      leaver({ familyName: '', leftOn: '2023/13/01', joinedOn: '2024-01-01', email: 'nope' }),
    );
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.familyName', 'body.leftOn', 'body.email']));
    await admin.post('/api/alumni', leaver({ employeeNumber: 'DUP-1' }));
    const dup = await admin.post('/api/alumni', leaver({ employeeNumber: 'DUP-1' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual([
      { path: 'body.employeeNumber', message: 'この社員番号は既に登録されています。' },
    ]);
    const order = await admin.post('/api/alumni', leaver({ joinedOn: '2024-01-01', leftOn: '2023-01-01' }));
    expect(order.json().error.fields).toEqual([
      { path: 'body.leftOn', message: '退職日は入社日より後にしてください。' },
    ]);
  });
});

describe('search by name in kanji or kana', () => {
  let company: string;
  let client: Client;
  beforeAll(async () => {
    company = (await createCompany(ctx, '検索株式会社')).id;
    client = (await loginAs(ctx, company, 'company_staff')).client;
    for (const p of [
      { familyName: '田中', givenName: '一郎', familyNameKana: 'タナカ', givenNameKana: 'イチロウ' },
      { familyName: '田中', givenName: '花子', familyNameKana: 'たなか', givenNameKana: 'はなこ' },
      { familyName: '中田', givenName: '次郎', familyNameKana: 'ナカタ', givenNameKana: 'ジロウ' },
      { familyName: '髙橋', givenName: '誠', familyNameKana: 'ﾀｶﾊｼ', givenNameKana: 'ﾏｺﾄ' },
      { familyName: '高橋', givenName: '茂', familyNameKana: 'タカハシ', givenNameKana: 'シゲル' },
      {
        familyName: 'Smith',
        givenName: 'Anna',
        familyNameKana: null,
        givenNameKana: null,
        currentCompany: 'ACME〜Japan',
      },
    ])
      expect((await client.post('/api/alumni', leaver(p))).statusCode).toBe(201);
  });
  const names = async (query: string) =>
    (await client.get(`/api/alumni?${query}&sort=kana_asc`))
      .json()
      .items.map((a: { familyName: string; givenName: string }) => `${a.familyName}${a.givenName}`);

  it('finds a two-character family name, and not its reversal', async () => {
    expect(await names(`q=${encodeURIComponent('田中')}`)).toEqual(['田中一郎', '田中花子']);
  });
  it('matches kana typed in hiragana, katakana or half-width', async () => {
    expect(await names(`q=${encodeURIComponent('たなか')}`)).toEqual(['田中一郎', '田中花子']);
    expect(await names(`q=${encodeURIComponent('タカハシ')}`)).toEqual(['高橋茂', '髙橋誠']);
    expect(await names(`q=${encodeURIComponent('ﾅｶﾀ')}`)).toEqual(['中田次郎']);
    // furigana is kept as full-width katakana, however it was typed
    const hanako = (await client.get(`/api/alumni?q=${encodeURIComponent('花子')}`)).json().items[0];
    expect([hanako.familyNameKana, hanako.givenNameKana]).toEqual(['タナカ', 'ハナコ']);
  });
  it('finds 髙橋 by 高橋 and the reverse (variant-kanji-search.test.ts), and a full name with a space', async () => {
    expect(await names(`q=${encodeURIComponent('髙橋')}`)).toEqual(['高橋茂', '髙橋誠']);
    expect(await names(`q=${encodeURIComponent('高橋')}`)).toEqual(['高橋茂', '髙橋誠']);
    expect(await names(`q=${encodeURIComponent('田中　花子')}`)).toEqual(['田中花子']);
    expect(await names(`q=${encodeURIComponent('smith')}`)).toEqual(['SmithAnna']);
  });
  it('lists in furigana order with people without furigana last, the same across pages', async () => {
    const everyone = ['高橋茂', '髙橋誠', '田中一郎', '田中花子', '中田次郎', 'SmithAnna'];
    expect(await names('limit=50')).toEqual(everyone);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { familyName: string; givenName: string }[]; nextCursor: string | null } = (
        await client.get(`/api/alumni?sort=kana_asc&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      paged.push(...page.items.map((a) => `${a.familyName}${a.givenName}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(everyone);
  });
  it('treats 〜 and ～ as the same mark, and filters combine with search', async () => {
    expect(await names(`currentCompany=${encodeURIComponent('ACME～Japan')}`)).toEqual([]); // company text is matched as typed
    expect(await names(`q=${encodeURIComponent('田')}&leaveType=company`)).toEqual([]);
    expect((await client.get(`/api/alumni?q=${encodeURIComponent('田')}`)).json().total).toBe(3);
  });
});

describe('CSV import', () => {
  let company: string;
  let client: Client;
  beforeAll(async () => {
    company = (await createCompany(ctx, 'インポート株式会社')).id;
    client = (await loginAs(ctx, company, 'company_admin')).client;
  });
  const count = async () => (await ctx.db.withTenant(company, (tx) => tx.select().from(alumni))).length;

  it('reads a CP932 file from Excel (髙, 﨑, ①, Ⅲ, ～), previews, applies, and a re-run changes nothing', async () => {
    const file = cp932(
      HEADER +
        'E001,髙橋,一郎,タカハシ,イチロウ,taka@example.com,営業部,課長,2015/04/01,2023年3月31日,自己都合,キャリアアップ\r\n' +
        'E002,山﨑,①子,ヤマサキ,イチコ,yama@example.com,"開発部, 第Ⅲ課",主任,2018-04-01,2024/9/30,会社都合,"家族の事情で\n転居"\r\n' +
        'E003,佐藤,健,サトウ,ケン,,総務部～人事,,2019/04/01,2024/03/31,契約満了,\r\n',
    );
    const preview = await upload(client, 'preview', file);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      encoding: 'cp932',
      rows: 3,
      summary: { create: 3, update: 0, unchanged: 0, rejected: 0 },
      problems: [],
    });
    expect(preview.json().mapping).toMatchObject({
      社員番号: 'employeeNumber',
      入社年月日: 'joinedOn',
      退職理由: 'leaveReason',
    });
    expect(await count()).toBe(0); // a preview changes nothing

    const applied = await upload(client, 'apply', file, 'fileName=leavers.csv');
    expect(applied.json()).toEqual({ summary: { create: 3, update: 0, unchanged: 0, rejected: 0 } });
    const list = (await client.get('/api/alumni?sort=kana_asc')).json().items;
    expect(list.map((a: { familyName: string }) => a.familyName)).toEqual(['佐藤', '髙橋', '山﨑']);
    const yamasaki = list.find((a: { employeeNumber: string }) => a.employeeNumber === 'E002');
    expect(yamasaki).toMatchObject({
      givenName: '①子',
      department: '開発部, 第Ⅲ課',
      leftOn: '2024-09-30',
      leaveType: 'company',
    });
    const detail = (await client.get(`/api/alumni/${yamasaki.id}`)).json();
    expect(detail).toMatchObject({ leaveReasonCategory: 'other', leaveReasonNote: '家族の事情で\n転居' });
    expect((await client.get(`/api/alumni/${yamasaki.id}/timeline`)).json().items[0].action).toBe(
      'alumnus.import_create',
    );

    const again = await upload(client, 'apply', file);
    expect(again.json().summary).toEqual({ create: 0, update: 0, unchanged: 3, rejected: 0 });
    expect(await count()).toBe(3);
  });

  it('updates by employee number, then by e-mail, keeping what the file does not carry', async () => {
    const utf8 = Buffer.from(
      `\uFEFF社員番号,姓,名,退職日,退職区分,現在の勤務先\nE001,髙橋,一郎,2023-03-31,自己都合,株式会社みらい\n,山﨑,①子,2024-09-30,会社都合,\n`,
      'utf8',
    );
    const byNumber = await upload(client, 'preview', utf8);
    expect(byNumber.json()).toMatchObject({
      encoding: 'utf8',
      summary: { create: 1, update: 1, unchanged: 0 },
    });
    const mail = Buffer.from(
      'メールアドレス,姓,名,退職日,退職区分,役職\nyama@example.com,山﨑,①子,2024-09-30,会社都合,課長\n',
    );
    const byEmail = await upload(client, 'apply', mail);
    expect(byEmail.json().summary).toEqual({ create: 0, update: 1, unchanged: 0, rejected: 0 });
    const y = (await client.get('/api/alumni?q=yama%40example.com')).json().items[0];
    expect(y).toMatchObject({ position: '課長', department: '開発部, 第Ⅲ課', employeeNumber: 'E002' });
  });

  it('lists every broken row with its row number and column, and applies nothing', async () => {
    const before = await count();
    const broken = cp932(
      HEADER +
        'N1,新井,一,アライ,ハジメ,arai@example.com,営業部,,2019/04/01,2024/03/31,自己都合,\r\n' +
        'N2,,二郎,,,not-an-email,営業部,,2019/04/01,2024/13/31,謎の区分,\r\n' +
        'N1,新井,一,アライ,ハジメ,other@example.com,営業部,,2020/04/01,2019/03/31,自己都合,\r\n',
    );
    const preview = (await upload(client, 'preview', broken)).json();
    expect(preview.summary).toEqual({ create: 1, update: 0, unchanged: 0, rejected: 2 });
    const problems = preview.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        '3:退職年月日',
        '3:退職区分',
        '3:メールアドレス',
        '3:姓',
        '4:退職年月日',
        '4:社員番号',
      ]),
    );
    expect(
      preview.problems.find((p: { row: number; column: string }) => p.row === 4 && p.column === '社員番号')
        .message,
    ).toBe('ファイル内で重複しています（2行目と同じ社員番号）');
    const apply = await upload(client, 'apply', broken);
    expect(apply.statusCode).toBe(400);
    expect(apply.json().error.fields[0].path).toMatch(/^row 3/);
    expect(await count()).toBe(before);
  });

  it('lets the page follow an apply: records written of the total, then done or failed', async () => {
    const progress = async (id: string) => client.get(`/api/alumni/import/progress/${id}`);
    const rows = Array.from(
      { length: 30 },
      (_, i) => `P${i},進捗,${i}号,シンチョク,ゴウ,,総務部,,2019/04/01,2024/03/31,自己都合,\r\n`,
    );
    const ok = randomUUID();
    expect((await progress(ok)).statusCode).toBe(404); // nothing started under this id
    const applied = await upload(client, 'apply', cp932(HEADER + rows.join('')), `progressId=${ok}`);
    expect(applied.json().summary.create).toBe(30);
    expect((await progress(ok)).json()).toEqual({ phase: 'done', done: 30, total: 30 });

    const failed = randomUUID();
    const broken = cp932(`${HEADER}Q1,,,,,,,,,2024/13/01,謎,\r\n`);
    expect((await upload(client, 'apply', broken, `progressId=${failed}`)).statusCode).toBe(400);
    expect((await progress(failed)).json().phase).toBe('failed');
    expect((await upload(client, 'apply', broken, 'progressId=not-a-uuid')).statusCode).toBe(400);
  });

  it('uses a custom mapping (saved by name) and refuses files it cannot read', async () => {
    const custom = Buffer.from('ID,Surname,First,Quit,Why\nX9,Lee,Ann,2022-01-31,契約満了\n');
    const unmapped = (await upload(client, 'preview', custom)).json();
    expect(unmapped.summary.rejected).toBe(1);
    expect(unmapped.problems[0].row).toBe(1);
    const mapping = {
      ID: 'employeeNumber',
      Surname: 'familyName',
      First: 'givenName',
      Quit: 'leftOn',
      Why: 'leaveType',
    };
    expect(
      (await client.put('/api/alumni/import/mappings', { name: 'HRシステム', columns: mapping })).statusCode,
    ).toBe(200);
    expect((await client.get('/api/alumni/import/mappings')).json()[0]).toMatchObject({
      name: 'HRシステム',
      columns: mapping,
    });
    const mapped = await upload(
      client,
      'apply',
      custom,
      `mapping=${encodeURIComponent(JSON.stringify(mapping))}`,
    );
    expect(mapped.json().summary.create).toBe(1);
    expect((await upload(client, 'preview', Buffer.alloc(0))).statusCode).toBe(400);
    expect((await upload(client, 'preview', custom, 'mapping=not-json')).statusCode).toBe(400);
    // a quote left open (a cell with a line break Excel did not write) is explained in words
    const unclosed = await upload(
      client,
      'preview',
      Buffer.from('社員番号,姓,名\nA1,"田中,健太\nA2,佐藤,花子\n'),
    );
    expect(unclosed.statusCode).toBe(400);
    expect(unclosed.json().error.fields[0].message).toBe(
      'CSV を読み取れません：引用符（"）が閉じられていません（3行目付近）。',
    );
  });

  it('reports an e-mail that belongs to another record instead of failing, and blank cells keep stored flags', async () => {
    await upload(
      client,
      'apply',
      Buffer.from(
        '社員番号,姓,名,メールアドレス,退職日,退職区分,連絡不可\nC1,一,郎,c1@example.com,2024-01-31,自己都合,はい\nC2,二,郎,c2@example.com,2024-01-31,自己都合,\n',
      ),
    );
    const clash = (
      await upload(
        client,
        'preview',
        Buffer.from(
          '社員番号,姓,名,メールアドレス,退職日,退職区分\nC1,一,郎,c2@example.com,2024-01-31,自己都合\n',
        ),
      )
    ).json();
    expect(clash.summary.rejected).toBe(1);
    expect(clash.problems).toEqual([
      { row: 2, column: 'メールアドレス', message: 'このメールアドレスは既に登録されています。' },
    ]);
    const blank = await upload(
      client,
      'apply',
      Buffer.from('社員番号,姓,名,退職日,退職区分,連絡不可\nC1,一,郎,2024-01-31,自己都合,\n'),
    );
    expect(blank.json().summary).toEqual({ create: 0, update: 0, unchanged: 1, rejected: 0 });
    const c1 = (await client.get('/api/alumni?q=C1')).json().items[0];
    expect(c1.doNotContact).toBe(true);
  });

  it('a failure while applying leaves nothing behind', async () => {
    const before = await count();
    const file = Buffer.from(
      '社員番号,姓,名,退職日,退職区分\nF1,福田,一,2024-01-31,自己都合\nF2,福田,二,2024-01-31,自己都合\n',
    );
    const { sql } = await import('drizzle-orm');
    await ctx.db.unsafeOwner.execute(
      sql`alter table audit_log add constraint import_sabotage check (action <> 'alumni.import') not valid`,
    );
    try {
      expect((await upload(client, 'apply', file)).statusCode).toBe(500);
    } finally {
      await ctx.db.unsafeOwner.execute(sql`alter table audit_log drop constraint import_sabotage`);
    }
    expect(await count()).toBe(before);
  });
});

describe('CSV export', () => {
  it('exports the filtered list in UTF-8 with BOM or CP932, neutralizing formulas, and audits it', async () => {
    const company = (await createCompany(ctx, 'エクスポート株式会社')).id;
    const client = (await loginAs(ctx, company, 'company_admin')).client;
    await client.post(
      '/api/alumni',
      leaver({ familyName: '=HYPERLINK("http://x")', givenName: '太郎', department: '営業部' }),
    );
    await client.post('/api/alumni', leaver({ familyName: '髙橋', givenName: '～', department: '開発部' }));
    const utf8 = await client.get(`/api/alumni/export?department=${encodeURIComponent('営業部')}`);
    expect(utf8.statusCode).toBe(200);
    expect(utf8.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(utf8.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = utf8.rawPayload.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]!.startsWith('社員番号,姓,名,セイ,メイ')).toBe(true);
    expect(lines).toHaveLength(3); // header, one row, final newline
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);

    const sjis = await client.get('/api/alumni/export?encoding=cp932');
    expect(sjis.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    expect(iconv.decode(sjis.rawPayload, 'cp932')).toContain('髙橋,～');
    const audit = (await client.get('/api/audit?action=alumni.export')).json().items;
    expect(audit.map((e: { detail: { count: number } }) => e.detail.count)).toEqual([2, 1]);
  });

  it('streams a file longer than one batch whole, in order, audited with its count', async () => {
    const company = (await createCompany(ctx, '大量出力株式会社')).id;
    const client = (await loginAs(ctx, company, 'company_admin')).client;
    const rows = 2_345; // more than two batches of the export's cursor (EXPORT_BATCH = 1000)
    let csv = '社員番号,姓,名,退職日,退職区分\n';
    for (let i = 0; i < rows; i++)
      csv += `B${String(i).padStart(5, '0')},出力,${i}郎,2020-01-${String((i % 28) + 1).padStart(2, '0')},自己都合\n`;
    const applied = await upload(client, 'apply', Buffer.from(csv));
    expect(applied.json().summary).toMatchObject({ create: rows, rejected: 0 });
    const exported = await client.get('/api/alumni/export');
    expect(exported.statusCode).toBe(200);
    const lines = exported.rawPayload.toString('utf8').slice(1).split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(rows);
    expect(new Set(lines.map((l) => l.split(',')[0])).size).toBe(rows); // no row twice, none lost
    const leftOn = lines.map((l) => l.split(',')[10]!);
    expect(leftOn).toEqual([...leftOn].sort().reverse()); // newest leavers first, across batches
    const audit = (await client.get('/api/audit?action=alumni.export')).json().items;
    expect(audit[0].detail.count).toBe(rows);
  });

  it('exports a file that imports back unchanged, neutralized formulas included', async () => {
    const company = (await createCompany(ctx, '往復株式会社')).id;
    const client = (await loginAs(ctx, company, 'company_admin')).client;
    for (const over of [
      { employeeNumber: 'R-1', familyName: '=SUM(1+1)', phone: '+81-90-1234-5678', department: '-営業-' },
      { employeeNumber: 'R-2', email: 'r2@example.com', position: '@リーダー', tags: ['+α'] },
    ])
      expect((await client.post('/api/alumni', leaver(over))).statusCode).toBe(201);
    for (const encoding of ['utf8', 'cp932']) {
      const exported = await client.get(`/api/alumni/export?encoding=${encoding}`);
      expect(exported.statusCode).toBe(200);
      const applied = await upload(client, 'apply', exported.rawPayload);
      expect(applied.json()).toEqual({ summary: { create: 0, update: 0, unchanged: 2, rejected: 0 } });
    }
    const list = (await client.get('/api/alumni?sort=kana_asc')).json().items;
    expect(list.map((a: { familyName: string }) => a.familyName).sort()).toEqual(['=SUM(1+1)', '田中']);
  });

  it('is not for company staff', async () => {
    const company = (await createCompany(ctx)).id;
    const staff = (await loginAs(ctx, company, 'company_staff')).client;
    expect((await staff.get('/api/alumni/export')).statusCode).toBe(403);
    expect((await upload(staff, 'preview', Buffer.from('a\n1\n'))).statusCode).toBe(403);
  });
});
