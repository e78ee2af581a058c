import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createCompany, createTestContext, loginAs, type TestContext } from './helpers.js';

/**
 * 定年退職: the brief defines alumni as leavers other than at the retirement age. By default such
 * records are kept but are not invited and not judged by the rehire policy; a company can change that.
 */
let ctx: TestContext;
let admin: Client;
let retireeId: string;
let segmentId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  const tenantId = (await createCompany(ctx, '定年株式会社')).id;
  admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
  const leaver = {
    givenName: '一郎',
    joinedOn: '1985-04-01',
    leftOn: '2024-03-31',
    department: '総務部',
  };
  const made = await admin.post('/api/alumni', {
    ...leaver,
    familyName: '定年',
    leaveType: 'retirement',
    email: 'teinen@example.com',
  });
  expect(made.statusCode, made.body).toBe(201);
  retireeId = made.json().id;
  await admin.post('/api/alumni', {
    ...leaver,
    familyName: '自己',
    leaveType: 'voluntary',
    email: 'jiko@example.com',
  });
  segmentId = (
    await admin.post('/api/alumni/segments', { name: '総務部', filter: { department: '総務部' } })
  ).json().id;
  const policy = await admin.put('/api/rehire-policy', {
    version: 0,
    policy: { allowedLeaveTypes: [], minTenureMonths: 12, published: false },
  });
  expect(policy.statusCode).toBe(200);
});
afterAll(() => ctx.close());

async function setRetireesAreAlumni(value: boolean) {
  const current = (await admin.get('/api/network-settings')).json();
  const { slug: _s, updatedAt: _u, ...input } = current;
  const res = await admin.put('/api/network-settings', { ...input, retireesAreAlumni: value });
  expect(res.statusCode).toBe(200);
  expect(res.json().retireesAreAlumni).toBe(value);
}

describe('leavers at the retirement age (定年退職)', () => {
  it('are kept but, by default, neither invited nor judged by the rehire policy', async () => {
    expect((await admin.get('/api/network-settings')).json().retireesAreAlumni).toBe(false);
    const record = (await admin.get(`/api/alumni/${retireeId}`)).json();
    expect(record).toMatchObject({
      leaveType: 'retirement',
      eligibility: { eligible: false, rule: 'retiree' },
    });

    const invite = await admin.post(`/api/alumni/${retireeId}/invitation`);
    expect(invite.statusCode).toBe(409);
    expect(JSON.stringify(invite.json())).toContain('定年退職');

    const dry = (await admin.post(`/api/alumni/segments/${segmentId}/invitations?dryRun=true`)).json();
    expect(dry.invited).toBe(1);
    expect(dry.skipped.retired).toBe(1);

    const eligible = (await admin.get('/api/alumni?eligible=true'))
      .json()
      .items.map((a: { id: string }) => a.id);
    expect(eligible).not.toContain(retireeId);
  });

  it('count as alumni once the company says so', async () => {
    await setRetireesAreAlumni(true);
    const record = (await admin.get(`/api/alumni/${retireeId}`)).json();
    expect(record.eligibility).toEqual({ eligible: true, rule: null });
    const eligible = (await admin.get('/api/alumni?eligible=true'))
      .json()
      .items.map((a: { id: string }) => a.id);
    expect(eligible).toContain(retireeId);
    const dry = (await admin.post(`/api/alumni/segments/${segmentId}/invitations?dryRun=true`)).json();
    expect(dry).toMatchObject({ invited: 2, skipped: { retired: 0 } });
    expect((await admin.post(`/api/alumni/${retireeId}/invitation`)).statusCode).toBe(201);
  });
});
