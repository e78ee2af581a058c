import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import type { Config } from './config.js';

/** Fastify's `logger` option as an object (pino's options and Fastify's own). */
type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;
/** Where lines are written: standard output, or a test's capture. */
type LogSink = { write(line: string): void };

/**
 * Logging: pino (Fastify's logger) with one line per request.
 *
 * - `LOG_FORMAT=text` (the default): short lines for people, e.g. `14:03:07 GET /api/me 200 4.1 ms`.
 * - `LOG_FORMAT=json`: pino's JSON lines, for log collectors; a request is one line too, with
 *   `req` (method, url, host, remoteAddress, remotePort), `res` (statusCode) and `responseTime` (ms).
 *
 * Fastify's own "incoming request" and "request completed" lines are replaced by that one line
 * ({@link RequestLogController}).
 */

/** What stands in a log line in place of a secret. */
export const REDACTED = '[redacted]';

/**
 * Paths whose segment is a key but that no route of ours declares as a parameter, because a
 * catch-all route serves them: better-auth's password-reset link (`/api/auth/*`) and the web
 * app's pages opened from a mailed link (`/*`, the pages of apps/web/src/app/page-table.tsx with
 * a `:token`; logging.test.ts fails when the two lists part).
 */
export const CATCH_ALL_SECRET_PATHS = [
  '/api/auth/reset-password/:token',
  '/invitations/:token',
  '/join/:token',
  '/network/verify/:token',
  '/rehire-policy/:token',
] as const;

/**
 * The one rule: a path parameter is a key when its name says token (`:token`, `:shareToken`), or
 * when its route's access is `'secret-link'` (the random id is the only key, e.g. an import's
 * progress). A query parameter is a key when its name says token (better-auth's
 * `magic-link/verify?token=`, `verify-email?token=`, the web's `/reset-password?token=`).
 */
export function isSecretParam(name: string, access?: unknown): boolean {
  return access === 'secret-link' || /token$/i.test(name);
}

type Segment = { literal: string } | { param: 'plain' | 'secret' };

/**
 * The paths whose segments are keys: the catch-all ones above and every route with a secret
 * parameter, added as routes are declared (`addRoute` from Fastify's `onRoute`, in app.ts).
 */
export class SecretPaths {
  private readonly patterns: Segment[][] = [];

  constructor(paths: readonly string[] = CATCH_ALL_SECRET_PATHS) {
    for (const path of paths) this.addRoute(path);
  }

  /** A route as declared (`/api/public/invitations/:token`); kept when one of its parameters is a key. */
  addRoute(url: string, access?: unknown): void {
    const segments: Segment[] = url
      .split('/')
      .map((part) =>
        part.startsWith(':')
          ? { param: isSecretParam(part.slice(1), access) ? 'secret' : 'plain' }
          : { literal: part },
      );
    const last = segments.findLastIndex((s) => 'param' in s && s.param === 'secret');
    if (last >= 0) this.patterns.push(segments.slice(0, last + 1));
  }

  /** The path with every key segment of a matching pattern (a prefix of the path) redacted. */
  redactPath(path: string): string {
    const parts = path.split('/');
    for (const pattern of this.patterns) {
      if (parts.length < pattern.length) continue;
      const fits = pattern.every((s, i) =>
        'literal' in s ? parts[i] === s.literal : parts[i] !== undefined && parts[i] !== '',
      );
      if (!fits) continue;
      pattern.forEach((s, i) => {
        if ('param' in s && s.param === 'secret') parts[i] = REDACTED;
      });
    }
    return parts.join('/');
  }
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {}
      return eq >= 0 && isSecretParam(decoded) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/**
 * How a request's path appears in every log line (the request line and any line logging `req`):
 * as the request has it, with each key redacted (see {@link isSecretParam}), so a mailed link
 * read from the logs opens nothing.
 */
export function requestPath(request: Pick<FastifyRequest, 'url'>, secrets: SecretPaths): string {
  const at = request.url.indexOf('?');
  const path = at < 0 ? request.url : request.url.slice(0, at);
  const shown = secrets.redactPath(path);
  return at < 0 ? shown : `${shown}?${redactQuery(request.url.slice(at + 1))}`;
}

/** The request line of the text format. */
export function formatRequestLine(method: string, path: string, status: number, ms: number): string {
  return `${method} ${path} ${status} ${ms.toFixed(1)} ms`;
}

/**
 * Options for Fastify's `logger`: the level, the `req` serializer (its path redacted through
 * `secrets`, which app.ts fills as routes are declared) and where lines go.
 */
export function loggerOptions(config: Config, secrets: SecretPaths): LoggerOptions {
  const out: LogSink = config.logStream ?? process.stdout;
  return {
    level: config.logLevel,
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: requestPath(request, secrets),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
    // JSON goes to standard output through pino's own fast destination unless a stream is given
    ...(config.logFormat === 'text' ? { stream: textStream(out) } : config.logStream ? { stream: out } : {}),
  };
}

/**
 * Fastify's `logController`: one line when a request has been answered, none when it arrives
 * (Fastify's default writes two JSON lines per request).
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

const levelLabels: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: '',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** Fields every pino line carries that the text format leaves out. */
const omitted = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'err']);

interface LogEntry {
  level?: number;
  time?: number;
  msg?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { type?: string; message?: string; stack?: string };
  [key: string]: unknown;
}

const two = (n: number) => String(n).padStart(2, '0');
function clock(time: number | undefined): string {
  const d = time === undefined ? new Date() : new Date(time);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function isRequestLine(entry: LogEntry): boolean {
  return (
    typeof entry.responseTime === 'number' &&
    typeof entry.req?.method === 'string' &&
    typeof entry.res?.statusCode === 'number'
  );
}

/** One pino JSON line as a text line: time, level unless info, message, other fields, error stack. */
export function formatTextLine(json: string): string {
  let entry: LogEntry;
  try {
    entry = JSON.parse(json) as LogEntry;
  } catch {
    return json;
  }
  const parts = [clock(entry.time)];
  const label = levelLabels[entry.level ?? 30] ?? String(entry.level);
  if (label) parts.push(label);
  const request = isRequestLine(entry);
  if (request) {
    parts.push(
      formatRequestLine(
        entry.req!.method!,
        entry.req!.url ?? '',
        entry.res!.statusCode!,
        entry.responseTime!,
      ),
    );
  } else if (entry.msg) parts.push(entry.msg);
  for (const [key, value] of Object.entries(entry)) {
    if (omitted.has(key) || (request && (key === 'req' || key === 'res' || key === 'responseTime'))) continue;
    parts.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  let text = parts.join(' ');
  const { err } = entry;
  if (err) {
    const detail = err.stack ?? `${err.type ?? 'Error'}: ${err.message ?? ''}`;
    text += `\n${detail.replace(/^/gm, '    ')}`;
  }
  return `${text}\n`;
}

/** A pino destination writing {@link formatTextLine} of each line to `out`. */
export function textStream(out: LogSink): LogSink {
  return { write: (line: string) => out.write(formatTextLine(line)) };
}
