import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kanjiVariants } from '../src/modules/alumni/kanji-variants.js';
import { normalizeSearchText, searchGrams, searchQuery } from '../src/modules/alumni/search-text.js';
import { alumni } from '../src/modules/alumni/tables.js';
import { type Client, createCompany, createTestContext, loginAs, type TestContext } from './helpers.js';

/**
 * Issue 8: people type the common form of a kanji (山崎, 高橋, 渡辺, 斎藤), records hold the person's own
 * (山﨑, 髙橋, 渡邉, 齋藤). The search text folds variants to the common form; the name keeps its glyph.
 */
const drizzleDir = fileURLToPath(new URL('../drizzle', import.meta.url));

/** The newest migration that re-folds the stored search text, and the table it folds with. */
function newestRefoldMigration() {
  const files = readdirSync(drizzleDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .filter((f) => readFileSync(join(drizzleDir, f), 'utf8').includes('-- kanji-variants:'));
  const file = files.at(-1)!;
  const text = readFileSync(join(drizzleDir, file), 'utf8');
  const m = /translate\("search_text", '([^']*)', '([^']*)'\)/.exec(text)!;
  const from = Array.from(m[1]!);
  const to = Array.from(m[2]!);
  return { file, text, table: Object.fromEntries(from.map((c, i) => [c, to[i]])) };
}

describe('the variant-kanji table', () => {
  const entries = Object.entries(kanjiVariants);

  it('folds one character to one common character, once and for all', () => {
    expect(entries.length).toBeGreaterThan(400);
    for (const [from, to] of entries) {
      expect([Array.from(from).length, Array.from(to).length], `${from}→${to}`).toEqual([1, 1]);
      expect(from).not.toBe(to);
      expect(kanjiVariants[to], `${to} is folded further`).toBeUndefined();
      expect(from.normalize('NFKC'), `${from} does not survive NFKC`).toBe(from);
      expect(to.normalize('NFKC')).toBe(to);
    }
  });

  it('is many-to-one toward the form people type', () => {
    const same = (a: string, b: string) =>
      expect(normalizeSearchText(a), `${a} / ${b}`).toBe(normalizeSearchText(b));
    same('山﨑', '山崎');
    same('髙橋', '高橋');
    same('渡邉', '渡辺');
    same('渡邊', '渡辺');
    same('齋藤', '斎藤');
    same('齊藤', '斉藤');
    same('德川', '徳川');
    same('濱田', '浜田');
    same('濵田', '浜田');
    same('廣瀬', '広瀬');
    same('澤田', '沢田');
    same('國男', '国男');
    same('嶋田', '島田');
    same('ヤマサキ', 'やまさき'); // the folds before it still apply
    expect(normalizeSearchText('山﨑 太郎')).toBe('山崎太郎');
    expect(searchQuery('髙橋')).toEqual({ text: '高橋', grams: ['高橋'] });
  });

  it('never folds two different common kanji together', () => {
    const apart = (a: string, b: string) =>
      expect(normalizeSearchText(a), `${a} / ${b}`).not.toBe(normalizeSearchText(b));
    apart('斎藤', '斉藤'); // 齋 is the old form of 斎, 齊 of 斉 (常用漢字表): two names
    apart('齋藤', '齊藤');
    apart('崎', '埼');
    for (const c of '高崎徳辺斎斉浜広沢国島埼') expect(kanjiVariants[c], c).toBeUndefined();
  });

  it('the newest re-fold migration holds the current table and is registered', () => {
    const { file, table } = newestRefoldMigration();
    // after regenerating kanji-variants.ts, add a migration (the generator's --migration writes it)
    expect(table).toEqual(kanjiVariants);
    const journal = JSON.parse(readFileSync(join(drizzleDir, 'meta/_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    };
    expect(journal.entries.map((e) => e.tag)).toContain(file.replace(/\.sql$/, ''));
  });
});

const leaver = (over: Record<string, unknown>) => ({
  familyName: '田中',
  givenName: '太郎',
  leftOn: '2023-03-31',
  leaveType: 'voluntary',
  ...over,
});

describe('searching by the common form', () => {
  let ctx: TestContext;
  let tenantId: string;
  let admin: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestContext();
    tenantId = (await createCompany(ctx, '異体字株式会社')).id;
    admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
    for (const [familyName, givenName, familyNameKana] of [
      ['山﨑', '花子', 'ヤマサキ'],
      ['山崎', '一郎', 'ヤマザキ'],
      ['髙橋', '誠', 'タカハシ'],
      ['高橋', '茂', 'タカハシ'],
      ['渡邉', '一', 'ワタナベ'],
      ['渡邊', '二', 'ワタナベ'],
      ['渡辺', '三', 'ワタナベ'],
      ['齋藤', '一', 'サイトウ'],
      ['齊藤', '二', 'サイトウ'],
      ['斎藤', '三', 'サイトウ'],
      ['斉藤', '四', 'サイトウ'],
    ] as const) {
      const res = await admin.post('/api/alumni', leaver({ familyName, givenName, familyNameKana }));
      expect(res.statusCode).toBe(201);
      ids[`${familyName}${givenName}`] = res.json().id;
    }
  });
  afterAll(() => ctx.close());

  const names = async (q: string) =>
    (await admin.get(`/api/alumni?q=${encodeURIComponent(q)}&limit=50`))
      .json()
      .items.map((a: { familyName: string; givenName: string }) => `${a.familyName}${a.givenName}`)
      .sort();

  it('山崎 finds 山﨑 and 山﨑 finds 山崎, each shown in the person’s own glyph', async () => {
    expect(await names('山崎')).toEqual(['山崎一郎', '山﨑花子'].sort());
    expect(await names('山﨑')).toEqual(['山崎一郎', '山﨑花子'].sort());
    expect(await names('山﨑 花子')).toEqual(['山﨑花子']);
    const detail = (await admin.get(`/api/alumni/${ids.山﨑花子}`)).json();
    expect([detail.familyName, detail.givenName]).toEqual(['山﨑', '花子']);
    const [row] = await ctx.db.unsafeOwner
      .select({ familyName: alumni.familyName, searchText: alumni.searchText })
      .from(alumni)
      .where(eq(alumni.id, ids.山﨑花子!));
    expect(row).toEqual({ familyName: '山﨑', searchText: '山崎花子\u241Fやまさき' });
  });

  it('高橋 and 髙橋 find each other', async () => {
    expect(await names('高橋')).toEqual(['高橋茂', '髙橋誠'].sort());
    expect(await names('髙橋')).toEqual(['高橋茂', '髙橋誠'].sort());
    expect(await names('髙橋誠')).toEqual(['髙橋誠']);
  });

  it('渡辺 finds 渡邉 and 渡邊, and each of them finds the others', async () => {
    const all = ['渡辺三', '渡邉一', '渡邊二'].sort();
    expect(await names('渡辺')).toEqual(all);
    expect(await names('渡邉')).toEqual(all);
    expect(await names('渡邊')).toEqual(all);
  });

  it('斎藤 finds 齋藤, and 斉藤 finds 齊藤: 斎 and 斉 are two kanji', async () => {
    expect(await names('斎藤')).toEqual(['斎藤三', '齋藤一'].sort());
    expect(await names('齋藤')).toEqual(['斎藤三', '齋藤一'].sort());
    expect(await names('斉藤')).toEqual(['斉藤四', '齊藤二'].sort());
    expect(await names('さいとう')).toHaveLength(4); // the reading finds all four
  });

  it('folds on edit and on import, which both compute the search text in search-text.ts', async () => {
    const created = (
      await admin.post('/api/alumni', leaver({ familyName: '徳永', givenName: '編集' }))
    ).json();
    const edited = await admin.put(`/api/alumni/${created.id}`, {
      version: 1,
      alumnus: leaver({ familyName: '德永', givenName: '編集' }),
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().familyName).toBe('德永');
    expect(await names('徳永')).toEqual(['德永編集']);

    const csv =
      '社員番号,姓,名,退職日,退職区分\r\nV-1,濱田,取込,2024-01-31,自己都合\r\nV-2,廣瀬,取込,2024-01-31,自己都合\r\n';
    const imported = await admin.request({
      method: 'POST',
      url: '/api/alumni/import/apply',
      headers: { 'content-type': 'text/csv' },
      payload: Buffer.from(csv),
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json().summary.create).toBe(2);
    expect(await names('浜田')).toEqual(['濱田取込']);
    expect(await names('広瀬')).toEqual(['廣瀬取込']);
    // a re-run finds the same rows unchanged
    const again = await admin.request({
      method: 'POST',
      url: '/api/alumni/import/apply',
      headers: { 'content-type': 'text/csv' },
      payload: Buffer.from(csv),
    });
    expect(again.json().summary).toMatchObject({ create: 0, update: 0, unchanged: 2 });
  });

  it('re-folds a row stored before the fold, as the migration does on upgrade', async () => {
    const created = (
      await admin.post(
        '/api/alumni',
        leaver({ familyName: '澤﨑', givenName: '旧', familyNameKana: 'サワサキ', employeeNumber: 'OLD-1' }),
      )
    ).json();
    const [folded] = await ctx.db.unsafeOwner
      .select({ searchText: alumni.searchText, searchGrams: alumni.searchGrams, version: alumni.version })
      .from(alumni)
      .where(eq(alumni.id, created.id));
    // what the previous normalization stored: the same, with the person's own kanji
    const oldText = ['澤﨑旧', 'さわさき', 'old-1'].join('\u241F');
    await ctx.db.unsafeOwner
      .update(alumni)
      .set({ searchText: oldText, searchGrams: searchGrams(oldText) })
      .where(eq(alumni.id, created.id));
    expect(await names('沢崎')).toEqual([]);
    expect(await names('澤﨑')).toEqual([]); // the query is folded, the old row is not

    for (const statement of newestRefoldMigration().text.split('--> statement-breakpoint'))
      await ctx.db.unsafeOwner.execute(sql.raw(statement));

    expect(await names('沢崎')).toEqual(['澤﨑旧']);
    expect(await names('澤﨑')).toEqual(['澤﨑旧']);
    expect(await names('山崎')).toEqual(['山崎一郎', '山﨑花子'].sort()); // rows already folded stay as they were
    const [after] = await ctx.db.unsafeOwner
      .select({ searchText: alumni.searchText, searchGrams: alumni.searchGrams, version: alumni.version })
      .from(alumni)
      .where(eq(alumni.id, created.id));
    expect(after!.searchText).toBe(folded!.searchText);
    expect([...after!.searchGrams].sort()).toEqual([...folded!.searchGrams].sort());
    expect(after!.version).toBe(folded!.version);
  });
});
