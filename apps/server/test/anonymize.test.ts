import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsafeRekeyErasedEmailHashes } from '../src/modules/alumni/index.js';
import { alumni } from '../src/modules/alumni/tables.js';
import { alumniConsents } from '../src/modules/membership/tables.js';
import { authUser, memberships } from '../src/schema.js';
import {
  anonymous,
  type Client,
  createCompany,
  createTestContext,
  lastMailTo,
  linkIn,
  loginAs,
  type TestContext,
} from './helpers.js';
import { createLeaver, registerLeaver } from './member-helpers.js';

let ctx: TestContext;
let tenantId: string;
let admin: Client;
let staff: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (await createCompany(ctx, '株式会社さくら')).id;
  admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
  staff = (await loginAs(ctx, tenantId, 'company_staff')).client;
});
afterAll(() => ctx.close());

const full = {
  familyName: '山田',
  givenName: '花子',
  familyNameKana: 'ヤマダ',
  givenNameKana: 'ハナコ',
  phone: '090-0000-1111',
  position: '主任',
  joinedOn: '2015-04-01',
  leftOn: '2022-09-30',
  leaveType: 'voluntary',
  leaveReasonCategory: 'career_growth',
  leaveReasonNote: '家族の事情で転居',
  currentCompany: '株式会社つばき',
  currentTitle: '課長',
  skills: ['経理'],
  tags: ['要フォロー'],
  internalNotes: '面談で本音を聞いた',
  returnConditions: { workStyle: '時短' },
};

async function rowOf(id: string) {
  const [row] = await ctx.db.unsafeOwner
    .select()
    .from(alumni)
    .where(and(eq(alumni.tenantId, tenantId), eq(alumni.id, id)));
  return row!;
}

function importCsv(client: Client, path: 'preview' | 'apply', csv: string) {
  return client.request({
    method: 'POST',
    url: `/api/alumni/import/${path}`,
    headers: { 'content-type': 'text/csv' },
    payload: Buffer.from(csv, 'utf8'),
  });
}

function expectAnonymized(row: Awaited<ReturnType<typeof rowOf>>, employeeNumber: string) {
  expect(row).toMatchObject({
    familyName: '削除済み',
    givenName: '',
    familyNameKana: null,
    givenNameKana: null,
    email: null,
    phone: null,
    currentCompany: null,
    currentTitle: null,
    skills: [],
    interests: [],
    tags: [],
    internalNotes: null,
    leaveReasonNote: null,
    returnConditions: {},
    searchText: '',
    searchGrams: [],
    userId: null,
    doNotContact: true,
    // employment facts stay
    employeeNumber,
    department: '営業部',
    position: '主任',
    joinedOn: '2015-04-01',
    leftOn: '2022-09-30',
    leaveType: 'voluntary',
    leaveReasonCategory: 'career_growth',
  });
  expect(row.anonymizedAt).not.toBeNull();
  expect(row.erasedEmailHash).toMatch(/^hmac:[0-9a-f]{64}$/);
}

