import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMonths,
  evaluateEligibility,
  type PolicyRow,
} from '../src/modules/rehire-policy/rehire-policy.js';
import {
  anonymous,
  type Client,
  createCompany,
  createTestContext,
  loginAs,
  type TestContext,
} from './helpers.js';

let ctx: TestContext;
let tenantId: string;
let admin: Client;
const ids: Record<string, string> = {};
beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (await createCompany(ctx, '再雇用株式会社')).id;
  admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
  const people = {
    eligible: {
      familyName: '適格',
      givenName: '一',
      joinedOn: '2015-04-01',
      leftOn: '2022-03-31',
      leaveType: 'voluntary',
      leaveReasonCategory: 'career_growth',
      interests: ['rehire'],
    },
    company: {
      familyName: '会社',
      givenName: '都合',
      joinedOn: '2015-04-01',
      leftOn: '2022-03-31',
      leaveType: 'company',
    },
    short: {
      familyName: '短期',
      givenName: '在籍',
      joinedOn: '2021-10-01',
      leftOn: '2022-03-31',
      leaveType: 'voluntary',
    },
    recent: {
      familyName: '最近',
      givenName: '退職',
      joinedOn: '2015-04-01',
      leftOn: '2099-01-31',
      leaveType: 'voluntary',
    },
    reason: {
      familyName: '理由',
      givenName: '除外',
      joinedOn: '2015-04-01',
      leftOn: '2022-03-31',
      leaveType: 'voluntary',
      leaveReasonCategory: 'health',
    },
    dnc: {
      familyName: '連絡',
      givenName: '不可',
      joinedOn: '2015-04-01',
      leftOn: '2022-03-31',
      leaveType: 'voluntary',
      doNotContact: true,
      doNotContactReason: '本人希望',
    },
    unknownTenure: { familyName: '入社日', givenName: '不明', leftOn: '2022-03-31', leaveType: 'voluntary' },
  };
  for (const [key, p] of Object.entries(people)) ids[key] = (await admin.post('/api/alumni', p)).json().id;
});
afterAll(() => ctx.close());

describe('rehire policy (再雇用条件)', () => {
  it('has no verdict until the company saves a policy', async () => {
    expect((await admin.get('/api/rehire-policy')).json()).toMatchObject({
      version: 0,
      published: false,
      updatedAt: null,
    });
    expect((await admin.get(`/api/alumni/${ids.eligible}`)).json().eligibility).toBeNull();
  });

  it('evaluates each alumnus with the rule that decided, and the list filters on it', async () => {
    const saved = await admin.put('/api/rehire-policy', {
      version: 0,
      policy: {
        allowedLeaveTypes: ['voluntary', 'contract_end'],
        minTenureMonths: 12,
        minMonthsSinceLeaving: 6,
        excludedLeaveReasons: ['health'],
        excludeDoNotContact: true,
        explanation: '自己都合で退職し、1年以上在籍した方が対象です。',
        published: true,
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(1);
    const verdicts: Record<string, unknown> = {};
    for (const [key, id] of Object.entries(ids))
      verdicts[key] = (await admin.get(`/api/alumni/${id}`)).json().eligibility;
    expect(verdicts).toEqual({
      eligible: { eligible: true, rule: null },
      company: { eligible: false, rule: 'leave_type' },
      short: { eligible: false, rule: 'tenure' },
      recent: { eligible: false, rule: 'months_since_leaving' },
      reason: { eligible: false, rule: 'leave_reason' },
      dnc: { eligible: false, rule: 'do_not_contact' },
      unknownTenure: { eligible: null, rule: 'join_date_missing' },
    });
    // the SQL filter and the per-record verdict agree
    const yes = (await admin.get('/api/alumni?eligible=true')).json().items.map((a: { id: string }) => a.id);
    const no = (await admin.get('/api/alumni?eligible=false')).json().items.map((a: { id: string }) => a.id);
    expect(yes).toEqual([ids.eligible]);
    // without a join date the verdict is unknown: in neither list
    expect(no.sort()).toEqual(
      Object.entries(ids)
        .filter(([k]) => k !== 'eligible' && k !== 'unknownTenure')
        .map(([, id]) => id)
        .sort(),
    );
  });

  it('refuses a stale edit', async () => {
    const stale = await admin.put('/api/rehire-policy', { version: 0, policy: { published: false } });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get('/api/rehire-policy')).json().published).toBe(true);
  });

  it('is explained to employees, and through a shareable internal link', async () => {
    const { client: employee } = await loginAs(ctx, tenantId, 'employee');
    const page = await employee.get('/api/rehire-policy/published');
    expect(page.json()).toMatchObject({
      companyName: '再雇用株式会社',
      minTenureMonths: 12,
      allowedLeaveTypes: ['voluntary', 'contract_end'],
    });
    expect((await employee.get('/api/alumni')).statusCode).toBe(403); // employees never see alumni
    const { url } = (await admin.post('/api/rehire-policy/share-link')).json();
    const token = url.split('/').pop();
    expect((await anonymous(ctx).get(`/api/public/rehire-policy/${token}`)).json().explanation).toContain(
      '1年以上',
    );
    const { url: second } = (await admin.post('/api/rehire-policy/share-link')).json();
    expect((await anonymous(ctx).get(`/api/public/rehire-policy/${token}`)).statusCode).toBe(404);
    expect(
      (await anonymous(ctx).get(`/api/public/rehire-policy/${second.split('/').pop()}`)).statusCode,
    ).toBe(200);
  });

  it('counts months as PostgreSQL does', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2022-03-31', 12)).toBe('2023-03-31');
    const policy = {
      allowedLeaveTypes: [],
      minTenureMonths: 1,
      minMonthsSinceLeaving: 0,
      excludedLeaveReasons: [],
      excludeDoNotContact: false,
    } as unknown as PolicyRow;
    const facts = {
      leaveType: 'voluntary',
      leftOn: '2024-02-29',
      leaveReasonCategory: null,
      doNotContact: false,
    };
    expect(evaluateEligibility({ ...facts, joinedOn: '2024-01-31' }, policy, '2026-01-01').eligible).toBe(
      true,
    );
    expect(evaluateEligibility({ ...facts, joinedOn: '2024-02-01' }, policy, '2026-01-01').rule).toBe(
      'tenure',
    );
  });
});

describe('segments (saved filters)', () => {
  it('saves a filter with a live count that follows the data, renames and deletes it', async () => {
    const created = await admin.post('/api/alumni/segments', {
      name: '出戻り候補',
      filter: { interest: ['rehire'], eligible: true },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: '出戻り候補', count: 1 });
    await admin.post('/api/alumni', {
      familyName: '新規',
      givenName: '候補',
      joinedOn: '2010-04-01',
      leftOn: '2020-03-31',
      leaveType: 'voluntary',
      interests: ['rehire'],
    });
    expect((await admin.get('/api/alumni/segments')).json()[0].count).toBe(2);
    const dup = await admin.post('/api/alumni/segments', { name: '出戻り候補', filter: {} });
    expect(dup.statusCode).toBe(409);
    const id = created.json().id;
    expect(
      (await admin.put(`/api/alumni/segments/${id}`, { name: '全員', filter: {} })).json(),
    ).toMatchObject({ name: '全員', count: 8 });
    expect((await admin.delete(`/api/alumni/segments/${id}`)).statusCode).toBe(200);
    expect((await admin.get('/api/alumni/segments')).json()).toEqual([]);
  });
});
