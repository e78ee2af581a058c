import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/tables.js';
import { invitations, memberships } from '../src/modules/identity/tables.js';
import {
  anonymous,
  type Client,
  createCompany,
  createTestContext,
  lastMailTo,
  linkIn,
  loginAs,
  loginAsOperator,
  signIn,
  type TestContext,
  uniqueEmail,
} from './helpers.js';

let ctx: TestContext;
let tenantId: string;
let admin: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (await createCompany(ctx, '株式会社さくら')).id;
  admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
});
afterAll(() => ctx.close());

function tokenOf(text: string) {
  return new URL(linkIn(text)).pathname.split('/').pop()!;
}

describe('inviting staff', () => {
  it('mails an invitation the invitee accepts, then signs in as a member of the company', async () => {
    const email = uniqueEmail('invitee');
    const res = await admin.post('/api/invitations', { email: email.toUpperCase(), role: 'company_staff' });
    expect(res.statusCode).toBe(201);

    const mail = await lastMailTo(ctx, email);
    expect(mail?.subject).toBe('株式会社さくら から Kizuna への招待');
    expect(mail?.text).toContain('企業スタッフ');
    const token = tokenOf(mail!.text);

    const list = (await admin.get('/api/invitations')).json().items;
    expect(list).toMatchObject([{ email, role: 'company_staff', status: 'pending' }]);

    const preview = await anonymous(ctx).get(`/api/public/invitations/${token}`);
    expect(preview.json()).toMatchObject({ tenantName: '株式会社さくら', email, hasAccount: false });

    const missing = await anonymous(ctx).post(`/api/public/invitations/${token}/accept`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'body.name',
      'body.password',
    ]);

    const accept = await anonymous(ctx).post(`/api/public/invitations/${token}/accept`, {
      name: '新人 花子',
      password: 'hanako-password-1',
    });
    expect(accept.statusCode).toBe(200);
    expect(accept.json()).toEqual({ email, createdAccount: true });

    const member = await signIn(ctx, email, 'hanako-password-1');
    const me = (await member.get('/api/me')).json();
    expect(me.activeTenant).toMatchObject({ id: tenantId, role: 'company_staff' });
    expect(me.permissions).toEqual(['staff:read', 'alumni:read', 'alumni:write', 'rehire-policy:read']);

    const staff = (await admin.get('/api/staff')).json();
    expect(staff.map((s: { email: string }) => s.email)).toContain(email);
    expect((await admin.get('/api/invitations')).json().items[0].status).toBe('accepted');

    // a used link cannot be used again
    const again = await anonymous(ctx).post(`/api/public/invitations/${token}/accept`, {
      name: 'x',
      password: 'another-password',
    });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('invitation_invalid');

    const actions = (await admin.get('/api/audit')).json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['invitation.create', 'invitation.accept']));
  });

  it('lets an existing account join another company without a new password', async () => {
    const other = await createCompany(ctx, '別会社');
    const { user } = await loginAs(ctx, other.id, 'company_staff');
    await admin.post('/api/invitations', { email: user.email, role: 'company_admin' });
    const token = tokenOf((await lastMailTo(ctx, user.email))!.text);
    expect((await anonymous(ctx).get(`/api/public/invitations/${token}`)).json().hasAccount).toBe(true);
    const accept = await anonymous(ctx).post(`/api/public/invitations/${token}/accept`, {});
    expect(accept.json()).toEqual({ email: user.email, createdAccount: false });
    const me = await signIn(ctx, user.email);
    const body = (await me.get('/api/me')).json();
    expect(body.memberships.map((m: { tenantId: string }) => m.tenantId).sort()).toEqual(
      [tenantId, other.id].sort(),
    );
    // switching the active company changes what the session acts on
    expect((await me.put('/api/me/active-tenant', { tenantId })).statusCode).toBe(200);
    expect((await me.get('/api/me')).json().activeTenant).toMatchObject({
      id: tenantId,
      role: 'company_admin',
    });
    expect((await me.get('/api/invitations')).statusCode).toBe(200);
  });

  it('refuses to invite someone who is already a member, in the user’s language', async () => {
    const { user } = await loginAs(ctx, tenantId, 'company_staff');
    const res = await admin.request({
      method: 'POST',
      url: '/api/invitations',
      payload: { email: user.email, role: 'company_staff' },
      lang: 'en',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'already_member',
      fields: [{ path: 'body.email', message: 'Already a member.' }],
    });
  });

  it('rejects bad input with field messages and creates nothing', async () => {
    const before = (await admin.get('/api/invitations')).json().items.length;
    const res = await admin.post('/api/invitations', { email: 'not-an-email', role: 'alumnus' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'validation_failed',
      message: '入力内容に誤りがあります。',
      fields: [
        { path: 'body.email', message: 'メールアドレスの形式が正しくありません。' },
        { path: 'body.role', message: '値が正しくありません。' },
      ],
    });
    expect((await admin.get('/api/invitations')).json().items.length).toBe(before);
  });

  it('a resent link replaces the old one; a revoked link stops working', async () => {
    const email = uniqueEmail('resend');
    const created = (await admin.post('/api/invitations', { email, role: 'company_staff' })).json();
    const first = tokenOf((await lastMailTo(ctx, email))!.text);
    const resent = await admin.post(`/api/invitations/${created.id}/resend`);
    expect(resent.statusCode).toBe(201);
    const second = tokenOf((await lastMailTo(ctx, email))!.text);
    expect(second).not.toBe(first);
    expect((await anonymous(ctx).get(`/api/public/invitations/${first}`)).statusCode).toBe(410);
    expect((await anonymous(ctx).get(`/api/public/invitations/${second}`)).statusCode).toBe(200);

    expect((await admin.delete(`/api/invitations/${resent.json().id}`)).statusCode).toBe(200);
    expect((await anonymous(ctx).get(`/api/public/invitations/${second}`)).statusCode).toBe(410);
  });

  it('an expired link answers 410 and is shown as expired', async () => {
    const email = uniqueEmail('expired');
    const { id } = (await admin.post('/api/invitations', { email, role: 'company_staff' })).json();
    await ctx.db.unsafeOwner
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, id));
    const token = tokenOf((await lastMailTo(ctx, email))!.text);
    expect((await anonymous(ctx).get(`/api/public/invitations/${token}`)).statusCode).toBe(410);
    const row = (await admin.get('/api/invitations')).json().items.find((i: { id: string }) => i.id === id);
    expect(row.status).toBe('expired');
  });

  it('company staff may list colleagues but not invite', async () => {
    const { client: staff } = await loginAs(ctx, tenantId, 'company_staff');
    expect((await staff.get('/api/staff')).statusCode).toBe(200);
    const res = await staff.post('/api/invitations', { email: uniqueEmail(), role: 'company_staff' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('an operator admin opens a company and invites there', async () => {
    const { client: operator } = await loginAsOperator(ctx);
    expect((await operator.get('/api/invitations')).statusCode).toBe(403); // no company open yet
    expect((await operator.put('/api/me/active-tenant', { tenantId })).statusCode).toBe(200);
    const email = uniqueEmail('by-operator');
    expect((await operator.post('/api/invitations', { email, role: 'company_admin' })).statusCode).toBe(201);
    expect((await lastMailTo(ctx, email))?.tenantId).toBe(tenantId);
  });

  it('a failure halfway through accepting leaves nothing behind', async () => {
    const email = uniqueEmail('halfway');
    await admin.post('/api/invitations', { email, role: 'company_staff' });
    const token = tokenOf((await lastMailTo(ctx, email))!.text);
    const membersBefore = await ctx.db.unsafeOwner.select().from(memberships);
    const auditBefore = await ctx.db.unsafeOwner.select().from(auditLog);
    // sabotage: the audit insert (last step of the transaction) fails
    await ctx.db.unsafeOwner.execute(
      sql`alter table audit_log add constraint audit_sabotage check (action <> 'invitation.accept') not valid`,
    );
    try {
      const res = await anonymous(ctx).post(`/api/public/invitations/${token}/accept`, {
        name: '途中 失敗',
        password: 'halfway-password',
      });
      expect(res.statusCode).toBe(500);
      expect(res.json().error).toEqual({
        code: 'internal',
        message: 'サーバーでエラーが発生しました。時間をおいて再度お試しください。',
      });
    } finally {
      await ctx.db.unsafeOwner.execute(sql`alter table audit_log drop constraint audit_sabotage`);
    }
    expect(await ctx.db.unsafeOwner.select().from(memberships)).toHaveLength(membersBefore.length);
    expect(await ctx.db.unsafeOwner.select().from(auditLog)).toHaveLength(auditBefore.length);
    expect((await anonymous(ctx).get(`/api/public/invitations/${token}`)).statusCode).toBe(200); // still usable
    await expect(signIn(ctx, email, 'halfway-password')).rejects.toThrow(/401/);
  });
});
