import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/platform/config.js';
import {
  CATCH_ALL_SECRET_PATHS,
  formatTextLine,
  REDACTED,
  requestPath,
  SecretPaths,
} from '../src/platform/logging.js';
import {
  BASE_URL,
  createCompany,
  lastMailTo,
  linkIn,
  loginAs,
  nextIp,
  openTestDatabase,
  type TestContext,
  uniqueEmail,
} from './helpers.js';

/** The app on a fresh database, its log lines captured; a route that fails, for the error lines. */
async function appWithLog(format: 'text' | 'json', webDist = '/nonexistent-kizuna-web') {
  const { db, drop } = await openTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    LOG_FORMAT: format,
    KIZUNA_BASE_URL: BASE_URL,
    KIZUNA_DATA_DIR: '/nonexistent-kizuna-test',
    KIZUNA_WEB_DIST: webDist,
  });
  const lines: string[] = [];
  config.logStream = { write: (chunk) => lines.push(...chunk.split('\n').filter(Boolean)) };
  const app = await buildApp({ config, db });
  app.get('/test/boom', { config: { permission: 'public' } }, async () => {
    throw new Error('boom');
  });
  await app.ready();
  lines.length = 0; // start-up lines
  return { app, db, config, lines, close: () => app.close().then(drop) };
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

  it('writes the path as the request has it, keys redacted, in one place', () => {
    const secrets = new SecretPaths();
    secrets.addRoute('/api/public/invitations/:token');
    secrets.addRoute('/api/alumni/:alumnusId');
    expect(requestPath({ url: '/api/public/invitations/abc/accept?x=1' }, secrets)).toBe(
      `/api/public/invitations/${REDACTED}/accept?x=1`,
    );
    expect(requestPath({ url: '/api/alumni/0b6c?lang=en' }, secrets)).toBe('/api/alumni/0b6c?lang=en');
    expect(requestPath({ url: '/reset-password?a=1&token=abc&Token=d' }, secrets)).toBe(
      `/reset-password?a=1&token=${REDACTED}&Token=${REDACTED}`,
    );
  });
});

/** A web app build of one page, so that the web's own routes (`/*`) answer as in production. */
function webBuild() {
  const dir = mkdtempSync(join(tmpdir(), 'kizuna-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Kizuna</title>');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('tokens of mailed links', () => {
  for (const format of ['text', 'json'] as const)
    it(`never reach the request log, in a path or a query (LOG_FORMAT=${format})`, async () => {
      const web = webBuild();
      const log = await appWithLog(format, web.dir);
      close = () => log.close().finally(web.remove);
      const ctx = { app: log.app, db: log.db, config: log.config } as TestContext;
      const auth = (url: string, payload: object) =>
        ctx.app.inject({
          method: 'POST',
          url,
          remoteAddress: nextIp(),
          payload,
          headers: { origin: BASE_URL },
        });

      // real links, as mailed: a staff invitation, a password reset and a sign-in link
      const company = await createCompany(ctx);
      const { user, client: admin } = await loginAs(ctx, company.id, 'company_admin');
      const invitee = uniqueEmail('log');
      expect(
        (await admin.post('/api/invitations', { email: invitee, role: 'company_staff' })).statusCode,
      ).toBe(201);
      const invitation = new URL(linkIn((await lastMailTo(ctx, invitee))!.text));
      await auth('/api/auth/request-password-reset', { email: user.email, redirectTo: '/reset-password' });
      const reset = new URL(linkIn((await lastMailTo(ctx, user.email))!.text));
      await auth('/api/auth/sign-in/magic-link', { email: user.email, callbackURL: '/' });
      const magic = new URL(linkIn((await lastMailTo(ctx, user.email))!.text));
      const real = [
        invitation.pathname.split('/').at(-1)!,
        reset.pathname.split('/').at(-1)!,
        magic.searchParams.get('token')!,
      ];
      expect(invitation.pathname).toBe(`/invitations/${real[0]}`);
      expect(reset.pathname).toBe(`/api/auth/reset-password/${real[1]}`);

      const fake = Array.from({ length: 12 }, () => randomBytes(24).toString('base64url'));
      const progressId = crypto.randomUUID();
      const requests: [method: 'GET' | 'POST', url: string][] = [
        ['GET', invitation.pathname], // the web page the mail opens
        ['GET', `/api/public/invitations/${real[0]}`],
        ['POST', `/api/public/invitations/${real[0]}/accept`],
        ['GET', reset.pathname + reset.search], // better-auth redirects to the web page with the token
        ['GET', `/reset-password?token=${fake[0]}`],
        ['GET', magic.pathname + magic.search],
        ['GET', `/api/auth/verify-email?token=${fake[1]}&callbackURL=/`],
        ['GET', `/api/public/alumni-invitations/${fake[2]}`],
        ['POST', `/api/public/alumni-invitations/${fake[2]}/register`],
        ['GET', `/join/${fake[3]}`],
        ['POST', `/api/public/registration-verifications/${fake[4]}`],
        ['GET', `/network/verify/${fake[4]}`],
        ['GET', `/api/public/rehire-policy/${fake[5]}`],
        ['GET', `/rehire-policy/${fake[5]}`],
        ['GET', `/api/alumni/import/progress/${progressId}`], // 'secret-link': the id is the key
        ['GET', `/api/public/invitations/${fake[6]}/no-such-route`], // unknown routes too
      ];
      log.lines.length = 0;
      for (const [method, url] of requests)
        await ctx.app.inject({
          method,
          url,
          payload: method === 'POST' ? {} : undefined,
          headers: { origin: BASE_URL },
        });

      const text = log.lines.join('\n');
      for (const secret of [...real, ...fake.slice(0, 7), progressId]) expect(text).not.toContain(secret);
      const paths =
        format === 'json'
          ? log.lines.map((l) => JSON.parse(l)).flatMap((e) => (e.req?.url ? [e.req.url as string] : []))
          : log.lines.flatMap((l) => /^\d\d:\d\d:\d\d (?:\w+ )?(?:GET|POST) (\S+) \d{3} /.exec(l)?.[1] ?? []);
      expect(paths).toHaveLength(requests.length); // one line per request, each still says where it went
      expect(paths).toEqual(
        expect.arrayContaining([
          `/invitations/${REDACTED}`,
          `/api/public/invitations/${REDACTED}/accept`,
          `/api/auth/reset-password/${REDACTED}${reset.search}`,
          `/api/auth/magic-link/verify?token=${REDACTED}&callbackURL=%2F`,
          `/join/${REDACTED}`,
          `/api/alumni/import/progress/${REDACTED}`,
        ]),
      );
    });

  it('are listed for the web’s pages opened from a mailed link (page-table.tsx)', () => {
    const pages = readFileSync(new URL('../../web/src/app/page-table.tsx', import.meta.url), 'utf8');
    const tokenPages = [...pages.matchAll(/path: '([^']*\/:\w*[tT]oken[^']*)'/g)].map((m) => m[1]);
    expect(tokenPages.length).toBeGreaterThan(0);
    expect(CATCH_ALL_SECRET_PATHS.filter((p) => !p.startsWith('/api/'))).toEqual(tokenPages);
  });
});

describe('LOG_FORMAT', () => {
  it('is text unless json, and refuses anything else', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logFormat).toBe('text');
    expect(loadConfig({ NODE_ENV: 'test', LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ NODE_ENV: 'test', LOG_FORMAT: 'pretty' })).toThrow(ConfigError);
  });
});
