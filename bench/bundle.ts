import { execFileSync } from 'node:child_process';
/**
 * The web bundle: the JavaScript a first visit to each page downloads, raw and gzipped, read from
 * a production build of apps/web (`npm run bench -- bundle` builds it first; `npx tsx
 * bench/bundle.ts` reads the dist as it is and says so when it or its manifest is missing). No
 * database.
 *
 * A first visit to a page loads: the entry (index.html's module script) and every chunk it
 * imports statically (index.html preloads them), then the page's lazy chunk (React.lazy in
 * apps/web/src/app/page-table.tsx) and its own static imports, less what the entry already
 * brought. The graph comes from Vite's manifest (dist/.vite/manifest.json, `build.manifest`);
 * the page of each address from page-table.tsx (`const X = page(() => import('…'), 'X')` and the
 * `path: … element: <X …>` entries). Sizes are of the files as written; gzip is node:zlib
 * gzipSync at its default level 6 (what most servers and CDNs use on the fly). The stylesheet is
 * listed on its own line; it is not counted in the JavaScript goal.
 *
 * Goal (information only): the alumni portal on a phone, a first visit signed in at /portal,
 * loads at most 200 KB of gzipped JavaScript. The phone's layout loads no other chunk than a
 * desktop's: the figure holds for both.
 *
 * `npx tsx bench/bundle.ts` prints the table; `bundleBenchmark()` is the same for bench/run.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Benchmark } from './lib/benchmark.js';
import { table } from './lib/report.js';

const WEB = fileURLToPath(new URL('../apps/web/', import.meta.url));
const DIST = `${WEB}dist/`;
const PAGE_TABLE = `${WEB}src/app/page-table.tsx`;
/** The goal: the alumnus's portal, first visit, gzipped JavaScript at most this many KB. */
const GOAL_PORTAL_GZIP_KB = 200;
const GOAL_PATH = '/portal';

/** One chunk of Vite's manifest (only the fields read here). */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

/** What one first visit downloads. */
export interface VisitSize {
  /** The address (as in the page table) or "entry". */
  route: string;
  /** The page component's module, relative to apps/web (the entry: index.html). */
  module: string;
  /** Who opens it: public (signed out), alumnus (the portal), staff, any signed-in user. */
  audience: 'public' | 'alumnus' | 'staff' | 'signed-in' | 'shell';
  /** JavaScript files loaded, the entry's included. */
  files: number;
  raw: number;
  gzip: number;
  /** Of which the page's own chunks (not loaded by the entry). */
  pageRaw: number;
  pageGzip: number;
}

export interface BundleResult {
  dist: string;
  /** gzip level used (node:zlib default). */
  gzipLevel: number;
  /** Every JavaScript chunk written, largest first. */
  chunks: FileSize[];
  css: FileSize[];
  entry: VisitSize;
  visits: VisitSize[];
  goal: { route: string; limitKb: number; gzipKb: number; met: boolean };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function readManifest(dist: string): Manifest {
  const path = `${dist}.vite/manifest.json`;
  if (!existsSync(`${dist}index.html`) || !existsSync(path))
    throw new Error(
      `no web build with a manifest in ${dist}: run \`npm run build\` first (vite.config.ts sets build.manifest)`,
    );
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** The page table: address → the module of its page component, and who opens it. */
function routesOf(source: string): { path: string; module: string; audience: VisitSize['audience'] }[] {
  const modules = new Map<string, string>();
  for (const m of source.matchAll(/const (\w+) = page\(\s*\(\) => import\('([^']+)'\)/g))
    modules.set(m[1]!, `src/${m[2]!.replace(/^\.\.\//, '')}.tsx`);
  if (modules.size === 0) throw new Error(`no lazy pages found in ${PAGE_TABLE}`);
  const publicStart = source.indexOf('export const publicPages');
  const routes: { path: string; module: string; audience: VisitSize['audience'] }[] = [];
  // each page's entry names its path before its element
  for (const m of source.matchAll(/path: '([^']+)'[\s\S]*?element: <(\w+)/g)) {
    const module = modules.get(m[2]!);
    if (!module) continue;
    const permission = /permission: '([^']+)'/.exec(m[0])?.[1];
    const audience =
      publicStart >= 0 && m.index >= publicStart
        ? 'public'
        : permission === 'portal:use'
          ? 'alumnus'
          : permission
            ? 'staff'
            : 'signed-in';
    routes.push({ path: m[1]!, module, audience });
  }
  return routes;
}

/** The manifest keys a chunk loads before it runs: itself and its static imports, recursively. */
function closure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const imported of manifest[key]?.imports ?? []) closure(manifest, imported, into);
  return into;
}

/** Sizes a file once. */
function sizer(dist: string): (file: string) => FileSize {
  const cache = new Map<string, FileSize>();
  return (file) => {
    let size = cache.get(file);
    if (!size) {
      const bytes = readFileSync(`${dist}${file}`);
      size = { file, raw: bytes.length, gzip: gzipSync(bytes).length };
      cache.set(file, size);
    }
    return size;
  };
}

