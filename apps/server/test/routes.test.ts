import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('route → permission table', () => {
  it('every route declares its access, and the table changes only on purpose', async () => {
    const rows = ctx.app.routeTable
      .filter((r) => !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method.padEnd(7)} ${r.url.padEnd(46)} ${r.permission ?? 'UNDECLARED'}`)
      .sort();
    expect(rows.filter((r) => r.endsWith('UNDECLARED'))).toEqual([]);
    // Update with `npx vitest run -u` when a change of access is intended, and review the diff.
    await expect(`${rows.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/route-permissions.txt');
  });

  it('publishes every API route in the OpenAPI document with its permission', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { 'x-permission'?: string }>>,
    ))
      for (const [method, op] of Object.entries(ops)) {
        documented.add(`${method.toUpperCase()} ${path}`);
        expect(op['x-permission'], `${method} ${path}`).toBeTruthy();
      }
    const apiRoutes = ctx.app.routeTable.filter(
      (r) =>
        r.url.startsWith('/api/') &&
        !r.url.startsWith('/api/auth/') &&
        !r.url.startsWith('/api/docs') &&
        r.url !== '/api/openapi.json',
    );
    for (const r of apiRoutes)
      expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
  });

  it('answers health and readiness', async () => {
    expect((await ctx.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await ctx.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
  });

  it('answers unknown API paths with a 404 error body in the user’s language', async () => {
    const res = await ctx.app.inject({ url: '/api/nothing-here', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
  });
});
