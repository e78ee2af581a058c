import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/tables.js';
import { invitations } from '../src/modules/identity/tables.js';
import { alumniInvitations } from '../src/modules/membership/tables.js';
import { rehirePolicies } from '../src/modules/rehire-policy/tables.js';
import {
  type Client,
  createCompany,
  createTestContext,
  loginAs,
  type TestContext,
  uniqueEmail,
} from './helpers.js';
import { createLeaver } from './member-helpers.js';

/**
 * Two people acting at the same moment: the requests are sent together (Promise.all), so on
 * PostgreSQL their transactions overlap; PGlite runs them one after the other. Either way exactly
 * one wins and the other is told so with 409 — never a 500, never a silently lost write.
 */
let ctx: TestContext;
let tenantId: string;
let first: Client;
let second: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (await createCompany(ctx, '同時株式会社')).id;
  first = (await loginAs(ctx, tenantId, 'company_admin')).client;
  second = (await loginAs(ctx, tenantId, 'company_admin')).client;
});
afterAll(() => ctx.close());

const policy = (explanation: string) => ({
  allowedLeaveTypes: [],
  minTenureMonths: 0,
  minMonthsSinceLeaving: 0,
  excludedLeaveReasons: [],
  excludeDoNotContact: true,
  explanation,
  published: false,
});

describe('two admins saving the rehire policy at once', () => {
  it('stores exactly one of two first saves and tells the other someone else saved', async () => {
    const [a, b] = await Promise.all([
      first.put('/api/rehire-policy', { version: 0, policy: policy('一人目の説明') }),
      second.put('/api/rehire-policy', { version: 0, policy: policy('二人目の説明') }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [winner, loser] = a.statusCode === 200 ? [a, b] : [b, a];
    expect(loser.json().error).toMatchObject({ code: 'conflict' });
    expect(loser.json().error.message).toBe('他の変更と競合しました。');
    const stored = (await first.get('/api/rehire-policy')).json();
    expect(stored).toMatchObject({ version: 1, explanation: winner.json().explanation });
  });

  it('keeps the winner of each round of concurrent edits of one version, and audits only it', async () => {
    for (let round = 0; round < 3; round++) {
      const { version } = (await first.get('/api/rehire-policy')).json();
      const [a, b] = await Promise.all([
        first.put('/api/rehire-policy', { version, policy: policy(`一人目 ${round}`) }),
        second.put('/api/rehire-policy', { version, policy: policy(`二人目 ${round}`) }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const winner = a.statusCode === 200 ? a : b;
      expect(winner.json().version).toBe(version + 1);
      expect((await second.get('/api/rehire-policy')).json()).toMatchObject({
        version: version + 1,
        explanation: winner.json().explanation,
      });
    }
    const rows = await ctx.db.unsafeOwner
      .select()
      .from(rehirePolicies)
      .where(eq(rehirePolicies.tenantId, tenantId));
    expect(rows).toHaveLength(1);
    const saves = await ctx.db.unsafeOwner
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, 'rehire_policy.update')));
    expect(saves).toHaveLength(4); // the first save and one per round
  });

  it('answers the loser in English when asked', async () => {
    const { version } = (await first.get('/api/rehire-policy')).json();
    await first.put('/api/rehire-policy', { version, policy: policy('最新') });
    const stale = await second.request({
      method: 'PUT',
      url: '/api/rehire-policy',
      payload: { version, policy: policy('stale') },
      lang: 'en',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe('This conflicts with another change.');
    expect((await first.get('/api/rehire-policy')).json().explanation).toBe('最新');
  });
});

describe('two admins publishing the privacy notice at once', () => {
  it('never answers 500: each publication is stored under its own version or refused with 409', async () => {
    for (let round = 0; round < 3; round++) {
      const before = (await first.get('/api/privacy-notice')).json().version as number;
      const answers = await Promise.all(
        [first, second, first].map((client, i) =>
          client.post('/api/privacy-notice', {
            body: `第${round}回 ${i}人目の取扱い`,
            purposes: ['member_profile', 'news'],
          }),
        ),
      );
      for (const res of answers) expect([201, 409]).toContain(res.statusCode);
      const won = answers.filter((r) => r.statusCode === 201).map((r) => r.json());
      expect(won.length).toBeGreaterThanOrEqual(1);
      for (const lost of answers.filter((r) => r.statusCode === 409))
        expect(lost.json().error.code).toBe('conflict');
      // the winners hold the next versions, one each, and the newest is the one in force
      expect(won.map((n) => n.version).sort((a, b) => a - b)).toEqual(won.map((_, i) => before + 1 + i));
      const now = (await second.get('/api/privacy-notice')).json();
      expect(now.version).toBe(before + won.length);
      expect(now.body).toBe(won.find((n) => n.version === now.version).body);
    }
  });
});

describe('two admins inviting the same address at once', () => {
  it('sends one staff invitation and answers the other with 409, not 500', async () => {
    for (let round = 0; round < 3; round++) {
      const email = uniqueEmail('same');
      const answers = await Promise.all([
        first.post('/api/invitations', { email, role: 'company_staff' }),
        second.post('/api/invitations', { email, role: 'company_staff' }),
      ]);
      for (const res of answers) expect([201, 409]).toContain(res.statusCode);
      expect(answers.filter((r) => r.statusCode === 201).length).toBeGreaterThanOrEqual(1);
      const pending = await ctx.db.unsafeOwner
        .select()
        .from(invitations)
        .where(
          and(
            eq(invitations.tenantId, tenantId),
            eq(invitations.email, email),
            eq(invitations.status, 'pending'),
          ),
        );
      expect(pending).toHaveLength(1);
    }
  });

  it('sends one registration link to a leaver invited twice at once and answers the other with 409', async () => {
    for (let round = 0; round < 3; round++) {
      const leaver = await createLeaver(first);
      const answers = await Promise.all([
        first.post(`/api/alumni/${leaver.id}/invitation`),
        second.post(`/api/alumni/${leaver.id}/invitation`),
      ]);
      for (const res of answers) expect([201, 409]).toContain(res.statusCode);
      expect(answers.filter((r) => r.statusCode === 201).length).toBeGreaterThanOrEqual(1);
      const open = await ctx.db.unsafeOwner
        .select()
        .from(alumniInvitations)
        .where(
          and(
            eq(alumniInvitations.tenantId, tenantId),
            eq(alumniInvitations.alumnusId, leaver.id),
            eq(alumniInvitations.status, 'pending'),
          ),
        );
      expect(open).toHaveLength(1);
    }
    // one after the other, a new invitation still replaces the open link
    const leaver = await createLeaver(first);
    expect((await first.post(`/api/alumni/${leaver.id}/invitation`)).statusCode).toBe(201);
    expect((await second.post(`/api/alumni/${leaver.id}/invitation`)).statusCode).toBe(201);
  });
});
