/**
 * The real server as a separate process, as `npm start` runs it (`apps/server/bin/start.js`: the
 * built web app, `src/main.ts` through tsx), with NODE_ENV=production: migrations on start, no
 * demo seeding, replies unchecked, info logging (one line per request, into a log file here).
 *
 * Production needs KIZUNA_SECRET (a random one per run) and SMTP_URL: it points at a local port
 * nobody listens on — the mix sends no mail. PGlite: KIZUNA_DATA_DIR (the server opens
 * `<dir>/pgdata` and locks the folder); PostgreSQL: DATABASE_URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START = join(ROOT, 'apps/server/bin/start.js');
/** Start-up may build the web app first (when apps/web/dist is missing) and migrate. */
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 15_000;

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** Milliseconds from spawn to the first healthy /healthz. */
  startMs: number;
  /** The last lines the server wrote (standard output and error), for error messages. */
  logTail(lines?: number): string;
  /** SIGTERM, then waits for the exit (the server closes the database and releases its lock). */
  stop(): Promise<void>;
}

export async function startServerProcess(
  database: { dataDir: string } | { databaseUrl: string },
): Promise<ServerProcess> {
  const port = await freePort();
  const smtpPort = await freePort(); // nothing listens there: no mail is sent in the mix
  const logDir = mkdtempSync(join(tmpdir(), 'kizuna-bench-load-log-'));
  const logFile = join(logDir, 'server.log');
  const logFd = openSync(logFile, 'w');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    KIZUNA_SECRET: randomBytes(32).toString('base64url'),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ...('dataDir' in database
      ? { KIZUNA_DATA_DIR: database.dataDir }
      : { DATABASE_URL: database.databaseUrl, KIZUNA_DATA_DIR: logDir }),
  };
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [START], {
    cwd: ROOT,
    env,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server process did not start');
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  const logTail = (lines = 30) => {
    try {
      return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exit;
      clearTimeout(timer);
    }
    rmSync(logDir, { recursive: true, force: true });
  };

  const deadline = performance.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      const tail = logTail();
      rmSync(logDir, { recursive: true, force: true });
      throw new Error(`the server exited on start (code ${exited.code}, signal ${exited.signal}):\n${tail}`);
    }
    if (performance.now() > deadline) {
      const tail = logTail();
      await stop();
      throw new Error(`the server did not answer /healthz within ${START_TIMEOUT_MS / 1000} s:\n${tail}`);
    }
    const healthy = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      async (r) => {
        await r.arrayBuffer();
        return r.ok;
      },
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { baseUrl, pid, startMs: performance.now() - started, logTail, stop };
}
