import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// These run real processes on a real data folder: the embedded database, the lock and the CLI.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'kizuna-proc-'));
const env = {
  ...process.env,
  NODE_ENV: 'development',
  KIZUNA_DATA_DIR: dataDir,
  KIZUNA_WEB_DIST: '/nonexistent',
  DATABASE_URL: '',
  LANG: 'C',
  KIZUNA_LANG: 'en',
};

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'apps/server/bin/kizuna.js'), ...args], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function startServer(
  port: number,
): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/server/src/main.ts')], {
    env: { ...env, PORT: String(port), KIZUNA_SEED: '0' },
    cwd: root,
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
    const check = setInterval(() => {
      if (output.includes('Kizuna is running') || child.exitCode !== null) {
        clearInterval(check);
        clearTimeout(timer);
        resolve({ child, output: () => output, exited });
      }
    }, 100);
  });
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Each CLI call is a fresh process opening the embedded database: give them room on a busy machine.
describe('the kizuna command', { timeout: 240_000 }, () => {
  it('creates and lists companies, with clear errors and exit codes', () => {
    const created = cli('tenant', 'create', '--name', '株式会社テスト', '--slug', 'test-co', '--json');
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out)).toMatchObject({
      name: '株式会社テスト',
      slug: 'test-co',
      status: 'active',
    });

    const dup = cli('tenant', 'create', '--name', 'X', '--slug', 'test-co');
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('This slug is already in use.');

    const bad = cli('tenant', 'create', '--name', 'X', '--slug', 'Not A Slug');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--slug: Use lowercase letters, digits and hyphens.');

    const list = cli('tenant', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/test-co\s+active\s+broadcast\s+0\s+株式会社テスト/);
  });

  it('creates users for company and operator roles and refuses what does not fit', () => {
    const ok = cli(
      'user',
      'create',
      '--email',
      'HR@Test.example',
      '--role',
      'company_admin',
      '--tenant',
      'test-co',
      '--password',
      'long-enough-pw',
    );
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Created hr@test.example (company_admin at test-co)');
    expect(cli('user', 'create', '--email', 'op@test.example', '--role', 'operator_admin').code).toBe(0);

    const noTenant = cli('user', 'create', '--email', 'x@test.example', '--role', 'company_staff');
    expect(noTenant.code).toBe(1);
    expect(noTenant.err).toContain('--tenant is required');
    const unknownTenant = cli(
      'user',
      'create',
      '--email',
      'x@test.example',
      '--role',
      'company_staff',
      '--tenant',
      'nope',
    );
    expect(unknownTenant.code).toBe(1);
    expect(unknownTenant.err).toContain('No company with the slug "nope"');
    const again = cli(
      'user',
      'create',
      '--email',
      'hr@test.example',
      '--role',
      'company_staff',
      '--tenant',
      'test-co',
    );
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
    const badRole = cli('user', 'create', '--email', 'x@test.example', '--role', 'king');
    expect(badRole.code).toBe(1);
    expect(cli('tenant', 'list').out).toMatch(/test-co\s+active\s+broadcast\s+1\s/);
  });

  it('imports a CP932 file (dry run first) and exports it back in CP932', () => {
    const file = join(dataDir, 'leavers.csv');
    writeFileSync(
      file,
      iconv.encode(
        '社員番号,姓,名,退職日,退職区分\r\nK1,髙橋,一郎,2023/03/31,自己都合\r\nK2,山﨑,①子,2024年9月30日,会社都合\r\n',
        'cp932',
      ),
    );
    const dry = cli('import', 'alumni', '--tenant', 'test-co', file, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.out).toContain('Not applied (cp932, 2 rows): created 2, updated 0, unchanged 0, rejected 0');
    const applied = cli('import', 'alumni', '--tenant', 'test-co', file);
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('Applied (cp932, 2 rows): created 2');
    const out = join(dataDir, 'export.csv');
    const exported = cli('export', 'alumni', '--tenant', 'test-co', '--encoding', 'cp932', '--out', out);
    expect(exported.code).toBe(0);
    const text = iconv.decode(readFileSync(out), 'cp932');
    expect(text).toContain('K2,山﨑,①子');
    expect(text).toContain('K1,髙橋,一郎');
  });

  it('shows help for each command', () => {
    for (const args of [
      ['--help'],
      ['tenant', 'create', '--help'],
      ['user', 'create', '--help'],
      ['seed', '--help'],
    ]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out).toContain('Usage: kizuna');
    }
  });
});

