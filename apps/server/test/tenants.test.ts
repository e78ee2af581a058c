import type { AuditAction } from '@kizuna/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../src/modules/audit/record-audit.js';
import { createTenant } from '../src/modules/tenants/use-cases.js';
import type { AppError } from '../src/platform/errors.js';
import {
  type Client,
  createCompany,
  createTestContext,
  loginAs,
  loginAsOperator,
  type TestContext,
} from './helpers.js';

let ctx: TestContext;
let operator: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  operator = (await loginAsOperator(ctx)).client;
});
afterAll(() => ctx.close());

describe('companies (operator admins)', () => {
  it('creates, renames, suspends and reactivates a company, each step audited', async () => {
    const created = await operator.post('/api/tenants', {
      name: '  株式会社あおば  ',
      slug: 'aoba',
      operatingModel: 'community',
    });
    expect(created.statusCode).toBe(201);
    const tenant = created.json();
    expect(tenant).toMatchObject({
      name: '株式会社あおば',
      slug: 'aoba',
      status: 'active',
      operatingModel: 'community',
      memberCount: 0,
    });

    const renamed = await operator.patch(`/api/tenants/${tenant.id}`, { name: 'あおば株式会社' });
    expect(renamed.json().name).toBe('あおば株式会社');
    expect((await operator.patch(`/api/tenants/${tenant.id}`, { status: 'suspended' })).json().status).toBe(
      'suspended',
    );
    expect((await operator.patch(`/api/tenants/${tenant.id}`, { status: 'active' })).json().status).toBe(
      'active',
    );

    const list = (await operator.get('/api/tenants')).json();
    expect(list.find((t: { id: string }) => t.id === tenant.id)).toMatchObject({ name: 'あおば株式会社' });

    const audit = (await operator.get('/api/operator/audit?limit=20')).json().items;
    const mine = audit
      .filter((e: { subjectId: string }) => e.subjectId === tenant.id)
      .map((e: { action: string }) => e.action);
    expect(mine).toEqual(['tenant.reactivate', 'tenant.suspend', 'tenant.update', 'tenant.create']);
    expect(audit.find((e: { action: string }) => e.action === 'tenant.update').detail).toEqual({
      name: { from: '株式会社あおば', to: 'あおば株式会社' },
    });
  });

  it('refuses a taken slug or bad input with field messages, and changes nothing', async () => {
    await operator.post('/api/tenants', { name: 'One', slug: 'taken' });
    const before = (await operator.get('/api/tenants')).json().length;
    const dup = await operator.request({
      method: 'POST',
      url: '/api/tenants',
      payload: { name: 'Two', slug: 'taken' },
      lang: 'en',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toEqual({
      code: 'slug_taken',
      message: 'This slug is already in use.',
      fields: [{ path: 'body.slug', message: 'This slug is already in use.' }],
    });
    const bad = await operator.post('/api/tenants', { name: '', slug: 'A B' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { path: 'body.name', message: '必須項目です。' },
      { path: 'body.slug', message: '半角英小文字・数字・ハイフンで入力してください。' },
    ]);
    const empty = await operator.patch(`/api/tenants/${(await createCompany(ctx)).id}`, {});
    expect(empty.statusCode).toBe(400);
    expect((await operator.get('/api/tenants')).json().length).toBe(before + 1);
  });

  it('gives one of two companies created at once with the same slug, and slug_taken to the other', async () => {
    // both look the slug up before either has written it: the unique index decides
    const create = () =>
      createTenant(ctx.db, null, { name: '同時', slug: 'same-moment', operatingModel: 'broadcast' });
    const [a, b] = await Promise.allSettled([create(), create()]);
    const outcomes = [a, b].map((r) => (r.status === 'fulfilled' ? 'created' : (r.reason as AppError).code));
    expect(outcomes.sort()).toEqual(['created', 'slug_taken']);
    const all = (await operator.get('/api/tenants')).json() as { slug: string }[];
    expect(all.filter((t) => t.slug === 'same-moment')).toHaveLength(1);
  });

  it('answers 404 for a company that does not exist', async () => {
    const res = await operator.patch('/api/tenants/00000000-0000-4000-8000-000000000000', { name: 'x' });
    expect(res.statusCode).toBe(404);
    expect((await operator.get('/api/tenants/not-a-uuid')).statusCode).toBe(400);
  });

  it('a suspended company’s staff are told so, and regain access when it is reactivated', async () => {
    const company = await createCompany(ctx, '停止予定株式会社');
    const { client: admin } = await loginAs(ctx, company.id, 'company_admin');
    expect((await admin.get('/api/staff')).statusCode).toBe(200);
    await operator.patch(`/api/tenants/${company.id}`, { status: 'suspended' });
    const res = await admin.get('/api/staff');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toEqual({
      code: 'tenant_suspended',
      message: 'この企業の利用は停止されています。',
    });
    const me = (await admin.get('/api/me')).json();
    expect(me.activeTenant.status).toBe('suspended');
    expect(me.permissions).toEqual([]);
    await operator.patch(`/api/tenants/${company.id}`, { status: 'active' });
    expect((await admin.get('/api/staff')).statusCode).toBe(200);
    // the company's own audit log tells its admins what happened, and when
    const actions = (await admin.get('/api/audit')).json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['tenant.create', 'tenant.suspend', 'tenant.reactivate']));
  });

  it('are the only ones who manage companies', async () => {
    const company = await createCompany(ctx);
    const { client: admin } = await loginAs(ctx, company.id, 'company_admin');
    expect((await admin.post('/api/tenants', { name: 'x', slug: 'sneaky' })).statusCode).toBe(403);
    expect((await admin.patch(`/api/tenants/${company.id}`, { status: 'active' })).statusCode).toBe(403);
  });
});

describe('the audit log', () => {
  it('pages through every entry exactly once, even entries written in the same instant', async () => {
    const company = await createCompany(ctx);
    const { client: admin } = await loginAs(ctx, company.id, 'company_admin');
    await ctx.db.withTenant(company.id, async (tx) => {
      for (let i = 0; i < 5; i++)
        await recordAudit(tx, null, {
          action: 'test.same_instant' as AuditAction, // not a real action: nothing else matches the filter
          subjectType: 'test',
          subjectId: String(i),
        });
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { subjectId: string }[]; nextCursor: string | null } = (
        await admin.get(`/api/audit?limit=2&action=test.same_instant${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((e) => e.subjectId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['0', '1', '2', '3', '4']);
    expect((await admin.get('/api/audit?cursor=garbage')).statusCode).toBe(400);
  });
});