describe('deletion on request by the member (削除依頼)', () => {
  it('needs the e-mail on record typed to confirm', async () => {
    const { member } = await registerLeaver(ctx, admin);
    const res = await member.post('/api/portal/deletion', { confirmEmail: 'someone-else@example.test' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: 'body.confirmEmail', message: '登録されているメールアドレスと一致しません。' },
    ]);
    expect((await member.get('/api/portal/me')).statusCode).toBe(200);
  });

  it('anonymizes in one step: facts kept, personal data cleared, consents withdrawn, account gone', async () => {
    const { id, email, employeeNumber, member } = await registerLeaver(ctx, admin, full);
    const userId = (await rowOf(id)).userId!;
    const res = await member.post('/api/portal/deletion', { confirmEmail: email.toUpperCase() });
    expect(res.statusCode).toBe(200);

    expectAnonymized(await rowOf(id), employeeNumber!);
    const consents = await ctx.db.unsafeOwner
      .select()
      .from(alumniConsents)
      .where(and(eq(alumniConsents.tenantId, tenantId), eq(alumniConsents.alumnusId, id)));
    expect(consents.length).toBeGreaterThan(0); // kept as proof of what was agreed
    expect(consents.every((c) => c.withdrawnAt !== null)).toBe(true);
    expect(await ctx.db.unsafeOwner.select().from(memberships).where(eq(memberships.userId, userId))).toEqual(
      [],
    );
    expect(await ctx.db.unsafeOwner.select().from(authUser).where(eq(authUser.id, userId))).toEqual([]);
    // the session went with the account
    expect((await member.get('/api/portal/me')).statusCode).toBe(401);

    const detail = (await admin.get(`/api/alumni/${id}`)).json();
    expect(detail.anonymizedAt).not.toBeNull();
    expect(detail.isRegistered).toBe(false);
    const [entry] = (await admin.get('/api/audit?action=alumnus.anonymize')).json().items;
    expect(entry).toMatchObject({ subjectId: id, detail: { source: 'member' } });
    const logged = JSON.stringify(entry);
    for (const erased of [email, '山田', 'ヤマダ', 'つばき', '090-0000-1111'])
      expect(logged).not.toContain(erased);
  });

  it('keeps the account of a person who is also staff elsewhere, removing only this membership', async () => {
    const { id, email, member } = await registerLeaver(ctx, admin);
    const userId = (await rowOf(id)).userId!;
    const other = await createCompany(ctx);
    await ctx.db.unsafeOwner
      .insert(memberships)
      .values({ tenantId: other.id, userId, role: 'company_staff' });
    expect((await member.put('/api/me/active-tenant', { tenantId })).statusCode).toBe(200);
    expect((await member.post('/api/portal/deletion', { confirmEmail: email })).statusCode).toBe(200);
    expect(await ctx.db.unsafeOwner.select().from(authUser).where(eq(authUser.id, userId))).toHaveLength(1);
    const left = await ctx.db.unsafeOwner.select().from(memberships).where(eq(memberships.userId, userId));
    expect(left.map((m) => m.tenantId)).toEqual([other.id]);
  });
});