/** Reads the build in `dist` (default apps/web/dist) and sizes every page's first visit. */
export async function bundleReport(dist = DIST): Promise<BundleResult> {
  const dir = dist.endsWith('/') ? dist : `${dist}/`;
  const manifest = readManifest(dir);
  const size = sizer(dir);
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entryKey) throw new Error('the manifest names no entry');
  const entryKeys = closure(manifest, entryKey);
  const entryFiles = [...entryKeys].map((k) => size(manifest[k]!.file));
  const sum = (files: FileSize[], field: 'raw' | 'gzip') => files.reduce((s, f) => s + f[field], 0);
  const entry: VisitSize = {
    route: 'entry',
    module: 'index.html',
    audience: 'shell',
    files: entryFiles.length,
    raw: sum(entryFiles, 'raw'),
    gzip: sum(entryFiles, 'gzip'),
    pageRaw: 0,
    pageGzip: 0,
  };

  const visits = routesOf(readFileSync(PAGE_TABLE, 'utf8')).map(({ path, module, audience }) => {
    if (!manifest[module]) throw new Error(`${module} (${path}) is not a chunk of the build: rebuild`);
    const own = [...closure(manifest, module)].filter((k) => !entryKeys.has(k));
    const files = own.map((k) => size(manifest[k]!.file));
    return {
      route: path,
      module,
      audience,
      files: entry.files + files.length,
      raw: entry.raw + sum(files, 'raw'),
      gzip: entry.gzip + sum(files, 'gzip'),
      pageRaw: sum(files, 'raw'),
      pageGzip: sum(files, 'gzip'),
    } satisfies VisitSize;
  });

  const files = [...new Set(Object.values(manifest).map((c) => c.file))];
  const chunks = files
    .filter((f) => f.endsWith('.js'))
    .map(size)
    .sort((a, b) => b.raw - a.raw);
  const css = [...new Set(Object.values(manifest).flatMap((c) => c.css ?? []))].map(size);
  const portal = visits.find((v) => v.route === GOAL_PATH);
  if (!portal) throw new Error(`no page at ${GOAL_PATH} in the page table`);
  const gzipKb = portal.gzip / 1024;
  return {
    dist: dir,
    gzipLevel: 6,
    chunks,
    css,
    entry,
    visits,
    goal: {
      route: GOAL_PATH,
      limitKb: GOAL_PORTAL_GZIP_KB,
      gzipKb: Number(gzipKb.toFixed(1)),
      met: gzipKb <= GOAL_PORTAL_GZIP_KB,
    },
  };
}

/** The printed report: first visit per page, then the largest chunks. */
export function formatBundleReport(result: BundleResult, largest = 12): string {
  const row = (v: VisitSize) => [
    v.route,
    v.audience,
    String(v.files),
    kb(v.raw),
    kb(v.gzip),
    v.route === 'entry' ? '' : kb(v.pageGzip),
  ];
  const order: VisitSize['audience'][] = ['alumnus', 'public', 'signed-in', 'staff'];
  const visits = [...result.visits].sort(
    (a, b) => order.indexOf(a.audience) - order.indexOf(b.audience) || b.gzip - a.gzip,
  );
  const cssRaw = result.css.reduce((s, f) => s + f.raw, 0);
  const cssGzip = result.css.reduce((s, f) => s + f.gzip, 0);
  const { goal } = result;
  return [
    `  first visit, JavaScript (KB = 1024 B; gzip: node:zlib level ${result.gzipLevel}), from ${result.dist}`,
    table([
      ['page', 'who', 'files', 'raw KB', 'gzip KB', 'page gzip KB'],
      row(result.entry),
      ...visits.map(row),
    ]),
    `  stylesheet (every page, not in the figures above): ${kb(cssRaw)} KB raw, ${kb(cssGzip)} KB gzip`,
    '',
    `  largest of ${result.chunks.length} chunks`,
    table([
      ['chunk', 'raw KB', 'gzip KB'],
      ...result.chunks.slice(0, largest).map((c) => [c.file, kb(c.raw), kb(c.gzip)]),
    ]),
    '',
    `  goal: alumni portal on a phone (${goal.route}, first visit) ≤ ${goal.limitKb} KB gzip: ${goal.gzipKb} KB — ${goal.met ? 'met' : 'NOT met'}`,
  ].join('\n');
}

/**
 * For bench/run.ts (`npm run bench -- bundle`): the runner calls `run` once per database, but the
 * bundle does not depend on one; it is measured once and the report prints it once.
 */
export function bundleBenchmark(): Benchmark<BundleResult> {
  let measured: Promise<BundleResult> | undefined;
  return {
    name: 'bundle',
    title:
      'web bundle: JavaScript per first page visit, raw and gzip (builds the web app first; no database)',
    settings: { gzipLevel: 6, goalPortalGzipKb: GOAL_PORTAL_GZIP_KB },
    run: () => {
      // what the source builds to now: a stale dist would measure an older app
      measured ??= Promise.resolve()
        .then(() =>
          execFileSync('npm', ['run', 'build', '-w', 'apps/web'], { stdio: ['ignore', 'ignore', 'inherit'] }),
        )
        .then(() => bundleReport());
      return measured;
    },
    report: (results) => (results[0] ? formatBundleReport(results[0]) : '  (not measured)'),
  };
}

export async function main(dist?: string) {
  console.log(formatBundleReport(await bundleReport(dist)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv[2]).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
