import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/tables.js';
import { unsafeRemoveOperatorStaff } from '../src/modules/identity/staff.js';
import { invitations, memberships, operatorStaff } from '../src/modules/identity/tables.js';
import {
  anonymous,
  type Client,
  clientFor,
  cookiesOf,
  createCompany,
  createMember,
  createOperator,
  createTestContext,
  lastMailTo,
  linkIn,
  loginAs,
  PASSWORD,
  signIn,
  type TestContext,
  uniqueEmail,
} from './helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** The membership id of a user in a company, as the staff list shows it. */
async function membershipIdOf(admin: Client, userId: string): Promise<string> {
  const staff = (await admin.get('/api/staff')).json() as { userId: string; membershipId: string }[];
  const found = staff.find((s) => s.userId === userId);
  if (!found) throw new Error(`${userId} is not in the staff list`);
  return found.membershipId;
}

async function auditEntries(action: string, subjectId: string) {
  return ctx.db.unsafeOwner
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));
}

async function rolesIn(tenantId: string) {
  const rows = await ctx.db.unsafeOwner
    .select({ role: memberships.role })
    .from(memberships)
    .where(eq(memberships.tenantId, tenantId));
  return rows.map((r) => r.role).sort();
}

describe('a company admin manages staff', () => {
  let tenantId: string;
  let admin: Client;
  beforeAll(async () => {
    tenantId = (await createCompany(ctx, '株式会社スタッフ')).id;
    admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
  });

  it('changes a member’s role: audited with before and after, and their sessions end at once', async () => {
    const { user, client: member } = await loginAs(ctx, tenantId, 'company_staff');
    expect((await member.get('/api/me')).statusCode).toBe(200); // the session is read (and cached)
    const id = await membershipIdOf(admin, user.id);

    const res = await admin.patch(`/api/staff/${id}`, { role: 'employee' });
    expect(res.statusCode).toBe(200);

    expect((await member.get('/api/me')).statusCode).toBe(401);
    const again = await signIn(ctx, user.email);
    const me = (await again.get('/api/me')).json();
    expect(me.activeTenant.role).toBe('employee');
    expect(me.permissions).toEqual(['rehire-policy:read']);
    expect((await again.get('/api/alumni')).statusCode).toBe(403);

    const [entry] = await auditEntries('staff.role_change', id);
    expect(entry?.detail).toMatchObject({ email: user.email, before: 'company_staff', after: 'employee' });
  });

  it('removes a member: their next request answers 401, and signing in again opens no company', async () => {
    const { user, client: member } = await loginAs(ctx, tenantId, 'company_admin');
    expect((await member.get('/api/staff')).statusCode).toBe(200);
    const id = await membershipIdOf(admin, user.id);

    const res = await admin.delete(`/api/staff/${id}`);
    expect(res.statusCode).toBe(200);

    expect((await member.get('/api/staff')).statusCode).toBe(401);
    expect((await member.get('/api/me')).statusCode).toBe(401);
    const staff = (await admin.get('/api/staff')).json() as { userId: string }[];
    expect(staff.some((s) => s.userId === user.id)).toBe(false);
    const again = await signIn(ctx, user.email);
    expect((await again.get('/api/me')).json()).toMatchObject({ activeTenant: null, permissions: [] });
    expect((await again.get('/api/staff')).statusCode).toBe(403);

    const [entry] = await auditEntries('staff.remove', id);
    expect(entry?.detail).toMatchObject({ email: user.email, before: 'company_admin', after: null });
  });

  it('removes a member who joined by invitation; the invitation stays in the list as accepted', async () => {
    const email = uniqueEmail('joined');
    const invited = await admin.post('/api/invitations', { email, role: 'company_staff' });
    expect(invited.statusCode).toBe(201);
    const token = new URL(linkIn((await lastMailTo(ctx, email))!.text)).pathname.split('/').pop()!;
    const accepted = await anonymous(ctx).post(`/api/public/invitations/${token}/accept`, {
      name: '招待 太郎',
      password: 'joined-password-1',
    });
    expect(accepted.statusCode).toBe(200);
    const member = await signIn(ctx, email, 'joined-password-1');
    const { user } = (await member.get('/api/me')).json();
    const id = await membershipIdOf(admin, user.id);

    const res = await admin.delete(`/api/staff/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await member.get('/api/me')).statusCode).toBe(401);
    const list = (await admin.get('/api/invitations')).json().items as { email: string; status: string }[];
    expect(list.find((i) => i.email === email)?.status).toBe('accepted');
  });

  it('refuses to demote or remove the last admin, in the user’s language, and changes nothing', async () => {
    const lone = (await createCompany(ctx, '株式会社ひとり')).id;
    const { user, client: onlyAdmin } = await loginAs(ctx, lone, 'company_admin');
    const id = await membershipIdOf(onlyAdmin, user.id);

    const demote = await onlyAdmin.patch(`/api/staff/${id}`, { role: 'company_staff' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error).toMatchObject({ code: 'last_admin' });
    expect(demote.json().error.message).toContain('最後の管理者');

    const remove = await onlyAdmin.request({ method: 'DELETE', url: `/api/staff/${id}`, lang: 'en' });
    expect(remove.statusCode).toBe(409);
    expect(remove.json().error.message).toBe(
      'The last admin cannot be removed or given another role. Make someone else an admin first.',
    );
    expect(await rolesIn(lone)).toEqual(['company_admin']);
    expect((await onlyAdmin.get('/api/me')).statusCode).toBe(200);
    expect(await auditEntries('staff.role_change', id)).toEqual([]);
  });

  it('of two concurrent demotions of the last two admins, one answers 409 and one admin stays', async () => {
    const pair = (await createCompany(ctx, '株式会社ふたり')).id;
    const first = await loginAs(ctx, pair, 'company_admin');
    const second = await loginAs(ctx, pair, 'company_admin');
    const ids = [
      await membershipIdOf(first.client, first.user.id),
      await membershipIdOf(first.client, second.user.id),
    ];
    // an operator admin acting in the company demotes both at the same moment
    const operator = await signIn(ctx, (await createOperator(ctx)).email);
    await operator.put('/api/me/active-tenant', { tenantId: pair });
    const answers = await Promise.all(
      ids.map((id) => operator.patch(`/api/staff/${id}`, { role: 'company_staff' })),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await rolesIn(pair)).toEqual(['company_admin', 'company_staff']);

    // two concurrent removals of a new pair of last admins: the same rule
    await operator.patch(`/api/staff/${ids[0]}`, { role: 'company_admin' });
    await operator.patch(`/api/staff/${ids[1]}`, { role: 'company_admin' });
    expect(await rolesIn(pair)).toEqual(['company_admin', 'company_admin']);
    const removals = await Promise.all(ids.map((id) => operator.delete(`/api/staff/${id}`)));
    expect(removals.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await rolesIn(pair)).toEqual(['company_admin']);
  });

  it('company staff may not change roles or remove anyone; alumni are not staff (404)', async () => {
    const { client: staff } = await loginAs(ctx, tenantId, 'company_staff');
    const target = await createMember(ctx, tenantId, 'company_staff');
    const id = await membershipIdOf(admin, target.id);
    expect((await staff.patch(`/api/staff/${id}`, { role: 'company_admin' })).statusCode).toBe(403);
    expect((await staff.delete(`/api/staff/${id}`)).statusCode).toBe(403);

    const alumnus = await createMember(ctx, tenantId, 'alumnus');
    const [row] = await ctx.db.unsafeOwner
      .select({ id: memberships.id })
      .from(memberships)
      .where(eq(memberships.userId, alumnus.id));
    expect((await admin.patch(`/api/staff/${row!.id}`, { role: 'company_admin' })).statusCode).toBe(404);
    expect((await admin.delete(`/api/staff/${row!.id}`)).statusCode).toBe(404);
    expect(
      await ctx.db.unsafeOwner.select().from(memberships).where(eq(memberships.id, row!.id)),
    ).toHaveLength(1);
  });

  it('rejects a role that is not a staff role, with a field message', async () => {
    const target = await createMember(ctx, tenantId, 'company_staff');
    const id = await membershipIdOf(admin, target.id);
    const res = await admin.patch(`/api/staff/${id}`, { role: 'operator_admin' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({
      path: 'body.role',
      message: '値が正しくありません。',
    });
  });
});

describe('an operator admin manages the operator’s staff', () => {
  it('changes and removes operator staff (sessions end), never the last operator admin, and races answer 409', async () => {
    // a fresh database: this file's only operator admins are the ones made here
    const local = await createTestContext();
    try {
      const adminUser = await createOperator(local, 'operator_admin');
      const admin = await signIn(local, adminUser.email);
      const interviewerUser = await createOperator(local, 'interviewer');
      const interviewer = await signIn(local, interviewerUser.email);

      const list = (await admin.get('/api/operator/staff')).json();
      expect(list.map((s: { role: string }) => s.role).sort()).toEqual(['interviewer', 'operator_admin']);
      expect((await interviewer.get('/api/operator/staff')).statusCode).toBe(403);

      const alone = await admin.patch(`/api/operator/staff/${adminUser.id}`, { role: 'interviewer' });
      expect(alone.statusCode).toBe(409);
      expect(alone.json().error.code).toBe('last_admin');
      expect((await admin.delete(`/api/operator/staff/${adminUser.id}`)).statusCode).toBe(409);

      const promote = await admin.patch(`/api/operator/staff/${interviewerUser.id}`, {
        role: 'operator_admin',
      });
      expect(promote.statusCode).toBe(200);
      expect((await interviewer.get('/api/me')).statusCode).toBe(401);
      const promoted = await signIn(local, interviewerUser.email);
      expect((await promoted.get('/api/me')).json().operatorRole).toBe('operator_admin');
      const [entry] = await local.db.unsafeOwner
        .select()
        .from(auditLog)
        .where(
          and(eq(auditLog.action, 'operator_staff.role_change'), eq(auditLog.subjectId, interviewerUser.id)),
        );
      expect(entry).toMatchObject({ tenantId: null, actorUserId: adminUser.id });
      expect(entry?.detail).toMatchObject({ before: 'interviewer', after: 'operator_admin' });

      // the two operator admins removed at the same moment (each request would end the other's
      // session, so the race is run on the use case the routes call): one stays
      const settled = await Promise.allSettled([
        unsafeRemoveOperatorStaff(local.db, { userId: adminUser.id, name: null }, interviewerUser.id),
        unsafeRemoveOperatorStaff(local.db, { userId: interviewerUser.id, name: null }, adminUser.id),
      ]);
      expect(settled.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = settled.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'last_admin' });
      const left = await local.db.unsafeOwner.select().from(operatorStaff);
      expect(left.filter((s) => s.role === 'operator_admin')).toHaveLength(1);

      const survivor =
        left.find((s) => s.role === 'operator_admin')!.userId === adminUser.id ? admin : promoted;
      expect((await survivor.delete('/api/operator/staff/nobody-at-all')).statusCode).toBe(404);
    } finally {
      await local.close();
    }
  });
});

describe('a signed-in user changes their password', () => {
  it('needs the current password, says what is wrong in the user’s language, and ends the other sessions', async () => {
    const tenantId = (await createCompany(ctx)).id;
    const user = await createMember(ctx, tenantId, 'company_staff');
    const here = await signIn(ctx, user.email);
    const elsewhere = await signIn(ctx, user.email);

    const wrong = await here.put('/api/me/password', {
      currentPassword: 'not-my-password',
      newPassword: 'a-brand-new-password',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual([
      { path: 'body.currentPassword', message: '現在のパスワードが正しくありません。' },
    ]);
    const short = await here.request({
      method: 'PUT',
      url: '/api/me/password',
      payload: { currentPassword: PASSWORD, newPassword: 'short' },
      lang: 'en',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields).toEqual([
      { path: 'body.newPassword', message: 'Enter at least 10 characters.' },
    ]);
    // nothing changed: both sessions work and the old password still signs in
    expect((await elsewhere.get('/api/me')).statusCode).toBe(200);
    await signIn(ctx, user.email);

    const res = await here.put('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a-brand-new-password',
    });
    expect(res.statusCode).toBe(200);
    const renewed = clientFor(ctx, cookiesOf(res));
    expect((await renewed.get('/api/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/me')).statusCode).toBe(401);
    expect((await here.get('/api/me')).statusCode).toBe(401); // the old cookie's session was replaced

    await expect(signIn(ctx, user.email)).rejects.toThrow(/401/);
    await signIn(ctx, user.email, 'a-brand-new-password');
    const [entry] = await auditEntries('user.password_change', user.id);
    expect(entry).toMatchObject({ actorUserId: user.id });
    expect(JSON.stringify(entry)).not.toContain('a-brand-new-password');
  });

  it('is refused without a session', async () => {
    const res = await anonymous(ctx).put('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a-brand-new-password',
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('inviting an address that already has a pending invitation', () => {
  it('answers 409 with the day it was sent, and replaces it only when asked', async () => {
    const tenantId = (await createCompany(ctx)).id;
    const { client: admin } = await loginAs(ctx, tenantId, 'company_admin');
    const email = uniqueEmail('twice');
    const first = await admin.post('/api/invitations', { email, role: 'company_staff' });
    expect(first.statusCode).toBe(201);
    const firstToken = new URL(linkIn((await lastMailTo(ctx, email))!.text)).pathname.split('/').pop()!;

    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const again = await admin.post('/api/invitations', { email, role: 'company_admin' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invitation_pending');
    expect(again.json().error.fields[0]).toMatchObject({ path: 'body.email' });
    expect(again.json().error.fields[0].message).toContain(today);
    // nothing changed: the first invitation and its link stand
    const list = (await admin.get('/api/invitations')).json().items;
    expect(list).toMatchObject([{ email, role: 'company_staff', status: 'pending' }]);
    expect((await anonymous(ctx).get(`/api/public/invitations/${firstToken}`)).statusCode).toBe(200);

    const replaced = await admin.post('/api/invitations', { email, role: 'company_admin', replace: true });
    expect(replaced.statusCode).toBe(201);
    expect((await anonymous(ctx).get(`/api/public/invitations/${firstToken}`)).statusCode).toBe(410);
    const after = (await admin.get('/api/invitations')).json().items;
    expect(after.map((i: { status: string; role: string }) => `${i.status}:${i.role}`)).toEqual([
      'pending:company_admin',
      'revoked:company_staff',
    ]);
  });

  it('an expired pending invitation does not block a new one', async () => {
    const tenantId = (await createCompany(ctx)).id;
    const { client: admin } = await loginAs(ctx, tenantId, 'company_admin');
    const email = uniqueEmail('expired');
    await admin.post('/api/invitations', { email, role: 'company_staff' });
    await ctx.db.unsafeOwner
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, email));
    expect((await admin.post('/api/invitations', { email, role: 'company_staff' })).statusCode).toBe(201);
  });
});

describe('employees and interviewers', () => {
  it('an employee can be invited, and reads the published rehire policy (and nothing of the alumni)', async () => {
    const tenantId = (await createCompany(ctx, '従業員株式会社')).id;
    const { client: admin } = await loginAs(ctx, tenantId, 'company_admin');
    await admin.put('/api/rehire-policy', { version: 0, policy: { published: true, minTenureMonths: 12 } });
    const email = uniqueEmail('employee');
    expect((await admin.post('/api/invitations', { email, role: 'employee' })).statusCode).toBe(201);
    const mail = await lastMailTo(ctx, email);
    expect(mail?.text).toContain('従業員');
    const token = new URL(linkIn(mail!.text)).pathname.split('/').pop()!;
    const accept = await anonymous(ctx).post(`/api/public/invitations/${token}/accept`, {
      name: '社員 一郎',
      password: 'employee-password-1',
    });
    expect(accept.statusCode).toBe(200);

    const employee = await signIn(ctx, email, 'employee-password-1');
    const me = (await employee.get('/api/me')).json();
    expect(me.activeTenant).toMatchObject({ role: 'employee' });
    expect(me.permissions).toEqual(['rehire-policy:read']);
    const page = await employee.get('/api/rehire-policy/published');
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ companyName: '従業員株式会社' });
    expect((await employee.get('/api/alumni')).statusCode).toBe(403);
    expect((await employee.get('/api/staff')).statusCode).toBe(403);
  });

  it('an interviewer holds exactly the interview permissions, and no company’s data', async () => {
    const user = await createOperator(ctx, 'interviewer');
    const interviewer = await signIn(ctx, user.email);
    const me = (await interviewer.get('/api/me')).json();
    expect(me.permissions).toEqual(['interviews:assigned', 'interviews:schedule', 'interviews:conduct']);
    for (const url of ['/api/alumni', '/api/staff', '/api/tenants', '/api/operator/staff', '/api/mail'])
      expect((await interviewer.get(url)).statusCode, url).toBe(403);
  });
});

describe('an operator admin switching the active company', () => {
  it('is audited: who, from which company to which', async () => {
    const a = await createCompany(ctx, '切替元株式会社');
    const b = await createCompany(ctx, '切替先株式会社');
    const user = await createOperator(ctx, 'operator_admin');
    const operator = await signIn(ctx, user.email);
    expect((await operator.put('/api/me/active-tenant', { tenantId: a.id })).statusCode).toBe(200);
    expect((await operator.put('/api/me/active-tenant', { tenantId: b.id })).statusCode).toBe(200);

    const entries = await ctx.db.unsafeOwner
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'session.switch_tenant'), eq(auditLog.actorUserId, user.id)));
    expect(entries.map((e) => e.detail)).toEqual(
      expect.arrayContaining([
        { from: null, to: { tenantId: a.id, name: '切替元株式会社' } },
        {
          from: { tenantId: a.id, name: '切替元株式会社' },
          to: { tenantId: b.id, name: '切替先株式会社' },
        },
      ]),
    );
    expect(entries.every((e) => e.tenantId === null && e.actorName === '運営 一郎')).toBe(true);
    // the operator's audit log shows it
    const log = (await operator.get('/api/operator/audit?action=session.switch_tenant')).json();
    expect(log.items.length).toBeGreaterThanOrEqual(2);
  });
});
