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

/**
 * How a request's path appears in every log line (the request line and any line logging `req`).
 * The one place to change it, e.g. to redact tokens in paths and query strings.
 */
export function requestPath(request: Pick<FastifyRequest, 'url'>): string {
  return request.url;
}

/** The request line of the text format. */
export function formatRequestLine(method: string, path: string, status: number, ms: number): string {
  return `${method} ${path} ${status} ${ms.toFixed(1)} ms`;
}

/** Options for Fastify's `logger`: the level, the `req` serializer and where lines go. */
export function loggerOptions(config: Config): LoggerOptions {
  const out: LogSink = config.logStream ?? process.stdout;
  return {
    level: config.logLevel,
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: requestPath(request),
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