describe('one process per embedded data folder', { timeout: 180_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer(3391);
  }, 90_000);
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('a second server on the same folder refuses at once, and so does the CLI', async () => {
    expect(server.output()).toContain('Kizuna is running');
    expect(server.output()).not.toContain('Demo sign-ins'); // no demo accounts in this folder
    const second = await startServer(3392);
    expect(await second.exited).toBe(2);
    expect(second.output()).toContain('Another Kizuna process');
    const viaCli = cli('tenant', 'list');
    expect(viaCli.code).toBe(2);
    expect(viaCli.err).toContain('Another Kizuna process');
    // the first one still serves, with the data the CLI wrote earlier
    expect((await fetch('http://127.0.0.1:3391/readyz')).status).toBe(200);
  });

  it('a stopped server releases the folder', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(cli('tenant', 'list').code).toBe(0);
  });
});

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether a port can be listened on (nothing holds it). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `pid` and every process below it. */
function processTree(pid: number): number[] {
  const rows = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const tree = [pid];
  for (let i = 0; i < tree.length; i++)
    for (const [child, parent] of rows) if (parent === tree[i] && !tree.includes(child)) tree.push(child);
  return tree;
}

/** The processes still running (a zombie has exited: it only waits to be reaped). */
function running(pids: number[]): number[] {
  return pids.filter((pid) => {
    const state = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
    return state !== '' && !state.startsWith('Z');
  });
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

// `npm start` as a newcomer runs it (the web app "built" as a stub page, so no build runs here)
describe('npm start', { timeout: 240_000 }, () => {
  const folder = mkdtempSync(join(tmpdir(), 'kizuna-npm-start-'));
  const webDist = join(folder, 'web');
  const startData = join(folder, 'data');
  let lastTree: number[] = [];
  afterEach(() => {
    // a failed test must not leave its processes behind
    for (const pid of running(lastTree))
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function npmStart(port: number) {
    mkdirSync(webDist, { recursive: true });
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Kizuna</title>');
    const child = spawn('npm', ['start'], {
      cwd: root,
      env: {
        ...env,
        PORT: String(port),
        KIZUNA_DATA_DIR: startData,
        KIZUNA_WEB_DIST: webDist,
        LOG_FORMAT: '',
      },
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const up = await until(() => output.includes('Mail:') || child.exitCode !== null, 120_000);
    lastTree = processTree(child.pid!);
    if (!up || child.exitCode !== null) throw new Error(`npm start did not start: ${output}`);
    return { pid: child.pid!, output: () => output, exited, tree: lastTree };
  }

  async function expectStopped(started: Awaited<ReturnType<typeof npmStart>>, port: number) {
    expect(await started.exited).toBe(0);
    expect(
      await until(() => running(started.tree).length === 0, 15_000),
      `left running: ${running(started.tree)}`,
    ).toBe(true);
    expect(await portIsFree(port)).toBe(true);
    expect(existsSync(join(startData, 'kizuna.lock'))).toBe(false);
  }

  it('stops with its server on SIGTERM to npm: no process left, the port and the lock released', async () => {
    const port = await freePort();
    const started = await npmStart(port);
    // npm, the server (npm's child, through exec) and what the server started (tsx's esbuild)
    expect(started.tree.length).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(startData, 'kizuna.lock'))).toBe(true);
    expect(started.output()).toContain('Demo data was added on this first start.');
    expect(started.output()).toMatch(/Demo sign-ins \(password for all: kizuna-demo-2026\)/);
    expect(started.output()).toMatch(/company admin \(さくら商事\) +admin@sakura\.example/);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(
      await until(() => /\d\d:\d\d:\d\d GET \/healthz 200 \d+\.\d ms\n/.test(started.output()), 5_000),
    ).toBe(true);

    process.kill(started.pid, 'SIGTERM');
    await expectStopped(started, port);
    expect(started.output()).toContain('shutting down signal=SIGTERM');
  });

  it('prints the demo sign-ins again on the next start, and stops on SIGINT to npm', async () => {
    const port = await freePort();
    const started = await npmStart(port);
    expect(started.output()).not.toContain('Demo data was added');
    expect(started.output()).toMatch(/Demo sign-ins \(password for all: kizuna-demo-2026\)/);
    expect(started.output()).toMatch(/operator admin \/ 運営管理者 +operator@kizuna\.example/);

    process.kill(started.pid, 'SIGINT');
    await expectStopped(started, port);
  });
});
