import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Client, createTestContext, type TestContext, uniqueEmail } from './helpers.js';
import { createLeaver, createNetwork, mailedToken, selfRegistrationForm } from './member-helpers.js';

/**
 * The lists that used to stop at 200 or 500 rows — staff invitations, self-registration requests,
 * a record's timeline — page like the alumni list: newest first, `limit` at a time, `nextCursor`
 * to go on, every row exactly once.
 */

let ctx: TestContext;
let admin: Client;
let other: Client;
let slug: string;
let noticeVersion: number;
beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, slug, noticeVersion } = await createNetwork(ctx, '株式会社さくら'));
  ({ admin: other } = await createNetwork(ctx, '株式会社みどり'));
});
afterAll(() => ctx.close());

interface Page {
  items: { id: string; createdAt?: string; verifiedAt?: string }[];
  nextCursor: string | null;
  total?: number;
}

/** Follows `nextCursor` from the first page to the last; returns each page. */
async function allPages(client: Client, url: string, limit: number): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await client.get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as Page;
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

function expectPaged(pages: Page[], ids: string[], limit: number) {
  expect(pages.map((p) => p.items.length)).toEqual(
    Array.from({ length: Math.ceil(ids.length / limit) }, (_, i) => Math.min(limit, ids.length - i * limit)),
  );
  expect(pages.at(-1)?.nextCursor).toBeNull();
  // every row once, newest first
  expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(ids);
}

describe('staff invitations', () => {
  it('page newest first, each invitation once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await admin.post('/api/invitations', {
        email: uniqueEmail('paged'),
        role: 'company_staff',
      });
      expect(res.statusCode).toBe(201);
      ids.unshift(res.json().id);
    }
    const pages = await allPages(admin, '/api/invitations', 2);
    expectPaged(pages, ids, 2);
  });

  it('answer 400 for a cursor that is not one, in the caller’s language, and nothing of another company', async () => {
    const bad = await admin.get('/api/invitations?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toEqual({
      code: 'validation_failed',
      message: '入力内容に誤りがあります。',
      fields: [{ path: 'querystring.cursor', message: '値が正しくありません。' }],
    });
    const mine = (await admin.get('/api/invitations?limit=1')).json() as Page;
    // a cursor from company A's list gives company B nothing of A's
    const elsewhere = (await other.get(`/api/invitations?cursor=${mine.nextCursor}`)).json() as Page;
    expect(elsewhere.items).toEqual([]);
    expect((await admin.get('/api/invitations?limit=201')).statusCode).toBe(400);
  });
});

describe('self-registration requests', () => {
  it('page by status with the status’s total on every page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const email = uniqueEmail('queue');
      const res = await anonymous(ctx).post(
        `/api/public/networks/${slug}/registrations`,
        selfRegistrationForm(email, noticeVersion),
      );
      expect(res.statusCode).toBe(202);
      const token = await mailedToken(ctx, email);
      expect((await anonymous(ctx).post(`/api/public/registration-verifications/${token}`)).statusCode).toBe(
        200,
      );
    }
    const first = (await allPages(admin, '/api/alumni/registration-requests?status=pending', 50))[0]!;
    ids.push(...first.items.map((i) => i.id));
    expect(ids).toHaveLength(5);
    const pages = await allPages(admin, '/api/alumni/registration-requests?status=pending', 2);
    expectPaged(pages, ids, 2);
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    const rejected = (await admin.get('/api/alumni/registration-requests?status=rejected')).json() as Page;
    expect(rejected).toEqual({ items: [], nextCursor: null, total: 0 });
    const elsewhere = (await other.get('/api/alumni/registration-requests')).json() as Page;
    expect(elsewhere.total).toBe(0);
  });
});

describe('a record’s timeline', () => {
  it('pages newest first past any former cap', async () => {
    const leaver = await createLeaver(admin);
    let version = (await admin.get(`/api/alumni/${leaver.id}`)).json().version as number;
    for (let i = 0; i < 6; i++) {
      const res = await admin.put(`/api/alumni/${leaver.id}`, {
        version,
        alumnus: {
          familyName: '田中',
          givenName: '健太',
          email: leaver.email,
          employeeNumber: leaver.employeeNumber,
          department: `部署${i}`,
          leftOn: '2023-03-31',
          leaveType: 'voluntary',
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
    }
    const whole = (await admin.get(`/api/alumni/${leaver.id}/timeline`)).json() as Page;
    expect(whole.items).toHaveLength(7); // created, then six changes
    expect(whole.nextCursor).toBeNull();
    const pages = await allPages(admin, `/api/alumni/${leaver.id}/timeline`, 3);
    expectPaged(
      pages,
      whole.items.map((i) => i.id),
      3,
    );
    const times = pages.flatMap((p) => p.items.map((i) => i.createdAt!));
    expect([...times].sort().reverse()).toEqual(times);
    // another company's staff meet the record as missing, cursor or not
    expect(
      (await other.get(`/api/alumni/${leaver.id}/timeline?cursor=${pages[0]!.nextCursor}`)).statusCode,
    ).toBe(404);
  });
});
