#!/usr/bin/env node
// `npm start`: builds the web app when it has not been built yet, then runs the server from
// source (shared code is read from source; there are no internal build steps).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const webDist = process.env.KIZUNA_WEB_DIST ?? `${root}apps/web/dist`;
if (!existsSync(`${webDist}/index.html`)) {
  console.log('Building the web app (first start)…');
  const built = spawnSync('npm', ['run', 'build', '-w', '@kizuna/web'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
register();
await import('../src/main.ts');
