import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** The address users reach Kizuna at; links in e-mails point here. */
  baseUrl: string;
  /** PostgreSQL connection string; absent means the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** smtp:// or smtps:// URL; absent means mail is kept in the database (refused in production). */
  smtpUrl: string | undefined;
  mailFrom: string;
  secret: string;
  /** Built web app to serve; absent folder means the API alone. */
  webDistDir: string;
  logLevel: string;
  /** LOG_FORMAT: `text`, one short line per request and per message (default), or pino's `json` lines. */
  logFormat: 'text' | 'json';
  /** Where log lines go; standard output when absent (tests capture them here). */
  logStream?: { write(line: string): void };
  /**
   * Check every reply against its zod response schema before writing it (KIZUNA_CHECK_RESPONSES=on|off;
   * on by default outside production). Replies are written from the schema either way.
   */
  checkResponses: boolean;
  /**
   * Load shedding (platform/load-shedding.ts): at most this many API requests in progress at once
   * (KIZUNA_MAX_IN_FLIGHT; undefined: by database, 64 on PGlite, 256 on PostgreSQL), and the event
   * loop's delay beyond which requests are turned away (KIZUNA_MAX_EVENT_LOOP_DELAY_MS; undefined:
   * 1000 on PostgreSQL, off on PGlite, whose queries run on the event loop itself, and off in tests;
   * 0 turns it off). Beyond either, a request answers 503 `busy` at once instead of queueing.
   */
  maxInFlight: number | undefined;
  maxEventLoopDelayMs: number | undefined;
}

export class ConfigError extends Error {}

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be 0–65535, got "${value}"`);
  return port;
}

/**
 * The signing secret. Required outside development; in development one is generated once and
 * kept in the data folder so sessions survive restarts.
 */
function readSecret(env: NodeJS.ProcessEnv, mode: Config['env'], dataDir: string): string {
  const given = env.KIZUNA_SECRET ?? env.BETTER_AUTH_SECRET;
  if (given) {
    if (given.length < 32) throw new ConfigError('KIZUNA_SECRET must be at least 32 characters');
    return given;
  }
  if (mode === 'production')
    throw new ConfigError('KIZUNA_SECRET is required in production (32+ random characters)');
  if (mode === 'test') return 'test-secret-test-secret-test-secret-0123';
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function readLogFormat(value: string | undefined): Config['logFormat'] {
  if (value === undefined || value === '' || value === 'text') return 'text';
  if (value === 'json') return 'json';
  throw new ConfigError(`LOG_FORMAT must be text or json, got "${value}"`);
}

function readCount(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`${name} must be a whole number ≥ 0, got "${value}"`);
  return n;
}

function readSwitch(value: string | undefined, name: string, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(`${name} must be on or off, got "${value}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode: Config['env'] =
    env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const host = env.HOST ?? '127.0.0.1';
  const port = readPort(env.PORT);
  const dataDir = resolve(env.KIZUNA_DATA_DIR ?? '.kizuna');
  const baseUrl = (
    env.KIZUNA_BASE_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
  ).replace(/\/$/, '');
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigError(`KIZUNA_BASE_URL is not a URL: "${baseUrl}"`);
  }
  const secret = readSecret(env, mode, dataDir);
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  // Without SMTP mail is kept in the database, bodies and their sign-in, reset and invitation links
  // readable in the outbox: for development and demos, never for production (nothing would be delivered).
  if (!smtpUrl && mode === 'production')
    throw new ConfigError(
      'SMTP_URL is required in production (smtp:// or smtps://): without it e-mail would only be kept in the database, sign-in and invitation links included',
    );
  return {
    env: mode,
    host,
    port,
    baseUrl,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    smtpUrl,
    mailFrom: env.MAIL_FROM ?? 'Kizuna <no-reply@kizuna.localhost>',
    secret,
    webDistDir: resolve(env.KIZUNA_WEB_DIST ?? new URL('../../../web/dist', import.meta.url).pathname),
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    logFormat: readLogFormat(env.LOG_FORMAT),
    checkResponses: readSwitch(env.KIZUNA_CHECK_RESPONSES, 'KIZUNA_CHECK_RESPONSES', mode !== 'production'),
    maxInFlight: readCount(env.KIZUNA_MAX_IN_FLIGHT, 'KIZUNA_MAX_IN_FLIGHT'),
    // undefined: by database (load-shedding.ts); off in tests, whose timing is the machine's
    maxEventLoopDelayMs:
      readCount(env.KIZUNA_MAX_EVENT_LOOP_DELAY_MS, 'KIZUNA_MAX_EVENT_LOOP_DELAY_MS') ??
      (mode === 'test' ? 0 : undefined),
  };
}
