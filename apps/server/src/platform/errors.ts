import {
  type ErrorCode,
  errorMessages,
  errorStatus,
  type FieldMessageKey,
  fieldMessages,
  type Locale,
  pickLocale,
  retryAfterMessage,
} from '@kizuna/contract';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export interface FieldProblem {
  path: string;
  /** A key of `fieldMessages`, or a message already in the user's words. */
  key: FieldMessageKey | string;
  params?: Record<string, string | number>;
}

/** The one error type of the application: a code (→ HTTP status) and optional field problems. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fields: FieldProblem[] = [],
    message?: string,
  ) {
    super(message ?? code);
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

/** `rate_limited` (429) with the time to wait: answered with Retry-After and words that say it. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited');
  }
}

export const notFound = () => new AppError('not_found');

interface DriverError {
  code?: unknown;
  constraint?: unknown;
  cause?: unknown;
}

/** The database's error under whatever the driver and drizzle wrapped it in (`cause` chains). */
function databaseError(error: unknown, test: (e: DriverError) => boolean): DriverError | null {
  for (let e = error as DriverError | null; e; ) {
    if (test(e)) return e;
    e = typeof e.cause === 'object' ? (e.cause as DriverError) : null;
  }
  return null;
}

/**
 * A unique violation (23505), of `constraint` when one is named: what the loser of a race for a
 * unique key gets. Catch it outside the statement (on PostgreSQL it aborts the transaction).
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return (
    databaseError(error, (e) => e.code === '23505' && (!constraint || e.constraint === constraint)) !== null
  );
}

/** Errors of two transactions colliding: unique violation, serialization failure, deadlock. */
const RACE_CODES = new Set(['23505', '40001', '40P01']);
export const forbidden = () => new AppError('forbidden');

export function localeOf(request: FastifyRequest): Locale {
  return pickLocale(request.headers['accept-language']);
}

/** A field problem in the user's words: a `fieldMessages` key, or text already in their words. */
export function fieldMessage(problem: Omit<FieldProblem, 'path'>, locale: Locale): string {
  const entry = (fieldMessages as Record<string, Record<Locale, string>>)[problem.key];
  let text = entry ? entry[locale] : problem.key;
  for (const [k, v] of Object.entries(problem.params ?? {})) text = text.replace(`{{${k}}}`, String(v));
  return text;
}

export function errorBody(code: ErrorCode, locale: Locale, fields: FieldProblem[] = []) {
  return {
    error: {
      code,
      message: errorMessages[code][locale],
      ...(fields.length
        ? { fields: fields.map((f) => ({ path: f.path, message: fieldMessage(f, locale) })) }
        : {}),
    },
  };
}

export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  fields: FieldProblem[] = [],
) {
  return reply.status(errorStatus[code]).send(errorBody(code, localeOf(request), fields));
}

interface ValidationItem {
  keyword: string;
  instancePath: string;
  message?: string;
  params: { minimum?: number | bigint; maximum?: number | bigint; expected?: string; input?: unknown };
}

function problemFromValidation(context: string, item: ValidationItem): FieldProblem {
  const segments = item.instancePath.split('/').filter(Boolean);
  const path = [context, ...segments].join('.');
  const message = item.message ?? '';
  if (message in fieldMessages) return { path, key: message };
  if (item.keyword === 'invalid_type' && item.params.input === undefined) return { path, key: 'required' };
  if (item.keyword === 'too_small')
    return { path, key: 'too_short', params: { min: Number(item.params.minimum ?? 1) } };
  if (item.keyword === 'too_big')
    return { path, key: 'too_long', params: { max: Number(item.params.maximum ?? 0) } };
  return { path, key: 'invalid_value' };
}

/** One place maps every failure to the error body; 5xx bodies never carry internals. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof RateLimitedError) {
      const seconds = error.retryAfterSeconds;
      const body = errorBody('rate_limited', localeOf(request));
      body.error.message = retryAfterMessage(seconds, localeOf(request));
      return reply.status(429).header('retry-after', String(seconds)).send(body);
    }
    if (error instanceof AppError) return sendError(reply, request, error.code, error.fields);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext ?? 'body';
      const fields = error.validation.map((v) =>
        problemFromValidation(context, v as unknown as ValidationItem),
      );
      return sendError(reply, request, 'validation_failed', fields);
    }
    // a race no use case named (the specific ones carry their own words): 409, never 500
    const race = databaseError(error, (e) => typeof e.code === 'string' && RACE_CODES.has(e.code));
    if (race) {
      request.log.warn({ code: race.code, constraint: race.constraint }, 'concurrent change refused');
      return sendError(reply, request, 'conflict');
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return sendError(reply, request, 'payload_too_large');
    if (status === 429) return sendError(reply, request, 'rate_limited');
    if (status >= 400 && status < 500) return sendError(reply, request, 'validation_failed');
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, request, 'internal');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, request, 'not_found'));
}
