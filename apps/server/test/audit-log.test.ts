import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/tables.js';
import { parseCsv } from '../src/platform/csv.js';
import {
  anonymous,
  type Client,
  createCompany,
  createMember,
  createTestContext,
  lastMailTo,
  linkIn,
  loginAs,
  loginAsOperator,
  signIn,
  type TestContext,
  uniqueEmail,
} from './helpers.js';
import { createLeaver, registerLeaver } from './member-helpers.js';

interface Entry {
  id: string;
  tenantId: string | null;
  tenantName: string | null;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  subjectName: string | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

let ctx: TestContext;
let companyA: string;
let companyB: string;
let adminA: Client;
let adminAUser: { id: string; name: string };
let staffA: Client;
let staffAUser: { id: string; name: string };
let adminB: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  companyA = (await createCompany(ctx, '株式会社あさひ')).id;
  companyB = (await createCompany(ctx, '株式会社ゆうひ')).id;
  const a = await createMember(ctx, companyA, 'company_admin', '管理 花子');
  adminAUser = a;
  adminA = await signIn(ctx, a.email);
  const s = await createMember(ctx, companyA, 'company_staff', '人事 次郎');
  staffAUser = s;
  staffA = await signIn(ctx, s.email);
  adminB = (await loginAs(ctx, companyB, 'company_admin')).client;
});
afterAll(() => ctx.close());

const items = async (client: Client, url: string): Promise<Entry[]> => {
  const res = await client.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};

/** Rows of a CSV export (UTF-8 with BOM, or CP932), header first. */
function csvRows(payload: Buffer, encoding: 'utf8' | 'cp932' = 'utf8'): string[][] {
  const text =
    encoding === 'utf8' ? payload.toString('utf8').replace(/^\uFEFF/, '') : iconv.decode(payload, 'cp932');
  return parseCsv(text);
}

/** An entry written straight into the log at a chosen instant (the API always writes "now"). */
async function entryAt(
  tenantId: string,
  createdAt: string,
  over: Partial<typeof auditLog.$inferInsert> = {},
) {
  const [row] = await ctx.db.unsafeOwner
    .insert(auditLog)
    .values({
      tenantId,
      actorUserId: adminAUser.id,
      actorName: adminAUser.name,
      action: 'alumni.export',
      subjectType: 'alumni',
      detail: { count: 0 },
      createdAt: new Date(createdAt),
      ...over,
    })
    .returning({ id: auditLog.id });
  return row!.id;
}

