#!/usr/bin/env node
// `npm start`: builds the web app when it has not been built yet, then runs the server from
// source (shared code is read from source; there are no internal build steps), in this process.
// SIGINT and SIGTERM stop it: src/main.ts closes the server and the database and releases the
// data folder's lock. The root package.json starts this file with `exec` so that it is npm's own
// child: npm passes the signals it gets to its child, and Debian's sh would neither pass them on
// nor exec by itself (a SIGTERM to npm would kill the shell and leave this process running).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const webDist = process.env.KIZUNA_WEB_DIST ?? `${root}apps/web/dist`;

let stopped = false;

/** Runs a command in its own process group and passes SIGINT/SIGTERM to the whole group. */
function run(command, args) {
  const group = process.platform !== 'win32';
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', detached: group });
  const forward = (signal) => {
    stopped = true;
    try {
      if (group) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {} // already gone
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (code) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code);
    });
  });
}

if (!existsSync(`${webDist}/index.html`)) {
  console.log('Building the web app (first start)…');
  const code = await run('npm', ['run', 'build', '-w', '@kizuna/web']);
  if (stopped) process.exit(0); // stopped while building: nothing else was started
  if (code !== 0) process.exit(code ?? 1);
}
register();
await import('../src/main.ts');
