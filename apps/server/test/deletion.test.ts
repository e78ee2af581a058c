import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/tables.js';
import { outgoingMail } from '../src/modules/mail/tables.js';
import { authUser } from '../src/schema.js';
import {
  BASE_URL,
  type Client,
  createCompany,
  createTestContext,
  loginAs,
  loginAsOperator,
  nextIp,
  type TestContext,
} from './helpers.js';
import { createLeaver, registerLeaver } from './member-helpers.js';

/**
 * A deletion that deletes (APPI): after an alumnus's deletion request is carried out, staff find
 * their name nowhere — not in the audit log their own acts wrote, not in the record's timeline —
 * and the outbox keeps no address or body of the mail sent to them.
 */
let ctx: TestContext;
let tenantId: string;
let admin: Client;
let operator: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (await createCompany(ctx, '株式会社さくら')).id;
  admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
  operator = (await loginAsOperator(ctx)).client;
});
afterAll(() => ctx.close());

const FAMILY = '鈴森';
const GIVEN = '紗緒里';

/** A member who registered from an invitation, saved the profile, changed consents and got a sign-in link. */
async function activeMember() {
  const leaver = await registerLeaver(ctx, admin, { familyName: FAMILY, givenName: GIVEN });
  const { member } = leaver;
  const profile = (await member.get('/api/portal/profile')).json();
  const saved = await member.put('/api/portal/profile', {
    version: profile.version,
    profile: { phone: '090-1234-5678', skills: ['経理'], interests: ['events'], returnConditions: {} },
  });
  expect(saved.statusCode).toBe(200);
  const notice = (await admin.get('/api/privacy-notice')).json();
  const consents = await member.put('/api/portal/consents', {
    granted: ['member_profile', 'events'],
    noticeVersion: notice.version,
  });
  expect(consents.statusCode).toBe(200);
  const link = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/magic-link',
    remoteAddress: nextIp(),
    headers: { origin: BASE_URL, 'content-type': 'application/json' },
    payload: { email: leaver.email, callbackURL: '/' },
  });
  expect(link.statusCode).toBe(200);
  const [user] = await ctx.db.unsafeOwner.select().from(authUser).where(eq(authUser.email, leaver.email));
  return { ...leaver, userId: user!.id };
}

const namedEntries = () =>
  ctx.db.unsafeOwner
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), like(auditLog.actorName, `%${FAMILY}%`)));
const mailTo = (email: string) =>
  ctx.db.unsafeOwner.select().from(outgoingMail).where(eq(outgoingMail.to, email));

