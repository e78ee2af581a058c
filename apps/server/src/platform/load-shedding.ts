import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { errorBody, localeOf, sendError } from './errors.js';

/**
 * Load shedding: beyond what the server can take, a request answers 503 `busy` at once (with
 * Retry-After, in the user's language; the web says "busy, try again") instead of joining a queue
 * it would leave seconds later, or never.
 *
 * Two limits, from the load benchmark (`npm run bench -- load`):
 * - API requests in progress at once. Embedded PGlite has one connection: requests beyond the
 *   first wait for it in turn, so past a few dozen each new one only lengthens everyone's wait.
 *   PostgreSQL's pool queues the same way past its connections, only later.
 * - the event loop's delay (@fastify/under-pressure): when the process itself is behind (a long
 *   synchronous step, a CPU-bound burst), requests are turned away until it catches up (PostgreSQL
 *   only by default, see DEFAULT_MAX_EVENT_LOOP_DELAY_MS).
 * Health checks are never shed: a load balancer must see a busy server as alive.
 */

export const DEFAULT_MAX_IN_FLIGHT = { pglite: 64, postgres: 256 } as const;
/**
 * On PGlite every query runs on the event loop, so its delay measures the database's work, not
 * the process falling behind: there only the limit of requests in progress applies.
 */
export const DEFAULT_MAX_EVENT_LOOP_DELAY_MS = { pglite: 0, postgres: 1000 } as const;
/** Seconds a turned-away client is asked to wait. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

const exempt = (url: string) => url === '/healthz' || url === '/readyz' || !url.startsWith('/api/');

function busy(request: FastifyRequest, reply: FastifyReply) {
  reply.header('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
  return sendError(reply, request, 'busy');
}

export async function registerLoadShedding(app: FastifyInstance, db: Database, config: Config) {
  const maxInFlight = config.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT[db.kind];
  let inFlight = 0;
  let shed = 0;
  app.decorate('loadShedding', {
    maxInFlight,
    get inFlight() {
      return inFlight;
    },
    get shed() {
      return shed;
    },
  });
  if (maxInFlight > 0)
    app.addHook('onRequest', async (request, reply) => {
      if (exempt(request.url)) return;
      if (inFlight >= maxInFlight) {
        shed++;
        return busy(request, reply);
      }
      inFlight++;
      // 'close' comes once, whether the answer was sent or the client went away
      reply.raw.once('close', () => {
        inFlight--;
      });
    });
  const maxEventLoopDelay = config.maxEventLoopDelayMs ?? DEFAULT_MAX_EVENT_LOOP_DELAY_MS[db.kind];
  if (maxEventLoopDelay > 0)
    await app.register(underPressure, {
      maxEventLoopDelay,
      retryAfter: BUSY_RETRY_AFTER_SECONDS,
      // under-pressure sends what the handler returns (and goes on with the request when it is null)
      pressureHandler: (request, reply) => {
        if (exempt(request.url)) return;
        shed++;
        reply.status(503).header('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
        return errorBody('busy', localeOf(request)) as unknown as undefined;
      },
    });
}

declare module 'fastify' {
  interface FastifyInstance {
    loadShedding: { readonly maxInFlight: number; readonly inFlight: number; readonly shed: number };
  }
}