describe('anonymization by staff', () => {
  it('needs alumni:anonymize, a reason and the current version', async () => {
    const { id } = await createLeaver(admin, full);
    const version = (await admin.get(`/api/alumni/${id}`)).json().version;
    expect(
      (await staff.post(`/api/alumni/${id}/anonymize`, { reason: '電話で依頼', version })).statusCode,
    ).toBe(403);
    const noReason = await admin.post(`/api/alumni/${id}/anonymize`, { reason: ' ', version });
    expect(noReason.statusCode).toBe(400);
    const stale = await admin.post(`/api/alumni/${id}/anonymize`, {
      reason: '電話で依頼',
      version: version - 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    expect((await rowOf(id)).anonymizedAt).toBeNull();
  });

  it('anonymizes, revokes the pending invitation, then refuses edits and invitations with 409 anonymized', async () => {
    const { id, email, employeeNumber } = await createLeaver(admin, full);
    await admin.post(`/api/alumni/${id}/invitation`);
    const token = new URL(linkIn((await lastMailTo(ctx, email))!.text)).pathname.split('/').pop()!;
    const before = (await admin.get(`/api/alumni/${id}`)).json();
    const res = await admin.post(`/api/alumni/${id}/anonymize`, {
      reason: '郵送で削除依頼',
      version: before.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().anonymizedAt).not.toBeNull();
    expect(res.json().familyName).toBe('削除済み');
    expectAnonymized(await rowOf(id), employeeNumber!);
    expect((await anonymous(ctx).get(`/api/public/alumni-invitations/${token}`)).statusCode).toBe(410);

    const edit = await admin.put(`/api/alumni/${id}`, {
      version: res.json().version,
      alumnus: { ...full, email, employeeNumber },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('anonymized');
    const invite = await admin.post(`/api/alumni/${id}/invitation`);
    expect(invite.statusCode).toBe(409);
    expect(invite.json().error.code).toBe('anonymized');
    const again = await admin.post(`/api/alumni/${id}/anonymize`, {
      reason: '二重',
      version: res.json().version,
    });
    expect(again.json().error.code).toBe('anonymized');

    const [entry] = (await admin.get('/api/audit?action=alumnus.anonymize')).json().items;
    expect(entry).toMatchObject({ subjectId: id, detail: { source: 'staff', reason: '郵送で削除依頼' } });
    // name search no longer finds the person; the timeline shows the anonymization
    const timeline = (await admin.get(`/api/alumni/${id}/timeline`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(timeline).toContain('alumnus.anonymize');
  });

  it('a re-import of the HR file never brings the person back (by employee number or by the erased e-mail)', async () => {
    const a = await createLeaver(admin, { ...full, employeeNumber: 'Z-1001' });
    const b = await createLeaver(admin, { ...full, familyName: '川口', employeeNumber: 'Z-1002' });
    for (const x of [a, b]) {
      const v = (await admin.get(`/api/alumni/${x.id}`)).json().version;
      expect(
        (await admin.post(`/api/alumni/${x.id}/anonymize`, { reason: '依頼', version: v })).statusCode,
      ).toBe(200);
    }
    const csv = [
      '社員番号,姓,名,メールアドレス,部署,退職日,退職区分',
      `Z-1001,山田,花子,${a.email},営業部,2022/09/30,自己都合`,
      // the same person under a new number: recognized by the erased e-mail's hash
      `Z-9999,川口,花子,${b.email.toUpperCase()},営業部,2022/09/30,自己都合`,
      `Z-1003,新井,一郎,${`new-${a.email}`},営業部,2022/09/30,自己都合`,
    ].join('\r\n');
    const preview = await importCsv(admin, 'preview', csv);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().summary).toEqual({ create: 1, update: 0, unchanged: 2, rejected: 0 });
    expect(preview.json().skipped).toEqual([
      { row: 2, message: '削除のご依頼により匿名化された方のため、取り込みません' },
      { row: 3, message: '削除のご依頼により匿名化された方のため、取り込みません' },
    ]);
    const applied = await importCsv(admin, 'apply', csv);
    expect(applied.statusCode).toBe(200);
    expectAnonymized(await rowOf(a.id), 'Z-1001');
    expectAnonymized(await rowOf(b.id), 'Z-1002');
    const list = (await admin.get('/api/alumni?limit=100')).json().items as { email: string | null }[];
    expect(list.some((r) => r.email === b.email || r.email === a.email)).toBe(false);

    // the export shows them anonymized, without personal data
    const exported = (await admin.get('/api/alumni/export')).rawPayload.toString('utf8');
    expect(exported).toContain('Z-1001,削除済み,');
    expect(exported).not.toContain(`,${a.email},`);
  });
});

describe('the erased address’s hash', () => {
  const sha256 = (email: string) => createHash('sha256').update(email).digest('hex');
  const csvFor = (email: string) =>
    [
      '社員番号,姓,名,メールアドレス,部署,退職日,退職区分',
      `H-${Date.now()},別名,花子,${email},営業部,2022/09/30,自己都合`,
    ].join('\r\n');

  it('is keyed with the server secret: a bare SHA-256 of a guessed address does not match, the import still recognises it', async () => {
    const { id, email } = await createLeaver(admin, full);
    const version = (await admin.get(`/api/alumni/${id}`)).json().version;
    expect((await admin.post(`/api/alumni/${id}/anonymize`, { reason: '依頼', version })).statusCode).toBe(
      200,
    );
    const stored = (await rowOf(id)).erasedEmailHash!;
    expect(stored).not.toContain(sha256(email));
    expect(stored).not.toContain(sha256(email.toUpperCase()));
    const preview = (await importCsv(admin, 'preview', csvFor(email.toUpperCase()))).json();
    expect(preview.summary).toMatchObject({ create: 0, unchanged: 1 });
    expect(preview.skipped).toHaveLength(1);
  });

  it('stored before the key (a bare SHA-256) is re-keyed at start, then recognised as before', async () => {
    const { id, email } = await createLeaver(admin, full);
    const version = (await admin.get(`/api/alumni/${id}`)).json().version;
    await admin.post(`/api/alumni/${id}/anonymize`, { reason: '依頼', version });
    await ctx.db.unsafeOwner
      .update(alumni)
      .set({ erasedEmailHash: sha256(email) }) // as written before issue 9
      .where(and(eq(alumni.tenantId, tenantId), eq(alumni.id, id)));
    expect((await importCsv(admin, 'preview', csvFor(email))).json().summary.create).toBe(1);

    expect(await unsafeRekeyErasedEmailHashes(ctx.db, ctx.config.secret)).toBe(1);
    expect(await unsafeRekeyErasedEmailHashes(ctx.db, ctx.config.secret)).toBe(0); // once
    expect((await rowOf(id)).erasedEmailHash).toMatch(/^hmac:[0-9a-f]{64}$/);
    const preview = (await importCsv(admin, 'preview', csvFor(email))).json();
    expect(preview.summary).toMatchObject({ create: 0, unchanged: 1 });
  });
});
