import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from './db/database.js';
import { RateLimitedError } from './errors.js';

/**
 * One counter per (rule, key) and window, shared by every server process: the database is the
 * store, so a restart or a second instance does not reset anyone's budget. Keys are keyed hashes
 * (HMAC with the server secret): the table holds no client address, e-mail address or token.
 * Written on the owner connection only; the application role has no grant on it.
 */
export const rateLimitCounters = pgTable('rate_limit_counters', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  resetsAt: timestamp('resets_at', { withTimezone: true }).notNull(),
});

/** A budget: at most `max` hits per `windowSeconds` for one key (a client address, an account…). */
export interface RateRule {
  readonly name: string;
  readonly max: number;
  readonly windowSeconds: number;
}

export interface RateLimiter {
  /** Counts one hit; over budget, throws `rate_limited` with the seconds until the window ends. */
  hit(rule: RateRule, key: string): Promise<void>;
  /** Counts one hit: the seconds to wait when over budget, else null (for callers with their own answer). */
  count(rule: RateRule, key: string): Promise<number | null>;
  /**
   * Takes one hit back (e.g. a sign-in that succeeded): counting first and refunding after keeps
   * a burst of concurrent tries within the budget, where counting only after would not.
   */
  refund(rule: RateRule, key: string): Promise<void>;
}

export function createRateLimiter(db: Database, secret: string): RateLimiter {
  const keyOf = (rule: RateRule, key: string) =>
    createHmac('sha256', secret).update(`${rule.name}\0${key}`).digest('base64url');
  const waitOf = (resetsAt: Date | string) =>
    Math.max(1, Math.ceil((new Date(resetsAt).getTime() - Date.now()) / 1000));

  async function count(rule: RateRule, key: string) {
    // one statement: a fresh window starts at 1, an open one adds 1 (concurrent hits serialize on the row)
    const rows = await db.unsafeOwner.execute<Counter>(sql`
      insert into rate_limit_counters as c (key, count, resets_at)
      values (${keyOf(rule, key)}, 1, now() + make_interval(secs => ${rule.windowSeconds}))
      on conflict (key) do update set
        count = case when c.resets_at <= now() then 1 else c.count + 1 end,
        resets_at = case when c.resets_at <= now() then excluded.resets_at else c.resets_at end
      returning count, resets_at`);
    const row = rowsOf<Counter>(rows)[0]!;
    if (Math.random() < 0.01) void sweep();
    return row.count > rule.max ? waitOf(row.resets_at) : null;
  }

  /** Ended windows are dead weight: now and then one hit clears them. */
  async function sweep() {
    try {
      await db.unsafeOwner.execute(sql`delete from rate_limit_counters where resets_at < now()`);
    } catch {
      // best effort: the next sweep tries again
    }
  }

  async function refund(rule: RateRule, key: string) {
    await db.unsafeOwner.execute(sql`
      update rate_limit_counters set count = greatest(count - 1, 0)
      where key = ${keyOf(rule, key)} and resets_at > now()`);
  }

  return {
    count,
    refund,
    async hit(rule, key) {
      const wait = await count(rule, key);
      if (wait !== null) throw new RateLimitedError(wait);
    },
  };
}

type Counter = {
  count: number;
  resets_at: string | Date;
};

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** A budget on a route: the rule and what it counts by (null: this request is not counted). */
export interface RouteRateLimit {
  rule: RateRule;
  by: (request: FastifyRequest) => string | null | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Budgets checked before the handler (after the body is parsed), in order. */
    rateLimits?: RouteRateLimit[];
  }
}

/** Counts each route's budgets before its handler runs; the first one spent answers 429. */
export function registerRateLimits(app: FastifyInstance, limiter: RateLimiter) {
  app.addHook('preHandler', async (request) => {
    const limits = request.routeOptions.config.rateLimits;
    if (!limits) return;
    for (const { rule, by } of limits) {
      const key = by(request);
      if (key) await limiter.hit(rule, key);
    }
  });
}

/** Budgets counted by client address, by the path's token, or by the company's slug. */
export const byClient = (request: FastifyRequest) => `ip:${request.ip}`;
export const byParam = (name: string) => (request: FastifyRequest) => {
  const value = (request.params as Record<string, unknown>)[name];
  return typeof value === 'string' ? `${name}:${value}` : null;
};

const minutes = (n: number) => n * 60;

/**
 * The budgets of what anyone may call without signing in. Generous enough for a whole office
 * behind one address, tight enough that guessing links or mailing strangers gets nowhere.
 */
export const publicBudgets = {
  /** Following a mailed link (read it, then act on it): per client address… */
  linkPerClient: { name: 'link:client', max: 60, windowSeconds: minutes(10) },
  /** …and per link, whoever calls. */
  linkPerToken: { name: 'link:token', max: 20, windowSeconds: minutes(10) },
  /** The rehire-policy link is shared with all employees: an office reads it at once. */
  sharedLinkPerClient: { name: 'shared-link:client', max: 600, windowSeconds: minutes(10) },
  sharedLinkPerToken: { name: 'shared-link:token', max: 3000, windowSeconds: minutes(10) },
  /** Self-registration mails a link: per client address and per company, each hour. */
  registrationPerClient: { name: 'registration:client', max: 20, windowSeconds: minutes(60) },
  registrationPerCompany: { name: 'registration:company', max: 300, windowSeconds: minutes(60) },
} as const satisfies Record<string, RateRule>;

/** A mailed link's budgets: by client address and by the link's token (path parameter `param`). */
export function linkLimits(param = 'token'): RouteRateLimit[] {
  return [
    { rule: publicBudgets.linkPerClient, by: byClient },
    { rule: publicBudgets.linkPerToken, by: byParam(param) },
  ];
}

/** A link shared with many people (the rehire policy for employees): by client address and by link. */
export function sharedLinkLimits(param = 'token'): RouteRateLimit[] {
  return [
    { rule: publicBudgets.sharedLinkPerClient, by: byClient },
    { rule: publicBudgets.sharedLinkPerToken, by: byParam(param) },
  ];
}

/** Self-registration on a company's public page: by client address and by company (`slug`). */
export function registrationLimits(): RouteRateLimit[] {
  return [
    { rule: publicBudgets.registrationPerClient, by: byClient },
    { rule: publicBudgets.registrationPerCompany, by: byParam('slug') },
  ];
}
