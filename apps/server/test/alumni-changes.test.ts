import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, createCompany, createTestContext, loginAs, type TestContext } from './helpers.js';

/** The audit log and the timeline record what really changed on a save, nothing else. */
let ctx: TestContext;
let admin: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  const tenantId = (await createCompany(ctx, '変更記録株式会社')).id;
  admin = (await loginAs(ctx, tenantId, 'company_admin')).client;
});
afterAll(() => ctx.close());

const leaver = (over: Record<string, unknown> = {}) => ({
  familyName: '佐藤',
  givenName: '花子',
  leftOn: '2023-03-31',
  leaveType: 'voluntary',
  ...over,
});
const blankConditions = { workStyle: null, location: null, payExpectation: null, earliestDate: null };

async function timelineOf(id: string) {
  return (await admin.get(`/api/alumni/${id}/timeline`)).json().items as {
    action: string;
    detail: { fields?: string[] };
  }[];
}

describe('what a save records', () => {
  it('does not count empty 出戻り条件 as a change when the form sends them blank', async () => {
    // created without return conditions (as an import or the API leaves them: {})
    const a = (await admin.post('/api/alumni', leaver())).json();
    // the web form sends every condition, blank ones as null, along with a real change
    const saved = await admin.put(`/api/alumni/${a.id}`, {
      version: a.version,
      alumnus: leaver({ currentCompany: '株式会社みらい', returnConditions: blankConditions }),
    });
    expect(saved.statusCode).toBe(200);
    const [last] = await timelineOf(a.id);
    expect(last?.detail.fields).toEqual(['currentCompany']);
  });

  it('records nothing, and keeps the version, when a save changes nothing', async () => {
    const a = (
      await admin.post(
        '/api/alumni',
        leaver({ givenName: '次郎', returnConditions: { workStyle: 'リモート', location: '東京' } }),
      )
    ).json();
    // the same conditions, members in another order and blanks spelled out
    const saved = await admin.put(`/api/alumni/${a.id}`, {
      version: a.version,
      alumnus: leaver({
        givenName: '次郎',
        returnConditions: {
          earliestDate: null,
          location: '東京',
          payExpectation: null,
          workStyle: 'リモート',
        },
      }),
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(a.version);
    expect((await timelineOf(a.id)).map((e) => e.action)).toEqual(['alumnus.create']);
  });

  it('records a real change of 出戻り条件', async () => {
    const a = (
      await admin.post('/api/alumni', leaver({ givenName: '三郎', returnConditions: { location: '東京' } }))
    ).json();
    await admin.put(`/api/alumni/${a.id}`, {
      version: a.version,
      alumnus: leaver({ givenName: '三郎', returnConditions: { ...blankConditions, location: '大阪' } }),
    });
    const [last] = await timelineOf(a.id);
    expect(last?.action).toBe('alumnus.update');
    expect(last?.detail.fields).toEqual(['returnConditions']);
  });
});

describe('the export file', () => {
  it('is named with the date in Japan, which the UI shows (UTC is a day behind until 09:00 there)', async () => {
    // 2026-12-02 20:00 UTC is 2026-12-03 05:00 in Tokyo
    vi.useFakeTimers({ now: new Date('2026-12-02T20:00:00Z'), toFake: ['Date'] });
    try {
      const res = await admin.get('/api/alumni/export');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="alumni-2026-12-03.csv"');
    } finally {
      vi.useRealTimers();
    }
  });
});
