import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/tables.js';
import { outgoingMail } from '../src/modules/mail/tables.js';
import {
  BASE_URL,
  createCompany,
  createTestContext,
  lastMailTo,
  loginAs,
  loginAsOperator,
  nextIp,
  type TestContext,
  uniqueEmail,
} from './helpers.js';
import { startSmtpSink } from './smtp-sink.js';

describe('mail over SMTP', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let ctx: TestContext;
  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestContext({
      env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Kizuna <hr@kizuna.test>' },
    });
  });
  afterAll(async () => {
    await ctx.close();
    await sink.close();
  });

  it('delivers an invitation to the SMTP server and records it as sent', async () => {
    const company = await createCompany(ctx, '株式会社メール');
    const { client: admin } = await loginAs(ctx, company.id, 'company_admin');
    const email = uniqueEmail('smtp');
    const res = await admin.post('/api/invitations', { email, role: 'company_staff' });
    expect(res.statusCode).toBe(201);
    expect(res.json().mailSent).toBe(true);
    const message = sink.received.find((m) => m.to.includes(email));
    expect(message?.from).toBe('hr@kizuna.test');
    expect(message?.raw).toMatch(/^Subject: =\?UTF-8\?/m); // Japanese subject, encoded
    expect(message?.raw).toContain('/invitations/');
    const record = await lastMailTo(ctx, email);
    expect(record).toMatchObject({ transport: 'smtp', error: null });
    expect(record?.sentAt).toBeInstanceOf(Date);
  });

  it('delivers the self-registration confirmation link and the registration-complete mail', async () => {
    const company = await createCompany(ctx, '株式会社ネットワーク');
    const { client: admin } = await loginAs(ctx, company.id, 'company_admin');
    await admin.put('/api/network-settings', { publicPageEnabled: true });
    const noticeVersion = (await admin.get('/api/privacy-notice')).json().version;
    const email = uniqueEmail('selfreg');
    await admin.post('/api/alumni', {
      familyName: '自己',
      givenName: '登録',
      email,
      leftOn: '2023-03-31',
      leaveType: 'voluntary',
    });
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/public/networks/${company.slug}/registrations`,
      headers: { origin: ctx.config.baseUrl },
      payload: { email, familyName: '自己', givenName: '登録', consents: ['member_profile'], noticeVersion },
    });
    expect(res.statusCode).toBe(202);
    const message = sink.received.find((m) => m.to.includes(email));
    expect(message?.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    const plain = message!.raw.replace(/=\r?\n/g, '');
    const token = plain.match(/\/network\/verify\/([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeTruthy();
    const verified = await ctx.app.inject({
      method: 'POST',
      url: `/api/public/registration-verifications/${token}`,
      headers: { origin: ctx.config.baseUrl },
    });
    expect(verified.json().status).toBe('registered');
    expect(await lastMailTo(ctx, email)).toMatchObject({ transport: 'smtp', error: null });
  });
});

describe('the outbox with SMTP configured', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let ctx: TestContext;
  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestContext({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}` } });
  });
  afterAll(async () => {
    await ctx.close();
    await sink.close();
  });

  it('keeps what delivery needs and no body: an operator admin reads no invitation or reset link, and the read is audited', async () => {
    const company = await createCompany(ctx);
    const { user, client: admin } = await loginAs(ctx, company.id, 'company_admin');
    const invitee = uniqueEmail('smtp-body');
    expect((await admin.post('/api/invitations', { email: invitee, role: 'company_staff' })).statusCode).toBe(
      201,
    );
    const reset = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/request-password-reset',
      remoteAddress: nextIp(),
      headers: { origin: BASE_URL, 'content-type': 'application/json' },
      payload: { email: user.email, redirectTo: '/reset-password' },
    });
    expect(reset.statusCode).toBe(200);
    // delivered with their links…
    const links = sink.received
      .filter((m) => m.to.includes(invitee) || m.to.includes(user.email))
      .map((m) => m.raw.replace(/=\r?\n/g, ''));
    expect(links.some((raw) => raw.includes('/invitations/'))).toBe(true);
    expect(links.some((raw) => raw.includes('/api/auth/reset-password/'))).toBe(true);
    // …but recorded without a body
    const rows = await ctx.db.unsafeOwner.select().from(outgoingMail);
    const kept = rows.filter((r) => r.to === invitee || r.to === user.email);
    expect(kept).toHaveLength(2);
    for (const r of kept) {
      expect(r).toMatchObject({ transport: 'smtp', text: null, html: null, error: null });
      expect(r.subject).toBeTruthy();
      expect(r.sentAt).toBeInstanceOf(Date);
    }

    const { user: operatorUser, client: operator } = await loginAsOperator(ctx);
    expect((await operator.get('/api/mail/outbox')).json()).toEqual({ transport: 'smtp', bodiesKept: false });
    for (const r of kept) {
      const res = await operator.get(`/api/mail/${r.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: r.id, to: r.to, text: null, html: null });
      expect(res.body).not.toMatch(/https?:\/\//);
    }
    const reads = await ctx.db.unsafeOwner
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mail.read'), eq(auditLog.actorUserId, operatorUser.id)));
    expect(reads.map((e) => e.subjectId).sort()).toEqual(kept.map((r) => r.id).sort());
    expect(reads[0]).toMatchObject({ subjectType: 'mail', tenantId: null, detail: { bodyKept: false } });
  });
});

describe('the outbox without SMTP (development and demos)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('keeps the body for operator admins to follow a link, and audits every read', async () => {
    const company = await createCompany(ctx);
    const { client: admin } = await loginAs(ctx, company.id, 'company_admin');
    const invitee = uniqueEmail('kept');
    await admin.post('/api/invitations', { email: invitee, role: 'company_staff' });
    const { user: operatorUser, client: operator } = await loginAsOperator(ctx);
    expect((await operator.get('/api/mail/outbox')).json()).toEqual({
      transport: 'database',
      bodiesKept: true,
    });
    const [summary] = (await operator.get(`/api/mail?to=${encodeURIComponent(invitee)}`)).json().items;
    const one = await operator.get(`/api/mail/${summary.id}`);
    expect(one.json().text).toContain('/invitations/');
    const [entry] = await ctx.db.unsafeOwner
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mail.read'), eq(auditLog.subjectId, summary.id)));
    expect(entry).toMatchObject({ actorUserId: operatorUser.id, detail: { bodyKept: true } });
    // the list itself writes nothing
    const count = (await ctx.db.unsafeOwner.select().from(auditLog)).length;
    await operator.get('/api/mail');
    expect((await ctx.db.unsafeOwner.select().from(auditLog)).length).toBe(count);
  });
});

describe('when the SMTP server is down', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { SMTP_URL: 'smtp://127.0.0.1:1' } });
  });
  afterAll(() => ctx.close());

  it('keeps the invitation, says the mail was not sent, and records the failure for a resend', async () => {
    const company = await createCompany(ctx);
    const { client: admin } = await loginAs(ctx, company.id, 'company_admin');
    const email = uniqueEmail('down');
    const res = await admin.post('/api/invitations', { email, role: 'company_staff' });
    expect(res.statusCode).toBe(201);
    expect(res.json().mailSent).toBe(false);
    expect((await admin.get('/api/invitations')).json().items[0]).toMatchObject({ email, status: 'pending' });
    const record = await lastMailTo(ctx, email);
    expect(record?.sentAt).toBeNull();
    expect(record?.error).toBeTruthy();
  });
});

describe('migrations', () => {
  it('match the schema in code (drizzle-kit finds nothing to generate)', () => {
    const serverDir = fileURLToPath(new URL('..', import.meta.url));
    const tmp = mkdtempSync(join(tmpdir(), 'kizuna-drift-'));
    try {
      cpSync(join(serverDir, 'drizzle'), join(tmp, 'drizzle'), { recursive: true });
      const config = join(tmp, 'drizzle.config.ts');
      writeFileSync(
        config,
        `export default { dialect: 'postgresql', schema: ${JSON.stringify(join(serverDir, 'src/schema.ts'))}, out: './drizzle' };\n`,
      );
      const r = spawnSync(
        join(serverDir, '../../node_modules/.bin/drizzle-kit'),
        ['generate', '--config', config],
        {
          encoding: 'utf8',
          cwd: tmp, // drizzle-kit wants `out` relative to the working directory
          timeout: 60_000,
        },
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('No schema changes');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
