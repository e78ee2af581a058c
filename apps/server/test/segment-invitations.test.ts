import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactableMembers } from '../src/modules/membership/membership.js';
import { alumniInvitations } from '../src/modules/membership/tables.js';
import {
  type Client,
  createCompany,
  createTestContext,
  lastMailTo,
  loginAs,
  type TestContext,
} from './helpers.js';
import { createLeaver, registerLeaver } from './member-helpers.js';

let ctx: TestContext;
let tenantId: string;
let admin: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (await createCompany(ctx, '株式会社さくら')).id;
  admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
});
afterAll(() => ctx.close());

describe('invitations to a whole segment', () => {
  it('counts on a dry run, invites only who may be invited, mails after saving, and never twice in 7 days', async () => {
    const department = `セグ部-${Date.now()}`;
    const over = { department };
    const fresh = await createLeaver(admin, over);
    const oldInvite = await createLeaver(admin, over);
    await admin.post(`/api/alumni/${oldInvite.id}/invitation`);
    await ctx.db.unsafeOwner
      .update(alumniInvitations)
      .set({ createdAt: new Date(Date.now() - 8 * 86_400_000) })
      .where(and(eq(alumniInvitations.tenantId, tenantId), eq(alumniInvitations.alumnusId, oldInvite.id)));
    const recent = await createLeaver(admin, over);
    await admin.post(`/api/alumni/${recent.id}/invitation`);
    await registerLeaver(ctx, admin, over);
    const optedOut = await registerLeaver(ctx, admin, over);
    await optedOut.member.post('/api/portal/opt-out');
    await createLeaver(admin, { ...over, doNotContact: true, doNotContactReason: '本人希望' });
    await createLeaver(admin, { ...over, email: null });
    const gone = await createLeaver(admin, over);
    await admin.post(`/api/alumni/${gone.id}/anonymize`, { reason: '依頼', version: 1 });

    const segment = (
      await admin.post('/api/alumni/segments', { name: department, filter: { department } })
    ).json();
    const expectedSkips = {
      registered: 2,
      doNotContact: 1,
      noEmail: 1,
      alreadyInvited: 1,
      anonymized: 1,
      retired: 0,
    };

    const dry = await admin.post(`/api/alumni/segments/${segment.id}/invitations?dryRun=true`);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({ invited: 2, skipped: expectedSkips, mailNotSent: 0 });
    expect(await lastMailTo(ctx, fresh.email)).toBeNull();

    const real = await admin.post(`/api/alumni/segments/${segment.id}/invitations?dryRun=false`);
    expect(real.json()).toEqual({ invited: 2, skipped: expectedSkips, mailNotSent: 0 });
    expect((await lastMailTo(ctx, fresh.email))?.subject).toBe('株式会社さくら アルムナイ会員へのご招待');
    const timeline = (await admin.get(`/api/alumni/${fresh.id}/timeline`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(timeline).toContain('alumnus.invite');
    const [batch] = (await admin.get('/api/audit?action=segment.invite')).json().items;
    expect(batch).toMatchObject({ subjectId: segment.id, detail: { invited: 2, skipped: expectedSkips } });

    const again = (await admin.post(`/api/alumni/segments/${segment.id}/invitations`)).json();
    expect(again).toEqual({ invited: 0, skipped: { ...expectedSkips, alreadyInvited: 3 }, mailNotSent: 0 });
  });

  it('needs alumni:write, and a segment of this company', async () => {
    const segment = (
      await admin.post('/api/alumni/segments', { name: `s-${Date.now()}`, filter: {} })
    ).json();
    const { client: staff } = await loginAs(ctx, tenantId, 'company_staff');
    const res = await staff.post(`/api/alumni/segments/${segment.id}/invitations?dryRun=true`);
    expect(res.statusCode).toBe(200); // company staff hold alumni:write
    const missing = await admin.post('/api/alumni/segments/00000000-0000-4000-8000-000000000000/invitations');
    expect(missing.statusCode).toBe(404);
  });
});

describe('consent withdrawal stops contact', () => {
  it('a member who withdraws a purpose, or opts out, is no longer in that purpose’s audience', async () => {
    const a = await registerLeaver(ctx, admin, {}, ['member_profile', 'job_offers', 'events']);
    const b = await registerLeaver(ctx, admin, {}, ['member_profile', 'job_offers', 'events']);
    const c = await registerLeaver(ctx, admin, {}, ['member_profile', 'job_offers', 'events']);
    const ids = [a.id, b.id, c.id];
    const audience = (purpose: 'job_offers' | 'events') =>
      ctx.db
        .withTenant(tenantId, (tx) => contactableMembers(tx, tenantId, purpose, ids))
        .then((rows) => rows.map((r) => r.id).sort());
    expect(await audience('job_offers')).toEqual([...ids].sort());

    const notice = (await admin.get('/api/privacy-notice')).json();
    await a.member.put('/api/portal/consents', {
      granted: ['member_profile', 'events'],
      noticeVersion: notice.version,
    });
    await b.member.post('/api/portal/opt-out');
    expect(await audience('job_offers')).toEqual([c.id]);
    expect(await audience('events')).toEqual([a.id, c.id].sort());

    // invitations refuse them too: a member is never re-invited, an opted-out one is do-not-contact
    const invA = await admin.post(`/api/alumni/${a.id}/invitation`);
    expect(invA.statusCode).toBe(409);
    expect(invA.json().error.fields[0].message).toBe('既に会員登録済みです。');
    const invB = await admin.post(`/api/alumni/${b.id}/invitation`);
    expect(invB.json().error.fields[0].message).toBe('連絡不可の方です。');

    // after deletion the person is in no audience at all
    await c.member.post('/api/portal/deletion', { confirmEmail: c.email });
    expect(await audience('events')).toEqual([a.id]);
  });
});
