import { pickLocale, retryAfterMessage } from '@kizuna/contract';
import { type BetterAuthPlugin, betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthEndpoint, createAuthMiddleware } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';
import { fromNodeHeaders, toNodeHandler } from 'better-auth/node';
import { magicLink } from 'better-auth/plugins/magic-link';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/database.js';
import { localizedMail } from '../../platform/mail-templates.js';
import type { RateLimiter, RateRule } from '../../platform/rate-limit.js';
import type { Mailer } from '../mail/index.js';
import { authAccount, authRateLimit, authSession, authUser, authVerification } from './tables.js';

/** The only header better-auth reads the client address from; we always overwrite it. */
export const CLIENT_IP_HEADER = 'x-kizuna-client-ip';

/**
 * Kizuna's own better-auth endpoint for a session after registration. It is server-only
 * (`createAuthEndpoint.serverOnly`): callable as `auth.api.startRegisteredSession` from our code,
 * never routed over HTTP. It does what better-auth's own sign-in endpoints do once the person is
 * known: `internalAdapter.createSession` (a random token, the client address and user agent of the
 * request, the configured lifetime) and `setSessionCookie` (the signed cookie with the configured
 * name and attributes). Use `startMemberSession` (`sessions.ts`), which decides whether one may start.
 */
const registrationSession = {
  id: 'kizuna-registration-session',
  endpoints: {
    startRegisteredSession: createAuthEndpoint.serverOnly(
      {
        method: 'POST',
        body: z.object({ userId: z.string().min(1), activeTenantId: z.uuid() }),
      },
      async (ctx) => {
        const user = await ctx.context.internalAdapter.findUserById(ctx.body.userId);
        if (!user) throw new APIError('NOT_FOUND');
        const session = await ctx.context.internalAdapter.createSession(user.id, false, {
          activeTenantId: ctx.body.activeTenantId,
        });
        if (!session) throw new APIError('INTERNAL_SERVER_ERROR');
        await setSessionCookie(ctx, { session, user });
        return ctx.json({ ok: true });
      },
    ),
  },
} satisfies BetterAuthPlugin;

/**
 * Sign-in budgets: failed tries only (a success gives its try back). Per account: ten wrong
 * passwords in 15 minutes stop guessing one person's password. Per client address: fifty, so an
 * office signing in at 9:00 behind one address is never locked out while a spray of wrong
 * passwords from it is. Links by mail (magic link, password reset): five per account an hour.
 */
export const signInBudgets = {
  failuresPerAccount: { name: 'sign-in:account', max: 10, windowSeconds: 15 * 60 },
  failuresPerClient: { name: 'sign-in:client', max: 50, windowSeconds: 15 * 60 },
  mailedLinkPerAccount: { name: 'mailed-link:account', max: 5, windowSeconds: 60 * 60 },
} as const satisfies Record<string, RateRule>;

const MAILED_LINK_PATHS = new Set(['/sign-in/magic-link', '/request-password-reset']);

/** better-auth's own answer shape for a spent budget, with the wait in the caller's words. */
function tooManyRequests(seconds: number, headers: Headers | undefined) {
  return new APIError(
    'TOO_MANY_REQUESTS',
    {
      code: 'rate_limited',
      message: retryAfterMessage(seconds, pickLocale(headers?.get('accept-language'))),
    },
    { 'Retry-After': String(seconds), 'X-Retry-After': String(seconds) },
  );
}

function accountOf(body: unknown): string | null {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email ? email.trim().toLowerCase() : null;
}

