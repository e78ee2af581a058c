import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_IDS_LIMIT } from '../src/modules/alumni/records.js';
import { type Client, createCompany, createTestContext, loginAs, type TestContext } from './helpers.js';

/**
 * The name search runs in the SECURITY DEFINER function alumni_search_ids (migration 0005), which
 * bypasses row-level security by design and takes the company only from the transaction. These
 * tests hold it to the same isolation as every other query.
 */
let ctx: TestContext;
let companyA: string;
let companyB: string;
let adminA: Client;
let adminB: Client;
const idsOf = { a: [] as string[], b: [] as string[] };

const leaver = (over: Record<string, unknown>) => ({
  familyName: '田中',
  givenName: '一郎',
  familyNameKana: 'タナカ',
  givenNameKana: 'イチロウ',
  leftOn: '2023-03-31',
  leaveType: 'voluntary',
  ...over,
});

beforeAll(async () => {
  ctx = await createTestContext();
  companyA = (await createCompany(ctx, 'A社')).id;
  companyB = (await createCompany(ctx, 'B社')).id;
  adminA = (await loginAs(ctx, companyA, 'company_admin')).client;
  adminB = (await loginAs(ctx, companyB, 'company_admin')).client;
  for (const given of ['一郎', '二郎'])
    idsOf.a.push((await adminA.post('/api/alumni', leaver({ givenName: given }))).json().id);
  for (const given of ['一郎', '三郎', '四郎'])
    idsOf.b.push((await adminB.post('/api/alumni', leaver({ givenName: given }))).json().id);
  // a name only company B has
  idsOf.b.push(
    (await adminB.post('/api/alumni', leaver({ familyName: '髙橋', familyNameKana: 'タカハシ' }))).json().id,
  );
});
afterAll(() => ctx.close());

const search = (tenantId: string | null, grams: string[], needle: string) => {
  const run = async (tx: Parameters<Parameters<TestContext['db']['withoutTenant']>[0]>[0]) => {
    const r = await tx.execute(
      sql`select alumni_search_ids(${sql.param(grams)}::text[], ${needle}, 100000)::text[] as ids`,
    );
    return (r as unknown as { rows: { ids: string[] }[] }).rows[0]!.ids;
  };
  return tenantId ? ctx.db.withTenant(tenantId, run) : ctx.db.withoutTenant(run);
};

describe('name search across companies', () => {
  it('lists only the session company’s matches, and counts only them', async () => {
    const page = (await adminA.get(`/api/alumni?q=${encodeURIComponent('田中')}`)).json();
    expect(page.items.map((i: { id: string }) => i.id).sort()).toEqual([...idsOf.a].sort());
    expect(page.total).toBe(2);
    const kana = (await adminA.get(`/api/alumni?q=${encodeURIComponent('たなか')}`)).json();
    expect(kana.total).toBe(2);
    const full = (await adminA.get(`/api/alumni?q=${encodeURIComponent('田中 三郎')}`)).json();
    expect(full).toMatchObject({ items: [], total: 0 });
    const elsewhere = (await adminA.get(`/api/alumni?q=${encodeURIComponent('髙橋')}`)).json();
    expect(elsewhere).toMatchObject({ items: [], total: 0 });
    expect((await adminB.get(`/api/alumni?q=${encodeURIComponent('髙橋')}`)).json().total).toBe(1);
  });

  it('keeps the search combined with other filters, in segments and in exports, inside the company', async () => {
    const filtered = (await adminA.get(`/api/alumni?q=${encodeURIComponent('田中')}&leaveYear=2023`)).json();
    expect(filtered.total).toBe(2);
    const segment = await adminA.post('/api/alumni/segments', { name: '田中さん', filter: { q: '田中' } });
    expect(segment.statusCode).toBe(201);
    const segments = (await adminA.get('/api/alumni/segments')).json();
    expect(segments.find((s: { name: string }) => s.name === '田中さん').count).toBe(2);
    const csv = (await adminA.get(`/api/alumni/export?q=${encodeURIComponent('田中')}`)).body;
    expect(csv.split('\n').filter((line) => line.includes('田中'))).toHaveLength(2);
    expect(csv).not.toContain('三郎');
  });

  it('pages through a search with more matches than ids sent back, inside the company', async () => {
    // more than SEARCH_IDS_LIMIT matches: the page checks the search text itself on the sort's index
    const many = SEARCH_IDS_LIMIT + 30;
    const csv = ['社員番号,姓,名,退職年月日,退職区分'];
    for (let i = 0; i < many; i++)
      csv.push(`M-${i},田中,${i % 2 ? '花子' : '次郎'},20${10 + (i % 15)}-0${1 + (i % 9)}-15,自己都合`);
    const imported = await adminA.request({
      method: 'POST',
      url: '/api/alumni/import/apply',
      headers: { 'content-type': 'text/csv' },
      payload: Buffer.from(`${csv.join('\r\n')}\r\n`),
    });
    expect(imported.json().summary.create).toBe(many);
    const seen = new Set<string>();
    let url = `/api/alumni?q=${encodeURIComponent('田中')}&limit=200`;
    let first = true;
    for (;;) {
      const page = (await adminA.get(url)).json();
      // a broad name counts as "more than 1,000": the search stops there instead of visiting every match
      if (first) expect(page).toMatchObject({ total: SEARCH_IDS_LIMIT, totalCapped: true });
      else expect(page.total).toBeNull();
      first = false;
      for (const item of page.items) seen.add(item.id);
      if (!page.nextCursor) break;
      url = `/api/alumni?q=${encodeURIComponent('田中')}&limit=200&cursor=${page.nextCursor}`;
    }
    expect(seen.size).toBe(many + 2);
    for (const id of idsOf.b) expect(seen.has(id)).toBe(false);
    const narrower = (await adminA.get(`/api/alumni?q=${encodeURIComponent('田中花子')}&limit=1`)).json();
    expect(narrower.total).toBe(many / 2);
    expect((await adminB.get(`/api/alumni?q=${encodeURIComponent('田中')}`)).json().total).toBe(3);
  });

  it('the search function answers for the transaction’s company only, and nothing without one', async () => {
    const inA = await search(companyA, ['田中'], '田中');
    expect(inA).toEqual(expect.arrayContaining(idsOf.a));
    expect(inA.some((id) => idsOf.b.includes(id))).toBe(false);
    expect((await search(companyB, ['田中'], '田中')).sort()).toEqual(idsOf.b.slice(0, 3).sort());
    expect(await search(companyA, ['髙橋'], '髙橋')).toEqual([]);
    expect(await search(null, ['田中'], '田中')).toEqual([]);
  });

  it('is a SECURITY DEFINER function with a pinned search_path that only the application role may call', async () => {
    const r = await ctx.db.unsafeOwner.execute(sql`
      select p.prosecdef as definer, p.proconfig as config,
        has_function_privilege('kizuna_app', p.oid, 'execute') as app,
        exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0) as public
      from pg_proc p where p.proname = 'alumni_search_ids'`);
    const [fn] = (r as unknown as { rows: Record<string, unknown>[] }).rows;
    expect(fn).toMatchObject({ definer: true, app: true, public: false });
    expect(String(fn!.config)).toContain('search_path=pg_catalog, pg_temp');
  });
});
