/**
 * Kizuna benchmarks. `npm run bench` runs them all; `npm run bench -- audit search` runs some:
 *
 * - audit  (`audit.ts`):  GET /api/audit over HTTP vs the same SQL through the raw driver;
 * - bundle (`bundle.ts`): the JavaScript each page's first visit loads, raw and gzipped (needs a
 *   fresh `npm run build`);
 * - export (`export.ts`): the alumni CSV export (streamed cursor) vs one select into memory:
 *   retained heap (after forced GCs), peak heap and time, at two sizes;
 * - load   (`load.ts`):   the built server (NODE_ENV=production) under 1, 20 and 200 connections of a
 *   realistic mix, from a second process, against the same statements raw at the same concurrency;
 * - import (`import.ts`): the CP932 CSV import over HTTP and through its use cases vs raw
 *   multi-row INSERT and COPY of the same rows;
 * - search (`search.ts`): GET /api/alumni search and filters over HTTP vs the same SQL raw.
 *
 * Each runs on every database (PGlite in memory always; PostgreSQL when configured or the local
 * test server answers), each database in a fresh throwaway instance. Results: printed, and written
 * with the command (knobs included) to bench/results/latest.json and bench/results/<name>.json per
 * benchmark. Knobs: environment variables, see bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { auditBenchmark } from './audit.js';
import { bundleBenchmark } from './bundle.js';
import { exportBenchmark } from './export.js';
import { importBenchmark } from './import.js';
import type { RunnableBenchmark } from './lib/benchmark.js';
import { runnable } from './lib/benchmark.js';
import { discoverTargets } from './lib/databases.js';
import { loadBenchmark } from './load.js';
import { searchBenchmark } from './search.js';

const BENCHMARKS: Record<string, () => RunnableBenchmark> = {
  audit: () => runnable(auditBenchmark()),
  bundle: () => runnable(bundleBenchmark()),
  export: () => runnable(exportBenchmark()),
  import: () => runnable(importBenchmark()),
  load: () => runnable(loadBenchmark()),
  search: () => runnable(searchBenchmark()),
};

function selected(args: string[]): string[] {
  const names = args.filter((a) => a !== '--');
  const unknown = names.filter((n) => !(n in BENCHMARKS));
  if (unknown.length)
    throw new Error(
      `unknown benchmark ${unknown.map((n) => `"${n}"`).join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`,
    );
  return names.length ? [...new Set(names)] : Object.keys(BENCHMARKS);
}

async function main() {
  const names = selected(process.argv.slice(2));
  // the knobs of every selected benchmark are read (and checked) before anything runs
  const benchmarks = names.map((n) => BENCHMARKS[n]!());
  const startedAt = new Date();
  const started = performance.now();
  const { targets, notes } = await discoverTargets(process.env);
  for (const note of notes) console.log(note);

  const results: Record<string, unknown> = {};
  for (const benchmark of benchmarks) {
    console.log(`\n▶ ${benchmark.name}: ${benchmark.title}`);
    const benchStarted = performance.now();
    const { databases, text } = await benchmark.run(targets);
    const seconds = Number(((performance.now() - benchStarted) / 1000).toFixed(1));
    results[benchmark.name] = { title: benchmark.title, ...benchmark.settings, seconds, databases };
    console.log(`\n══ ${benchmark.name} (${seconds} s): ${benchmark.title}\n${text}`);
  }

  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const totalS = (performance.now() - started) / 1000;
  console.log(`\npeak RSS ${peakRssMb} MB; total ${totalS.toFixed(1)} s`);

  const resultsDir = new URL('./results/', import.meta.url);
  mkdirSync(resultsDir, { recursive: true });
  const file = new URL('latest.json', resultsDir);
  // the command that made these figures, knobs included
  const knobs = Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${v}`)
    .sort();
  const command = [...knobs, 'npm run bench', ...(names.length ? ['--', ...names] : [])].join(' ');
  const output = {
    command,
    benchmarks: names,
    startedAt: startedAt.toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    peakRssMb,
    totalSeconds: Number(totalS.toFixed(1)),
    notes,
    results,
  };
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`written ${file.pathname}`);
  // and each benchmark's latest run on its own, so that running another one keeps these figures
  for (const name of names) {
    const own = new URL(`${name}.json`, resultsDir);
    writeFileSync(
      own,
      `${JSON.stringify({ ...output, benchmarks: [name], results: { [name]: results[name] } }, null, 2)}\n`,
    );
    console.log(`written ${own.pathname}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
