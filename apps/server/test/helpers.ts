import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TenantRole } from '@kizuna/contract';
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { memberships, operatorStaff } from '../src/modules/identity/tables.js';
import { createUser } from '../src/modules/identity/users.js';
import type { Mailer } from '../src/modules/mail/mailer.js';
import { outgoingMail } from '../src/modules/mail/tables.js';
import { createTenant } from '../src/modules/tenants/use-cases.js';
import { type Config, loadConfig } from '../src/platform/config.js';
import { type Database, openDatabase } from '../src/platform/db/database.js';
import { withDatabase } from './global-setup.js';

export const PASSWORD = 'correct-horse-battery';
export const BASE_URL = 'http://127.0.0.1:3999';

/** A fresh database copied from the migrated template: PGlite, or PostgreSQL with TEST_DATABASE_URL. */
export async function openTestDatabase(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `kizuna_t_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('templateDatabase')}`);
    await admin.end();
    const db = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 4 });
    return {
      db,
      drop: async () => {
        await db.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const file = inject('templateFile');
  const db = await openDatabase({ loadDataDir: new Blob([readFileSync(file)]) });
  return { db, drop: () => db.close() };
}

export interface TestContext {
  app: FastifyInstance;
  db: Database;
  config: Config;
  close(): Promise<void>;
}

export async function createTestContext(
  options: { env?: Record<string, string>; mailer?: Mailer } = {},
): Promise<TestContext> {
  const { db, drop } = await openTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    KIZUNA_BASE_URL: BASE_URL,
    KIZUNA_DATA_DIR: '/nonexistent-kizuna-test',
    KIZUNA_WEB_DIST: '/nonexistent-kizuna-web',
    ...options.env,
  });
  const app = await buildApp({ config, db, ...(options.mailer ? { mailer: options.mailer } : {}) });
  await app.ready();
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

let ipCounter = 1;
/** Each sign-in comes from its own address, as people do, so rate limits stay per person. */
export function nextIp() {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

/** A signed-in client: an HTTP session with cookies, speaking one language. */
export interface Client {
  cookie: string;
  request(options: InjectOptions & { lang?: 'ja' | 'en' }): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function clientFor(ctx: TestContext, cookie: string): Client {
  const request = ({ lang = 'ja', headers, ...rest }: InjectOptions & { lang?: 'ja' | 'en' }) =>
    ctx.app.inject({
      ...rest,
      headers: {
        origin: BASE_URL,
        'accept-language': lang,
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
    });
  return {
    cookie,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body = {}) => request({ method: 'POST', url, payload: body as object }),
    patch: (url, body = {}) => request({ method: 'PATCH', url, payload: body as object }),
    put: (url, body = {}) => request({ method: 'PUT', url, payload: body as object }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

export const anonymous = (ctx: TestContext) => clientFor(ctx, '');

export function cookiesOf(res: LightMyRequestResponse): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

export async function signIn(ctx: TestContext, email: string, password = PASSWORD): Promise<Client> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    remoteAddress: nextIp(),
    headers: { origin: BASE_URL, 'content-type': 'application/json' },
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  return clientFor(ctx, cookiesOf(res));
}

let seq = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${Date.now().toString(36)}-${++seq}@example.test`;

export async function createCompany(ctx: TestContext, name = `会社${++seq}`) {
  return createTenant(ctx.db, null, {
    name,
    slug: `co-${randomBytes(4).toString('hex')}`,
    operatingModel: 'broadcast',
  });
}

export async function createMember(
  ctx: TestContext,
  tenantId: string,
  role: TenantRole,
  name = 'テスト 太郎',
) {
  const email = uniqueEmail(role);
  const user = await ctx.db.unsafeOwner.transaction(async (tx) => {
    const u = await createUser(tx, { email, name, password: PASSWORD });
    await tx.insert(memberships).values({ tenantId, userId: u.id, role });
    return u;
  });
  return user;
}

export async function createOperator(
  ctx: TestContext,
  role: 'operator_admin' | 'interviewer' = 'operator_admin',
) {
  const email = uniqueEmail(role);
  return ctx.db.unsafeOwner.transaction(async (tx) => {
    const u = await createUser(tx, { email, name: '運営 一郎', password: PASSWORD });
    await tx.insert(operatorStaff).values({ userId: u.id, role });
    return u;
  });
}

/** Signs in a new user holding `role` in the company. */
export async function loginAs(ctx: TestContext, tenantId: string, role: TenantRole) {
  const user = await createMember(ctx, tenantId, role);
  return { user, client: await signIn(ctx, user.email) };
}

export async function loginAsOperator(ctx: TestContext) {
  const user = await createOperator(ctx);
  return { user, client: await signIn(ctx, user.email) };
}

/**
 * The newest message kept for an address (mail is kept in the database without SMTP). A body that
 * is not kept (SMTP, or erased) reads as '' here: read `outgoing_mail` itself to see the null.
 */
export async function lastMailTo(ctx: TestContext, to: string) {
  const [m] = await ctx.db.unsafeOwner
    .select()
    .from(outgoingMail)
    .where(eq(outgoingMail.to, to))
    .orderBy(desc(outgoingMail.createdAt))
    .limit(1);
  return m ? { ...m, text: m.text ?? '' } : null;
}

export function linkIn(text: string): string {
  const m = text.match(/https?:\/\/\S+/);
  if (!m) throw new Error(`no link in: ${text}`);
  return m[0];
}
