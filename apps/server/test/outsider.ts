import { expect } from 'vitest';
import type { Client, TestContext } from './helpers.js';

/**
 * The outsider harness: for a route that takes an id, staff of another company must get 404
 * (never 403: another company's row does not exist for them) and the row must not change.
 * New modules add their id-taking routes as cases; tenancy.test.ts fails for any id route
 * without a case.
 */
export interface OutsiderCase {
  /** As Fastify registers it, e.g. `DELETE /api/invitations/:invitationId`. */
  route: string;
  /** Creates a row in the owner's company; returns the concrete request and a way to read the row. */
  arrange(
    ctx: TestContext,
    owner: Client,
  ): Promise<{ url: string; body?: unknown; snapshot: () => Promise<unknown> }>;
}

export async function expectOutsiderGets404(
  ctx: TestContext,
  owner: Client,
  outsider: Client,
  c: OutsiderCase,
) {
  const [method] = c.route.split(' ');
  const { url, body, snapshot } = await c.arrange(ctx, owner);
  const before = await snapshot();
  const res = await outsider.request({
    method: method as 'GET',
    url,
    ...(body === undefined ? {} : { payload: body as object }),
  });
  expect(res.statusCode, `${c.route} as an outsider`).toBe(404);
  expect(res.json().error.code).toBe('not_found');
  expect(await snapshot(), `${c.route} must not change the row`).toEqual(before);
}
