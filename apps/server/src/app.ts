import { existsSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { alumniRoutes, alumnusNames } from './modules/alumni/index.js';
import { alumniImportRoutes } from './modules/alumni-import/index.js';
import { analyticsRoutes } from './modules/analytics/index.js';
import { auditRoutes } from './modules/audit/index.js';
import {
  type Auth,
  createAuth,
  identityRoutes,
  invitationNames,
  membershipNames,
  registerAccessControl,
  registerAuthRoutes,
  unsafeCountMembers,
} from './modules/identity/index.js';
import { createMailer, type Mailer, mailRoutes } from './modules/mail/index.js';
import { alumnusConsentRoutes, currentNotice, membershipRoutes } from './modules/membership/index.js';
import { networkRoutes } from './modules/network/index.js';
import { rehirePolicyRoutes } from './modules/rehire-policy/index.js';
import { segmentRoutes } from './modules/segments/index.js';
import { tenantNames, tenantRoutes } from './modules/tenants/index.js';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db/database.js';
import { AppError, registerErrorHandling } from './platform/errors.js';
import type { RouteAccess } from './platform/http.js';
import { registerLoadShedding } from './platform/load-shedding.js';
import { loggerOptions, RequestLogController, SecretPaths } from './platform/logging.js';
import { createRateLimiter, registerRateLimits } from './platform/rate-limit.js';
import { createResponseSerializer } from './platform/serializer.js';

export interface AppDeps {
  config: Config;
  db: Database;
  mailer?: Mailer;
}

export interface RouteEntry {
  method: string;
  url: string;
  permission: RouteAccess | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access, for the permission-table test and docs. */
    routeTable: RouteEntry[];
    auth: Auth;
    mailer: Mailer;
  }
}

function trustedHops(value: string | undefined) {
  const hops = Number.parseInt(value ?? '0', 10);
  return hops > 0 ? (_address: string, hop: number) => hop < hops : false;
}

function originOf(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'invalid';
  }
}

/** Browsers send Origin on state-changing requests; a cookie-bearing one from elsewhere is refused. */
function registerOriginCheck(app: FastifyInstance, baseUrl: string) {
  const allowed = new URL(baseUrl).origin;
  app.addHook('onRequest', async (request) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/auth/')) return;
    const origin = request.headers.origin ?? originOf(request.headers.referer);
    if (origin === undefined) {
      if (request.headers.cookie) throw new AppError('forbidden');
      return;
    }
    if (origin !== allowed) throw new AppError('forbidden');
  });
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  // the paths whose segments are keys (tokens of mailed links): redacted in every log line
  const secretPaths = new SecretPaths();
  const app = Fastify({
    // one log line per request; LOG_FORMAT=json for pino's JSON lines (platform/logging.ts)
    logger: loggerOptions(config, secretPaths),
    logController: new RequestLogController(),
    // TRUST_PROXY=N: trust N proxy hops for the client address (never every hop)
    trustProxy: trustedHops(process.env.TRUST_PROXY),
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createResponseSerializer({ check: config.checkResponses }));

  const mailer = deps.mailer ?? createMailer(db, { smtpUrl: config.smtpUrl, from: config.mailFrom });
  const limiter = createRateLimiter(db, config.secret);
  const auth = createAuth(config, db, mailer, limiter);
  app.decorate('auth', auth);
  app.decorate('mailer', mailer);
  app.decorate('routeTable', [] as RouteEntry[]);
  app.addHook('onRoute', (route) => {
    // the API document and its viewer are public, like the OpenAPI JSON
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, permission: 'public' };
    secretPaths.addRoute(route.url, route.config?.permission);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      app.routeTable.push({ method, url: route.url, permission: route.config?.permission });
    }
  });
  app.addHook('onClose', async () => mailer.close());

  registerErrorHandling(app);
  await registerLoadShedding(app, db, config);
  registerRateLimits(app, limiter);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kizuna API',
        version: '0.1.0',
        description: 'Alumni relationship platform. Every route declares its permission (x-permission).',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kizuna.session_token' } },
      },
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const permission = input.route.config?.permission;
      return { ...out, schema: { ...out.schema, 'x-permission': permission } as typeof out.schema };
    },
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  registerOriginCheck(app, config.baseUrl);
  registerAccessControl(app, db, auth);
  await registerAuthRoutes(app, auth);

  app.get(
    '/healthz',
    {
      config: { permission: 'public' },
      schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['health'],
        response: {
          200: z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) }),
          503: z.object({ status: z.literal('unavailable'), database: z.enum(['pglite', 'postgres']) }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await db.ping();
        return { status: 'ready' as const, database: db.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: db.kind });
      }
    },
  );

  await app.register(identityRoutes(db, mailer, config));
  await app.register(tenantRoutes(db, unsafeCountMembers));
  await app.register(mailRoutes);
  await app.register(
    auditRoutes(db, {
      tenantNames,
      subjectNames: {
        alumnus: alumnusNames,
        membership: membershipNames,
        invitation: invitationNames,
        tenant: tenantNames,
      },
    }),
  );
  await app.register(alumniRoutes(db, config, mailer));
  await app.register(alumniImportRoutes(db, config, mailer));
  await app.register(segmentRoutes(db, config, mailer));
  await app.register(rehirePolicyRoutes(db, config, mailer));
  await app.register(membershipRoutes(db, config, mailer));
  await app.register(alumnusConsentRoutes);
  await app.register(networkRoutes(db, currentNotice));
  await app.register(analyticsRoutes);

  if (existsSync(join(config.webDistDir, 'index.html'))) {
    // cache-control is set per file below (fastify-static's own would overwrite it with max-age=0)
    await app.register(fastifyStatic, { root: config.webDistDir, serve: false, cacheControl: false });
    // the single-page app answers every other GET outside /api
    app.get('/*', { config: { permission: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (path.startsWith('/api/')) throw new AppError('not_found');
      const file = path.slice(1);
      // never a dotfile or dot-folder (the build's .vite/manifest.json lists the source paths)
      const hidden = file.split('/').some((part) => part.startsWith('.'));
      if (file && !hidden && existsSync(join(config.webDistDir, file)))
        return reply
          .header(
            'cache-control',
            file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          )
          .sendFile(file);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
