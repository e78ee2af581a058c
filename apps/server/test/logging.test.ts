import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/platform/config.js';
import { formatTextLine, requestPath } from '../src/platform/logging.js';
import { BASE_URL, openTestDatabase } from './helpers.js';

/** The app on a fresh database, its log lines captured; a route that fails, for the error lines. */
async function appWithLog(format: 'text' | 'json') {
  const { db, drop } = await openTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    LOG_FORMAT: format,
    KIZUNA_BASE_URL: BASE_URL,
    KIZUNA_DATA_DIR: '/nonexistent-kizuna-test',
    KIZUNA_WEB_DIST: '/nonexistent-kizuna-web',
  });
  const lines: string[] = [];
  config.logStream = { write: (chunk) => lines.push(...chunk.split('\n').filter(Boolean)) };
  const app = await buildApp({ config, db });
  app.get('/test/boom', { config: { permission: 'public' } }, async () => {
    throw new Error('boom');
  });
  await app.ready();
  lines.length = 0; // start-up lines
  return { app, lines, close: () => app.close().then(drop) };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const get = (app: FastifyInstance, url: string) => app.inject({ method: 'GET', url });
const clockLine = (rest: string) => new RegExp(`^\\d\\d:\\d\\d:\\d\\d ${rest}$`);

describe('request logs', () => {
  it('are one short line per request by default: method, path, status, time in ms', async () => {
    const ctx = await appWithLog('text');
    close = ctx.close;
    await get(ctx.app, '/healthz');
    await get(ctx.app, '/api/me?lang=en');
    await ctx.app.inject({ method: 'POST', url: '/api/invitations', payload: {} });
    expect(ctx.lines).toHaveLength(3);
    expect(ctx.lines[0]).toMatch(clockLine('GET /healthz 200 \\d+\\.\\d ms'));
    expect(ctx.lines[1]).toMatch(clockLine('GET /api/me\\?lang=en 401 \\d+\\.\\d ms'));
    expect(ctx.lines[2]).toMatch(clockLine('POST /api/invitations 4\\d\\d \\d+\\.\\d ms'));
    expect(ctx.lines.join('\n')).not.toMatch(/incoming request|request completed|"level"/);
  });

  it('show a failure as an error line with its stack, then the request line', async () => {
    const ctx = await appWithLog('text');
    close = ctx.close;
    const res = await get(ctx.app, '/test/boom');
    expect(res.statusCode).toBe(500);
    const text = ctx.lines.join('\n');
    expect(text).toMatch(/^\d\d:\d\d:\d\d ERROR request failed\n {4}Error: boom\n {8}at /);
    expect(ctx.lines.at(-1)).toMatch(clockLine('GET /test/boom 500 \\d+\\.\\d ms'));
    expect(ctx.lines.filter((l) => /^\d\d:\d\d:\d\d /.test(l))).toHaveLength(2);
  });

  it('are one JSON line per request with LOG_FORMAT=json', async () => {
    const ctx = await appWithLog('json');
    close = ctx.close;
    await get(ctx.app, '/healthz');
    await get(ctx.app, '/api/me?lang=en');
    const entries = ctx.lines.map((l) => JSON.parse(l));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      level: 30,
      reqId: expect.any(String),
      req: { method: 'GET', url: '/healthz' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      msg: 'request completed',
    });
    expect(entries[1]).toMatchObject({ req: { url: '/api/me?lang=en' }, res: { statusCode: 401 } });
    expect(entries[0].reqId).not.toBe(entries[1].reqId);
  });

  it('keep a failure in JSON with its error', async () => {
    const ctx = await appWithLog('json');
    close = ctx.close;
    await get(ctx.app, '/test/boom');
    const entries = ctx.lines.map((l) => JSON.parse(l));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ level: 50, msg: 'request failed', err: { message: 'boom' } });
    expect(entries[1]).toMatchObject({ req: { url: '/test/boom' }, res: { statusCode: 500 } });
    expect(entries[1].reqId).toBe(entries[0].reqId);
  });
});

describe('the text format', () => {
  const at = new Date(2026, 0, 2, 3, 4, 5).getTime();
  it('writes other lines as time, level unless info, message and fields', () => {
    expect(formatTextLine(JSON.stringify({ level: 30, time: at, pid: 1, msg: 'Server listening' }))).toBe(
      '03:04:05 Server listening\n',
    );
    expect(
      formatTextLine(JSON.stringify({ level: 30, time: at, signal: 'SIGTERM', msg: 'shutting down' })),
    ).toBe('03:04:05 shutting down signal=SIGTERM\n');
    expect(formatTextLine(JSON.stringify({ level: 40, time: at, msg: 'careful', n: { a: 1 } }))).toBe(
      '03:04:05 WARN careful n={"a":1}\n',
    );
    expect(formatTextLine('not json\n')).toBe('not json\n');
  });

  it('writes the path as the request has it, in one place', () => {
    expect(requestPath({ url: '/api/public/invitations/abc?x=1' })).toBe('/api/public/invitations/abc?x=1');
  });
});

describe('LOG_FORMAT', () => {
  it('is text unless json, and refuses anything else', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logFormat).toBe('text');
    expect(loadConfig({ NODE_ENV: 'test', LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ NODE_ENV: 'test', LOG_FORMAT: 'pretty' })).toThrow(ConfigError);
  });
});