export function createAuth(config: Config, db: Database, mailer: Mailer, limiter: RateLimiter) {
  return betterAuth({
    appName: 'Kizuna',
    logger: { level: config.env === 'test' ? 'error' : 'warn' },
    baseURL: config.baseUrl,
    basePath: '/api/auth',
    secret: config.secret,
    trustedOrigins: [new URL(config.baseUrl).origin],
    // a verification row's identifier holds the token of a password-reset link
    // (`reset-password:<token>`): keep only its SHA-256, as for our own links (platform/tokens.ts)
    verification: { storeIdentifier: 'hashed' },
    database: drizzleAdapter(db.unsafeOwner, {
      provider: 'pg',
      schema: {
        user: authUser,
        session: authSession,
        account: authAccount,
        verification: authVerification,
        rateLimit: authRateLimit,
      },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true, // people join by invitation (or the CLI), never by open sign-up
      minPasswordLength: 10,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      // in the language of the request (the web sends its UI language as Accept-Language)
      sendResetPassword: async ({ user, url }, request) => {
        await mailer.send({
          to: user.email,
          ...localizedMail(
            pickLocale(request?.headers.get('accept-language')),
            { ja: 'パスワードの再設定', en: 'Reset your password' },
            {
              ja: `${user.name} 様\n\nKizuna のパスワード再設定を受け付けました。1時間以内に次のリンクから新しいパスワードを設定してください。\n心当たりがない場合は、このメールを破棄してください。`,
              en: `Hello ${user.name},\n\nWe received a request to reset your Kizuna password. Set a new one within an hour with this link.\nIf you did not ask for this, ignore this e-mail.`,
            },
            url,
          ),
        });
      },
    },
    session: {
      additionalFields: {
        activeTenantId: { type: 'string', required: false, input: false },
      },
    },
    rateLimit: {
      // in every environment; a backstop against floods per address — the budgets that matter
      // (per account, failures per address) are signInBudgets, counted in the hooks below
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: 300 },
        '/sign-in/magic-link': { window: 60, max: 60 },
        '/request-password-reset': { window: 60, max: 60 },
      },
    },
    hooks: {
      // a try is counted before it runs and given back when it succeeds: concurrent wrong
      // passwords cannot slip past the budget, and right ones never use it up
      before: createAuthMiddleware(async (ctx) => {
        const client = ctx.headers?.get(CLIENT_IP_HEADER) ?? null;
        const account = accountOf(ctx.body);
        if (ctx.path === '/sign-in/email') {
          const waits = await Promise.all([
            client ? limiter.count(signInBudgets.failuresPerClient, client) : null,
            account ? limiter.count(signInBudgets.failuresPerAccount, account) : null,
          ]);
          const wait = waits.find((w) => typeof w === 'number');
          if (wait !== undefined) throw tooManyRequests(wait, ctx.headers);
        } else if (MAILED_LINK_PATHS.has(ctx.path) && account) {
          const wait = await limiter.count(signInBudgets.mailedLinkPerAccount, account);
          if (wait !== null) throw tooManyRequests(wait, ctx.headers);
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email' || ctx.context.returned instanceof APIError) return;
        const client = ctx.headers?.get(CLIENT_IP_HEADER);
        const account = accountOf(ctx.body);
        await Promise.all([
          client ? limiter.refund(signInBudgets.failuresPerClient, client) : null,
          account ? limiter.refund(signInBudgets.failuresPerAccount, account) : null,
        ]);
      }),
    },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: config.baseUrl.startsWith('https:'),
      cookiePrefix: 'kizuna',
    },
    plugins: [
      registrationSession,
      magicLink({
        disableSignUp: true,
        storeToken: 'hashed',
        expiresIn: 15 * 60,
        sendMagicLink: async ({ email, url }, ctx) => {
          // no mail to addresses without an account: Kizuna is not a way to mail strangers
          const [known] = await db.unsafeOwner
            .select({ id: authUser.id })
            .from(authUser)
            .where(eq(authUser.email, email.toLowerCase()));
          if (!known) return;
          const headers = ctx?.headers ?? ctx?.request?.headers;
          await mailer.send({
            to: email,
            ...localizedMail(
              pickLocale(headers?.get('accept-language')),
              { ja: 'Kizuna ログインリンク', en: 'Your Kizuna sign-in link' },
              {
                ja: '次のリンクから Kizuna にログインできます（15分間・1回限り有効）。\n心当たりがない場合は、このメールを破棄してください。',
                en: 'Sign in to Kizuna with this link (valid once, for 15 minutes).\nIf you did not ask for this, ignore this e-mail.',
              },
              url,
            ),
          });
        },
      }),
    ],
  });
}
export type Auth = ReturnType<typeof createAuth>;

/**
 * better-auth in a plugin of its own: no body parsing here, the raw request is handed over
 * (`reply.hijack()`), and the client address is Fastify's `request.ip`, never a client header.
 */
export async function registerAuthRoutes(app: FastifyInstance, auth: Auth) {
  const handler = toNodeHandler(auth);
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    scope.route({
      method: ['GET', 'POST'],
      url: '/api/auth/*',
      config: { permission: 'public' },
      schema: { hide: true },
      handler: async (request, reply) => {
        request.raw.headers[CLIENT_IP_HEADER] = request.ip;
        reply.hijack();
        await handler(request.raw, reply.raw);
      },
    });
  });
}

/** The request's headers for a call of `auth.api`, the client address being Fastify's `request.ip`. */
export function authHeadersOf(request: FastifyRequest) {
  const headers = fromNodeHeaders(request.headers);
  headers.delete(CLIENT_IP_HEADER);
  headers.set(CLIENT_IP_HEADER, request.ip);
  return headers;
}

export async function getSession(auth: Auth, request: FastifyRequest) {
  return auth.api.getSession({ headers: authHeadersOf(request) });
}