describe('the target of each entry by name', () => {
  it('names alumni, staff members, invitations, segments and the company, read when the log is read', async () => {
    const leaver = await createLeaver(adminA, { familyName: '佐藤', givenName: '美咲' });
    expect((await adminA.get(`/api/alumni/${leaver.id}`)).statusCode).toBe(200);
    const email = uniqueEmail('invitee');
    expect((await adminA.post('/api/invitations', { email, role: 'company_staff' })).statusCode).toBe(201);
    const token = new URL(linkIn((await lastMailTo(ctx, email))!.text)).pathname.split('/').pop()!;
    const accepted = await anonymous(ctx).post(`/api/public/invitations/${token}/accept`, {
      name: '新人 三郎',
      password: 'saburo-password-1',
    });
    expect(accepted.statusCode).toBe(200);
    const segment = await adminA.post('/api/alumni/segments', { name: '営業部の出戻り候補', filter: {} });
    expect(segment.statusCode).toBe(201);

    const log = await items(adminA, '/api/audit?limit=200');
    const of = (action: string) => log.find((e) => e.action === action)!;
    expect(of('alumnus.create')).toMatchObject({ subjectId: leaver.id, subjectName: '佐藤 美咲' });
    expect(of('alumnus.read')).toMatchObject({ subjectId: leaver.id, subjectName: '佐藤 美咲' });
    expect(of('invitation.create').subjectName).toBe(email);
    expect(of('invitation.accept')).toMatchObject({ subjectType: 'membership', subjectName: '新人 三郎' });
    expect(of('segment.create').subjectName).toBe('営業部の出戻り候補');
    expect(of('tenant.create')).toMatchObject({ subjectId: companyA, subjectName: '株式会社あさひ' });
    expect(log.every((e) => e.tenantName === '株式会社あさひ')).toBe(true);

    // names are read now, not when written: an edit shows on the older entries too
    const record = (await adminA.get(`/api/alumni/${leaver.id}`)).json();
    const edited = await adminA.put(`/api/alumni/${leaver.id}`, {
      version: record.version,
      alumnus: { familyName: '鈴木', givenName: '美咲', leftOn: '2023-03-31', leaveType: 'voluntary' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = await items(adminA, '/api/audit?limit=200');
    const aboutLeaver = after.filter((e) => e.subjectId === leaver.id);
    expect(aboutLeaver.length).toBeGreaterThanOrEqual(3);
    expect(aboutLeaver.every((e) => e.subjectName === '鈴木 美咲')).toBe(true);
  });

  it('shows an anonymized alumnus by the placeholder, also as the actor of their own portal acts', async () => {
    const { id, email, member } = await registerLeaver(ctx, adminA, { familyName: '高田', givenName: '純' });
    expect((await member.get('/api/portal/profile')).statusCode).toBe(200);
    const before = await items(adminA, '/api/audit?action=alumnus.self_read');
    expect(before[0]).toMatchObject({ subjectId: id, subjectName: '高田 純', actorName: '高田 純' });

    expect((await member.post('/api/portal/deletion', { confirmEmail: email })).statusCode).toBe(200);
    const log = await items(adminA, '/api/audit?limit=200');
    const aboutThem = log.filter((e) => e.subjectId === id);
    expect(aboutThem.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'alumnus.create',
        'alumnus.register',
        'alumnus.self_read',
        'alumnus.anonymize',
      ]),
    );
    expect(aboutThem.every((e) => e.subjectName === '削除済み')).toBe(true);
    const ownActs = aboutThem.filter((e) => ['alumnus.self_read', 'alumnus.register'].includes(e.action));
    expect(ownActs.every((e) => e.actorName === '削除済み')).toBe(true);
    expect(JSON.stringify(aboutThem)).not.toContain('高田');
    // and the actor filter does not offer the erased name either
    const actors = (await adminA.get('/api/audit/actors')).json().items as { name: string | null }[];
    expect(actors.some((a) => a.name?.includes('高田'))).toBe(false);
  });
});

describe('filters', () => {
  it('narrows to days in Japan (from and to inclusive), whatever the server’s clock zone', async () => {
    const company = (await createCompany(ctx, '期間テスト株式会社')).id;
    const admin = (await loginAs(ctx, company, 'company_admin')).client;
    const lastOfMarch = await entryAt(company, '2026-03-31T14:59:59.999Z'); // 3/31 23:59:59.999 JST
    const firstOfApril = await entryAt(company, '2026-03-31T15:00:00.000Z'); // 4/1 00:00 JST
    const endOfApril1 = await entryAt(company, '2026-04-01T14:59:59.999Z'); // 4/1 23:59:59.999 JST
    const secondOfApril = await entryAt(company, '2026-04-01T15:00:00.000Z'); // 4/2 00:00 JST

    const ids = async (query: string) =>
      (await items(admin, `/api/audit?action=alumni.export${query}`)).map((e) => e.id);
    expect(await ids('&from=2026-04-01&to=2026-04-01')).toEqual([endOfApril1, firstOfApril]);
    expect(await ids('&from=2026-04-01')).toEqual([secondOfApril, endOfApril1, firstOfApril]);
    expect(await ids('&to=2026-03-31')).toEqual([lastOfMarch]);
    expect(await ids('&from=2026-03-31&to=2026-04-02')).toEqual([
      secondOfApril,
      endOfApril1,
      firstOfApril,
      lastOfMarch,
    ]);
    // paging keeps the period
    const first = (await admin.get('/api/audit?action=alumni.export&from=2026-04-01&limit=2')).json();
    expect(first.items.map((e: Entry) => e.id)).toEqual([secondOfApril, endOfApril1]);
    const next = await items(
      admin,
      `/api/audit?action=alumni.export&from=2026-04-01&limit=2&cursor=${first.nextCursor}`,
    );
    expect(next.map((e) => e.id)).toEqual([firstOfApril]);

    const reversed = await admin.get('/api/audit?from=2026-04-02&to=2026-04-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['querystring.to']);
    expect((await admin.get('/api/audit?from=2026-02-30')).statusCode).toBe(400);
    expect((await admin.get('/api/audit?from=2026/04/01')).statusCode).toBe(400);
  });

  it('narrows to one actor, and lists the actors of the company (newest first) for the filter', async () => {
    const byStaff = await createLeaver(staffA, { familyName: '小林', givenName: '翔' });
    await createLeaver(adminA, { familyName: '中村', givenName: '光' });
    const staffEntries = await items(adminA, `/api/audit?actorUserId=${staffAUser.id}&limit=200`);
    expect(staffEntries.length).toBeGreaterThan(0);
    expect(staffEntries.every((e) => e.actorUserId === staffAUser.id && e.actorName === '人事 次郎')).toBe(
      true,
    );
    expect(staffEntries.find((e) => e.action === 'alumnus.create')?.subjectId).toBe(byStaff.id);
    const created = await items(adminA, `/api/audit?actorUserId=${adminAUser.id}&action=alumnus.create`);
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((e) => e.actorUserId === adminAUser.id)).toBe(true);
    expect(await items(adminA, '/api/audit?actorUserId=nobody')).toEqual([]);

    const actors = (await adminA.get('/api/audit/actors')).json().items as { userId: string; name: string }[];
    expect(actors[0]).toMatchObject({ userId: adminAUser.id, name: '管理 花子' });
    expect(actors).toContainEqual(expect.objectContaining({ userId: staffAUser.id, name: '人事 次郎' }));
    expect(new Set(actors.map((a) => a.userId)).size).toBe(actors.length);
    // a period with nobody in it
    expect((await adminA.get('/api/audit/actors?to=2000-01-01')).json().items).toEqual([]);
  });
});

describe('CSV export', () => {
  it('exports the filtered log for Excel (BOM, CRLF, names, labels, Tokyo times) and audits it', async () => {
    const company = (await createCompany(ctx, '出力テスト株式会社')).id;
    const admin = await createMember(ctx, company, 'company_admin', '出力 一郎');
    const client = await signIn(ctx, admin.email);
    const leaver = await createLeaver(client, { familyName: '=HYPERLINK("x")', givenName: '髙橋' });
    await entryAt(company, '2026-04-01T00:30:00Z', { actorUserId: admin.id, actorName: admin.name });

    const res = await client.get('/api/audit/export?action=alumnus.create');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.rawPayload.toString('utf8')).toContain('\r\n');
    const rows = csvRows(res.rawPayload);
    expect(rows[0]).toEqual([
      '日時（日本時間）',
      '操作者',
      '操作者ID',
      '操作',
      '操作コード',
      '対象の種類',
      '対象',
      '対象ID',
      '詳細',
      'IP',
    ]);
    expect(rows).toHaveLength(2);
    const [, row] = rows;
    expect(row!.slice(1, 8)).toEqual([
      '出力 一郎',
      admin.id,
      'アルムナイの登録',
      'alumnus.create',
      'アルムナイ',
      '=HYPERLINK("x") 髙橋', // read back by our parser; in the file it is neutralized
      leaver.id,
    ]);
    expect(res.rawPayload.toString('utf8')).toContain(`"'=HYPERLINK(""x"") 髙橋"`);
    expect(row![0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    // the day filter and Tokyo time in the file; English headers and labels on request
    const en = await client.request({
      method: 'GET',
      url: '/api/audit/export?from=2026-04-01&to=2026-04-01',
      lang: 'en',
    });
    const enRows = csvRows(en.rawPayload);
    expect(enRows[0]![0]).toBe('Time (Japan)');
    expect(enRows.slice(1)).toEqual([
      [
        '2026-04-01 09:30:00',
        '出力 一郎',
        admin.id,
        'Alumni CSV export',
        'alumni.export',
        'Alumni register',
        '',
        '',
        '{"count":0}',
        '',
      ],
    ]);

    // CP932 for older Excel, 髙 included
    const sjis = await client.get('/api/audit/export?encoding=cp932&action=alumnus.create');
    expect(sjis.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    expect(sjis.rawPayload.subarray(0, 3)).not.toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csvRows(sjis.rawPayload, 'cp932')[1]![6]).toBe('=HYPERLINK("x") 髙橋');

    // each export is an entry of the log, with what was asked for
    const exports = await items(client, '/api/audit?action=audit.export');
    expect(exports.map((e) => e.detail)).toEqual([
      {
        count: 1,
        encoding: 'cp932',
        filter: { action: 'alumnus.create', actorUserId: null, from: null, to: null },
      },
      {
        count: 1,
        encoding: 'utf8',
        filter: { action: null, actorUserId: null, from: '2026-04-01', to: '2026-04-01' },
      },
      {
        count: 1,
        encoding: 'utf8',
        filter: { action: 'alumnus.create', actorUserId: null, from: null, to: null },
      },
    ]);
    expect(exports[0]).toMatchObject({ actorUserId: admin.id, subjectType: 'audit_log', tenantId: company });
    // an export's own entry is written after its rows were read: the next export contains it
    const all = csvRows((await client.get('/api/audit/export')).rawPayload);
    expect(all.filter((r) => r[4] === 'audit.export')).toHaveLength(3);
  });

  it('is refused to staff, who cannot read the log', async () => {
    expect((await staffA.get('/api/audit/export')).statusCode).toBe(403);
    expect((await staffA.get('/api/audit/actors')).statusCode).toBe(403);
    expect((await staffA.get('/api/audit')).statusCode).toBe(403);
  });
});

describe('another company', () => {
  it('sees none of company A’s entries: not in its list, its actors, nor its export', async () => {
    await createLeaver(adminA, { familyName: '秘密', givenName: '太郎' });
    const logA = await items(adminA, '/api/audit?limit=200');
    expect(logA.length).toBeGreaterThan(5);
    const idsA = new Set(logA.map((e) => e.id));

    const logB = await items(adminB, '/api/audit?limit=200');
    expect(logB.length).toBeGreaterThan(0);
    expect(logB.every((e) => e.tenantId === companyB && !idsA.has(e.id))).toBe(true);
    // filtering by A's admin, or paging from A's entry, finds nothing
    expect(await items(adminB, `/api/audit?actorUserId=${adminAUser.id}`)).toEqual([]);
    const cursor = Buffer.from(logA[0]!.id).toString('base64url');
    expect(await items(adminB, `/api/audit?cursor=${cursor}`)).toEqual([]);

    const actorsB = (await adminB.get('/api/audit/actors')).json().items as { userId: string }[];
    expect(actorsB.some((a) => a.userId === adminAUser.id || a.userId === staffAUser.id)).toBe(false);

    const exportB = await adminB.get('/api/audit/export');
    expect(exportB.statusCode).toBe(200);
    const text = exportB.rawPayload.toString('utf8');
    const rowsB = csvRows(exportB.rawPayload).slice(1);
    expect(rowsB.length).toBe(logB.length); // B's own entries (its export's entry comes after)
    for (const id of [adminAUser.id, staffAUser.id, companyA]) expect(text).not.toContain(id);
    for (const word of ['秘密', '株式会社あさひ', '管理 花子', '人事 次郎']) expect(text).not.toContain(word);
    expect(exportB.rawPayload.toString('utf8')).not.toContain('佐藤');
    // B's export is recorded in B's log only
    expect(
      (await items(adminA, '/api/audit?action=audit.export&limit=200')).every((e) => e.tenantId === companyA),
    ).toBe(true);
    expect(await items(adminB, '/api/audit?action=audit.export')).toHaveLength(1);
  });
});

describe('the operator’s log of all companies', () => {
  it('names each company and subject, filters, exports with the company column, and audits the export', async () => {
    const { client: operator, user } = await loginAsOperator(ctx);
    const page = await items(
      operator,
      `/api/operator/audit?tenantId=${companyA}&action=alumnus.create&limit=200`,
    );
    expect(page.length).toBeGreaterThan(0);
    expect(page.every((e) => e.tenantName === '株式会社あさひ' && e.subjectName)).toBe(true);
    expect(page.map((e) => e.subjectName)).toContain('小林 翔');
    const both = await items(operator, '/api/operator/audit?action=tenant.create&limit=200');
    expect(both.map((e) => e.tenantName)).toEqual(
      expect.arrayContaining(['株式会社あさひ', '株式会社ゆうひ']),
    );
    expect(both.every((e) => e.subjectName === e.tenantName)).toBe(true);
    expect(
      await items(operator, `/api/operator/audit?actorUserId=${staffAUser.id}&tenantId=${companyB}`),
    ).toEqual([]);

    const actors = (await operator.get(`/api/operator/audit/actors?tenantId=${companyA}`)).json().items;
    expect(actors.map((a: { userId: string }) => a.userId)).toEqual(
      expect.arrayContaining([adminAUser.id, staffAUser.id]),
    );

    const res = await operator.get(`/api/operator/audit/export?tenantId=${companyA}&action=segment.create`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="audit-log-all-/);
    const rows = csvRows(res.rawPayload);
    expect(rows[0]!.slice(0, 3)).toEqual(['日時（日本時間）', '企業', '操作者']);
    expect(rows.slice(1).map((r) => [r[1], r[7]])).toEqual([['株式会社あさひ', '営業部の出戻り候補']]);

    const recorded = await items(operator, '/api/operator/audit?action=audit.export&limit=200');
    expect(recorded[0]).toMatchObject({
      tenantId: null,
      actorUserId: user.id,
      detail: {
        count: 1,
        encoding: 'utf8',
        filter: { action: 'segment.create', actorUserId: null, from: null, to: null, tenantId: companyA },
      },
    });
    // company admins do not see operator-scope entries, nor reach the operator routes
    expect(
      (await items(adminA, '/api/audit?action=audit.export&limit=200')).some((e) => e.tenantId === null),
    ).toBe(false);
    for (const url of ['/api/operator/audit/export', '/api/operator/audit/actors'])
      expect((await adminA.get(url)).statusCode, url).toBe(403);
  });
});
