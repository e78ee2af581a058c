/**
 * The real application, as `main.ts` runs it: the same `buildApp`, on a real TCP port, reached
 * over real HTTP with Node's fetch (keep-alive, like a browser).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/server/src/app.js';
import { loadConfig } from '../../apps/server/src/platform/config.js';
import type { Database } from '../../apps/server/src/platform/db/database.js';

export interface RunningServer {
  app: FastifyInstance;
  /** config.baseUrl: the address the app believes it is reached at, and the one it listens on. */
  baseUrl: string;
  close(): Promise<void>;
}

/** A port free right now on 127.0.0.1 (the OS picks it; released for the caller to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * Builds the app on `db` with a test configuration whose baseUrl is the real listening address
 * (better-auth and the Origin check compare against it), and starts listening. With `serverTiming`,
 * every reply carries `Server-Timing: app;dur=<ms>` (see `serverMs`).
 */
export async function startServer(
  db: Database,
  databaseUrl: string | undefined,
  options: { serverTiming?: boolean } = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kizuna-bench-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    KIZUNA_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    // as in production: replies are written from their schema without the zod check tests keep on
    KIZUNA_CHECK_RESPONSES: 'off',
  };
  // derived from HOST and PORT above, never from the caller's environment
  delete env.KIZUNA_BASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const config = loadConfig(env);
  const app = await buildApp({ config, db });
  if (options.serverTiming)
    // the server's own time per request, from Fastify's first hook to the serialized reply
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(3)}`);
      return payload;
    });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    app,
    baseUrl: config.baseUrl,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in with e-mail and password as a browser would; returns the Cookie header to send. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(baseUrl).origin },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok)
    throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  if (!cookies.some((c) => c.startsWith('kizuna.session_token=')))
    throw new Error(`sign-in as ${email} set no session cookie`);
  return cookies.join('; ');
}

/** The server's own time from a reply's `Server-Timing: app;dur=…` header, in milliseconds. */
export function serverMs(response: Response): number {
  const match = /app;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
  if (!match) throw new Error('reply without Server-Timing (start the server with serverTiming)');
  return Number(match[1]);
}