describe('after a member’s deletion request', () => {
  it('staff find the name nowhere: audit log, its actors and export, the timeline; actions and actor id stay', async () => {
    const m = await activeMember();
    expect((await namedEntries()).length).toBeGreaterThanOrEqual(3); // registration, profile, consents
    expect((await mailTo(m.email)).length).toBeGreaterThanOrEqual(2); // invitation, sign-in link

    const res = await m.member.post('/api/portal/deletion', { confirmEmail: m.email });
    expect(res.statusCode).toBe(200);

    const log = await admin.get('/api/audit?limit=200');
    expect(log.statusCode).toBe(200);
    const theirs = (log.json().items as { actorUserId: string; actorName: string; action: string }[]).filter(
      (e) => e.actorUserId === m.userId,
    );
    expect(theirs.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'alumnus.register',
        'alumnus.self_update',
        'consent.change',
        'alumnus.anonymize',
      ]),
    );
    // their own acts show the record's placeholder, the deletion itself says the person asked
    for (const e of theirs) expect(['削除済み', '削除済み（本人）']).toContain(e.actorName);
    const actors = await admin.get('/api/audit/actors');
    const exported = await admin.get('/api/audit/export');
    expect(exported.statusCode).toBe(200);
    const timeline = await admin.get(`/api/alumni/${m.id}/timeline`);
    expect(timeline.statusCode).toBe(200);
    expect(timeline.json().items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['alumnus.self_update', 'consent.change', 'alumnus.anonymize']),
    );
    for (const shown of [log.body, actors.body, exported.rawPayload.toString('utf8'), timeline.body])
      for (const erased of [FAMILY, GIVEN, m.email]) expect(shown).not.toContain(erased);
    expect(await namedEntries()).toEqual([]);
  });

  it('the outbox keeps no address or body of their mail, and the account is gone', async () => {
    const m = await activeMember();
    const before = (await mailTo(m.email)).map((r) => r.id);
    expect((await m.member.post('/api/portal/deletion', { confirmEmail: m.email })).statusCode).toBe(200);

    expect(await mailTo(m.email)).toEqual([]);
    const rows = await ctx.db.unsafeOwner.select().from(outgoingMail);
    const erased = rows.filter((r) => before.includes(r.id));
    expect(erased).toHaveLength(before.length); // the company's invitation and the sign-in link alike
    for (const r of erased) expect(r).toMatchObject({ to: null, text: null, html: null });
    const list = await operator.get('/api/mail?limit=200');
    expect(list.statusCode).toBe(200);
    const one = await operator.get(`/api/mail/${before[0]}`);
    expect(one.json()).toMatchObject({ to: null, text: null, html: null, erasedAt: expect.any(String) });
    for (const shown of [list.body, one.body]) {
      expect(shown).not.toContain(m.email);
      expect(shown).not.toContain(FAMILY);
    }
    expect(await ctx.db.unsafeOwner.select().from(authUser).where(eq(authUser.id, m.userId))).toEqual([]);
    expect((await m.member.get('/api/portal/me')).statusCode).toBe(401);
  });

  it('is one transaction: when a step fails, nothing is anonymized, erased or removed', async () => {
    const m = await activeMember();
    // sabotage the last step (the outbox), on the owner connection, for this test only
    await ctx.db.unsafeOwner.execute(
      `create function test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`,
    );
    await ctx.db.unsafeOwner.execute(
      'create trigger test_refuse before update on outgoing_mail for each row execute function test_refuse()',
    );
    try {
      const res = await m.member.post('/api/portal/deletion', { confirmEmail: m.email });
      expect(res.statusCode).toBe(500);
    } finally {
      await ctx.db.unsafeOwner.execute('drop trigger test_refuse on outgoing_mail');
      await ctx.db.unsafeOwner.execute('drop function test_refuse()');
    }
    expect((await admin.get(`/api/alumni/${m.id}`)).json()).toMatchObject({
      anonymizedAt: null,
      familyName: FAMILY,
    });
    expect((await namedEntries()).some((e) => e.actorUserId === m.userId)).toBe(true);
    expect(await ctx.db.unsafeOwner.select().from(authUser).where(eq(authUser.id, m.userId))).toHaveLength(1);
    expect((await mailTo(m.email)).length).toBeGreaterThanOrEqual(2);
    // and once the fault is gone, the same request completes
    expect((await m.member.post('/api/portal/deletion', { confirmEmail: m.email })).statusCode).toBe(200);
    expect(await ctx.db.unsafeOwner.select().from(authUser).where(eq(authUser.id, m.userId))).toEqual([]);
  });
});

describe('anonymization by staff of a person who never registered', () => {
  it('erases the address and body of the invitation mailed to them', async () => {
    const leaver = await createLeaver(admin, { familyName: FAMILY, givenName: GIVEN });
    expect((await admin.post(`/api/alumni/${leaver.id}/invitation`)).statusCode).toBe(201);
    const [invitation] = await mailTo(leaver.email);
    expect(invitation?.text).toContain(FAMILY); // the greeting names them
    const version = (await admin.get(`/api/alumni/${leaver.id}`)).json().version;
    const res = await admin.post(`/api/alumni/${leaver.id}/anonymize`, { reason: '電話で依頼', version });
    expect(res.statusCode).toBe(200);
    const [row] = await ctx.db.unsafeOwner
      .select()
      .from(outgoingMail)
      .where(eq(outgoingMail.id, invitation!.id));
    expect(row).toMatchObject({ to: null, text: null, html: null });
    expect(row!.erasedAt).toBeInstanceOf(Date);
  });
});
