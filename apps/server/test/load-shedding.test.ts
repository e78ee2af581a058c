import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createCompany, createTestContext, loginAs, type TestContext } from './helpers.js';

/**
 * Issue 13: beyond what the server can take, a request answers 503 `busy` at once, with
 * Retry-After and in the user's language, instead of queueing for seconds; health checks still
 * answer; the requests already in progress finish normally.
 */

let ctx: TestContext;
let admin: Client;
beforeAll(async () => {
  ctx = await createTestContext({ env: { KIZUNA_MAX_IN_FLIGHT: '2' } });
  const company = await createCompany(ctx, '株式会社いそがしい');
  admin = (await loginAs(ctx, company.id, 'company_admin')).client;
});
afterAll(() => ctx.close());

/** Holds the alumni table (and, on PGlite, its one connection) until `release` is called. */
async function holdAlumni() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held!: () => void;
  const isHeld = new Promise<void>((resolve) => {
    held = resolve;
  });
  const done = ctx.db.unsafeOwner.transaction(async (tx) => {
    await tx.execute(sql`lock table alumni in access exclusive mode`);
    held();
    await released;
  });
  await isHeld;
  return async () => {
    release();
    await done;
  };
}

describe('under load', () => {
  it('turns a request beyond the limit away at once with 503 busy, and lets the others finish', async () => {
    const release = await holdAlumni();
    // two requests wait for the table: the limit of requests in progress is reached
    const waiting = [admin.get('/api/alumni?limit=5'), admin.get('/api/alumni?limit=5')];
    await expect.poll(() => ctx.app.loadShedding.inFlight).toBe(2);

    const started = performance.now();
    const turnedAway = await admin.get('/api/alumni?limit=5');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(turnedAway.statusCode).toBe(503);
    expect(turnedAway.headers['retry-after']).toBe('2');
    expect(turnedAway.json().error).toEqual({
      code: 'busy',
      message: 'ただいま混み合っています。数秒待ってから、もう一度お試しください。',
    });
    const english = await admin.request({ method: 'GET', url: '/api/alumni?limit=5', lang: 'en' });
    expect(english.json().error.message).toBe(
      'The server is busy right now. Please wait a few seconds and try again.',
    );
    // a load balancer still sees the server alive
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    await release();
    for (const res of await Promise.all(waiting)) expect(res.statusCode).toBe(200);
    // every request counted in was counted out
    await expect.poll(() => ctx.app.loadShedding.inFlight).toBe(0);
    expect((await admin.get('/api/alumni?limit=5')).statusCode).toBe(200);
  });

  it('turns requests away while the event loop is behind, then serves again', async () => {
    const lagging = await createTestContext({ env: { KIZUNA_MAX_EVENT_LOOP_DELAY_MS: '100' } });
    try {
      const probe = () => lagging.app.inject({ method: 'GET', url: '/api/me' }); // 401 when not busy
      // the process falls behind: 1.2 s of synchronous work (under-pressure takes the mean delay of
      // the event loop's ticks over each second, so most of a second must be lost)
      const until = Date.now() + 1200;
      while (Date.now() < until) {
        /* busy */
      }
      // measured at its next sample (each second): requests answer 503 busy until it catches up
      let answer = await probe();
      for (let i = 0; i < 40 && answer.statusCode !== 503; i++) {
        await new Promise((r) => setTimeout(r, 50));
        answer = await probe();
      }
      expect(answer.statusCode).toBe(503);
      expect(answer.json().error.code).toBe('busy');
      expect(answer.headers['retry-after']).toBe('2');
      expect((await lagging.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      await expect.poll(async () => (await probe()).statusCode, { timeout: 5000 }).not.toBe(503);
    } finally {
      await lagging.close();
    }
  });
});
