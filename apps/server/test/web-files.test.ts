import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './helpers.js';

/** The built web app as the server hands it out: its files, the page for every other address, no dotfiles. */
let ctx: TestContext;
const dist = mkdtempSync(join(tmpdir(), 'kizuna-dist-'));
beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, '.vite'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Kizuna</title>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dist, '.vite', 'manifest.json'), '{"src/main.tsx":{"file":"assets/index-abc123.js"}}');
  ctx = await createTestContext({ env: { KIZUNA_WEB_DIST: dist } });
});
afterAll(async () => {
  await ctx.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string) => ctx.app.inject({ method: 'GET', url });

describe('the built web app', () => {
  it('serves its hashed files for a year and every page address as the app', async () => {
    const script = await get('/assets/index-abc123.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get('/alumni/registration-requests');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Kizuna</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('never hands out a dotfile: the build manifest with its source paths stays on the server', async () => {
    const manifest = await get('/.vite/manifest.json');
    expect(manifest.body).not.toContain('src/main.tsx');
    expect(manifest.body).toContain('<title>Kizuna</title>');
  });
});
