import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nestedTextArrayLiteral, textArrayLiteral } from '../src/platform/db/arrays.js';
import { type Client, createCompany, createTestContext, loginAs, type TestContext } from './helpers.js';

/**
 * The import writes thousands of records per statement as array parameters (`unnest`); values
 * that mean something inside an array literal must arrive unchanged.
 */
let ctx: TestContext;
let admin: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  const company = await createCompany(ctx);
  admin = (await loginAs(ctx, company.id, 'company_admin')).client;
});
afterAll(() => ctx.close());

const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;
const apply = (rows: string[][]) =>
  admin.request({
    method: 'POST',
    url: '/api/alumni/import/apply?fileName=tricky.csv',
    headers: { 'content-type': 'text/csv' },
    payload: Buffer.from(
      `${[['社員番号', '姓', '名', '退職年月日', '退職区分', '退職理由詳細', 'スキル', '備考'], ...rows]
        .map((r) => r.map(csvCell).join(','))
        .join('\r\n')}\r\n`,
    ),
  });

const TRICKY = ['say "hi"', 'back\\slash', 'NULL', '{braces}', 'a,b', 'line\nbreak', "it's"];

describe('bulk import writes', () => {
  it('quotes array literals so that every value survives', () => {
    expect(textArrayLiteral(['a', null, 'say "hi"', 'x\\y', 'NULL'])).toBe(
      '{"a",NULL,"say \\"hi\\"","x\\\\y","NULL"}',
    );
  });

  it('reads nested array literals back as written, in PostgreSQL', async () => {
    const rows = [['a', 'say "hi"', 'x\\y', 'NULL', '{b,c}', ''], [], null];
    const r = await ctx.db.unsafeOwner.execute(
      sql`select (select array_agg(coalesce(array_to_json(u::text[])::text, 'null')) from unnest(${nestedTextArrayLiteral(rows)}::text[]) u) as back`,
    );
    const back = (r as unknown as { rows: { back: string[] }[] }).rows[0]!.back.map((j) => JSON.parse(j));
    expect(back).toEqual(rows);
  });

  it('stores quotes, backslashes, braces, commas, line breaks and the word NULL as written', async () => {
    const rows = TRICKY.map((v, i) => [`T-${i}`, '山田', v, '2022-03-31', '自己都合', v, `${v}、Go`, v]);
    const res = await apply(rows);
    expect(res.statusCode).toBe(200);
    expect(res.json().summary.create).toBe(TRICKY.length);
    const list = (await admin.get('/api/alumni?limit=200&sort=kana_asc')).json();
    expect(list.total).toBe(TRICKY.length);
    for (const [i, v] of TRICKY.entries()) {
      const item = list.items.find((a: { employeeNumber: string }) => a.employeeNumber === `T-${i}`);
      const detail = (await admin.get(`/api/alumni/${item.id}`)).json();
      expect(detail).toMatchObject({
        givenName: v,
        leaveReasonNote: v,
        internalNotes: v,
        leaveType: 'voluntary',
        version: 1,
      });
      expect(detail.skills).toEqual(
        v === 'a,b' ? ['a', 'b', 'Go'] : [...(v.includes('\n') ? v.split('\n') : [v]), 'Go'],
      );
      const timeline = (await admin.get(`/api/alumni/${item.id}/timeline`)).json().items;
      expect(timeline.map((e: { action: string }) => e.action)).toEqual(['alumnus.import_create']);
    }
  });

  it('updates in bulk with one more version and the changed fields audited, and a re-run changes nothing', async () => {
    const rows = TRICKY.map((v, i) => [
      `T-${i}`,
      '山田',
      v,
      '2022-03-31',
      '自己都合',
      `${v}!`,
      `${v}、Go`,
      v,
    ]);
    const res = await apply(rows);
    expect(res.json().summary).toMatchObject({ create: 0, update: TRICKY.length, unchanged: 0 });
    const again = await apply(rows);
    expect(again.json().summary).toMatchObject({ create: 0, update: 0, unchanged: TRICKY.length });
    const list = (await admin.get('/api/alumni?limit=200')).json();
    for (const item of list.items) {
      const detail = (await admin.get(`/api/alumni/${item.id}`)).json();
      expect(detail.version).toBe(2);
      expect(detail.leaveReasonNote).toBe(`${detail.givenName}!`);
      const timeline = (await admin.get(`/api/alumni/${item.id}/timeline`)).json().items;
      expect(timeline.map((e: { action: string }) => e.action)).toEqual([
        'alumnus.import_update',
        'alumnus.import_create',
      ]);
      expect(timeline[0].detail).toEqual({ fields: ['leaveReasonNote'] });
    }
  });
});
