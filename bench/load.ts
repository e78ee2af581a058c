/**
 * Load: the real server (a separate process, NODE_ENV=production, `apps/server/bin/start.js`)
 * under a realistic mix at 1, 20 and 200 connections, driven by autocannon from a second process
 * (`lib/load-runner.ts`) on loopback; against the ceiling, the same statements through the raw
 * driver at the same concurrency in the same run.
 *
 * Data: BENCH_LOAD_TOTAL alumni (200,000; the goal is stated for 1,000,000) across
 * BENCH_LOAD_COMPANIES companies (10), BENCH_LOAD_ONE (100,000) of them in the demo company sakura,
 * bulk-loaded (`lib/load-fixture.ts`: COPY into the table with its indexes in place) with no
 * VACUUM or ANALYZE of the benchmark's own: only the product's post-bulk-write maintenance
 * (`maintainAfterBulkWrite`) — the server meets the state a user's import leaves. PGlite on disk (the server opens the same data folder once the harness has closed
 * it: PGlite is one process); PostgreSQL in a throwaway database.
 *
 * The mix (each connection sends it in turn): name searches (田中, 佐藤, 高橋, 山本), filtered lists
 * (department + leave type; department + leave year + interest), the detail page of ids sampled
 * from the fixture, as sakura's company admin; the portal profile as the alumnus tanaka.
 *
 * Raw: each request of the mix made once against the app in this process, its tenant
 * transaction's statements recorded with their parameters (`lib/load-capture.ts`), and replayed
 * by `concurrency` callers through the raw driver (`lib/raw.ts`: begin, tenant and role, the
 * statements, commit). PostgreSQL: a pg Pool of the app's size (10 connections); PGlite: the one
 * instance, so raw concurrency there is one connection whatever the callers (they queue).
 *
 * Order per database: load → (PGlite: close) → server process → sign-in → the first request of
 * each kind (timed: right after the load) → warm-up → 1, 20, 200 connections → server stopped →
 * capture → raw at 1, 20, 200. The goals are printed as information and never fail the run.
 *
 * Knobs: BENCH_LOAD_ONE (100000), BENCH_LOAD_TOTAL (200000), BENCH_LOAD_COMPANIES (10),
 * BENCH_LOAD_SECONDS (10 per level and side), BENCH_LOAD_WARMUP (3 s, untimed, 20 connections).
 */
import { loadavg } from 'node:os';
import type { Database } from '../apps/server/src/platform/db/database.js';
import { demoSignIns } from '../apps/server/src/seed/demo.js';
import type { Benchmark } from './lib/benchmark.js';
import type { CopyRows } from './lib/copy.js';
import { openTarget, type TargetSpec } from './lib/databases.js';
import { intFromEnv } from './lib/env.js';
import { captureRequest } from './lib/load-capture.js';
import {
  forkRunner,
  type LevelResult,
  type MixRequest,
  type RawRequest,
  runRaw,
  startMixFloor,
} from './lib/load-drive.js';
import {
  generateCompanies,
  type Loaded,
  loadFixture,
  openPgliteDataDir,
  sampleIds,
} from './lib/load-fixture.js';
import { startServerProcess } from './lib/load-server.js';
import { createPostgresRaw, type RawDriver } from './lib/raw.js';
import { count, mb, ms, secs, table, times } from './lib/report.js';
import { signIn, startServer } from './lib/server.js';
import { timed } from './lib/stats.js';

const ADMIN_EMAIL = 'admin@sakura.example';
const ALUMNUS_EMAIL = 'tanaka@alumni.example';
const CONNECTIONS = [1, 20, 200] as const;
/** The app's pool size (openDatabase's default), used for the raw pool on PostgreSQL too. */
const APP_POOL_SIZE = 10;
const DETAIL_IDS = 20;
const TIMEOUT_SECONDS = 10;
/** Goals (information only). */
const GOAL_ERRORS_AT = 200;
const GOAL_P99_MS = 250;
const GOAL_P99_AT = 20;
const GOAL_APP_OF_RAW = 0.8;
const GOAL_RATIO_AT = 20;

type Kind = 'search' | 'list' | 'detail' | 'profile';
const KINDS: Kind[] = ['search', 'list', 'detail', 'profile'];

/** The mix, in the order each connection sends it: 4 searches, 2 lists, 3 details, 1 profile. */
const MIX: { kind: Kind; path?: string; as: 'admin' | 'alumnus' }[] = [
  { kind: 'search', path: '/api/alumni?q=田中&limit=50', as: 'admin' },
  { kind: 'detail', as: 'admin' },
  { kind: 'search', path: '/api/alumni?q=佐藤&limit=50', as: 'admin' },
  { kind: 'list', path: '/api/alumni?department=開発部&leaveType=company&limit=50', as: 'admin' },
  { kind: 'detail', as: 'admin' },
  { kind: 'search', path: '/api/alumni?q=高橋&limit=50', as: 'admin' },
  { kind: 'profile', path: '/api/portal/profile', as: 'alumnus' },
  { kind: 'detail', as: 'admin' },
  {
    kind: 'list',
    path: '/api/alumni?department=営業部&leaveYear=2021&interest=rehire&limit=50',
    as: 'admin',
  },
  { kind: 'search', path: '/api/alumni?q=山本&limit=50', as: 'admin' },
];

/** What the server saw of the table when the load began, and when the run ended. */
interface TableState {
  /** Columns of alumni with statistics (pg_stats); 0: never analyzed. */
  columnsWithStats: number;
  lastAnalyze: string | null;
  lastAutoanalyze: string | null;
  lastVacuum: string | null;
  lastAutovacuum: string | null;
  modifiedSinceAnalyze: number;
}

interface Level {
  connections: number;
  app: LevelResult & { autocannon: { p50: number; p99: number; max: number } };
  raw: LevelResult;
  /** The same transactions behind a bare node:http server, driven the same way (the HTTP floor). */
  floor: LevelResult;
  /** App ÷ raw throughput of the whole mix. */
  appOfRaw: number;
  /** Floor ÷ raw: what HTTP itself leaves of raw; app ÷ floor: what the app leaves of that. */
  floorOfRaw: number;
  appOfFloor: number;
}

export interface LoadResult {
  label: string;
  kind: TargetSpec['kind'];
  where: string;
  version: string;
  alumniTotal: number;
  alumniInCompany: number;
  companies: number;
  seed: { generateMs: number; loadMs: number; maintenanceMs: number };
  maintenance: string;
  tableMb: number;
  serverStartMs: number;
  /** Raw side: connections the driver has (PGlite: one instance, callers queue). */
  rawConnections: string;
  /** The first request of each path right after the load (one at a time), in ms. */
  firstRequests: { kind: Kind; path: string; ms: number }[];
  tableBefore: TableState;
  tableAfter: TableState;
  /** Statements per request in the raw replay (the app's tenant transaction), by kind. */
  statements: Record<string, number>;
  levels: Level[];
  /** The machine's 1-minute load average when the database's run began and ended. */
  loadAverage: { start: number; end: number };
}

async function tableState(raw: RawDriver): Promise<TableState> {
  const [row] = await raw.ownerQuery(
    `select (select count(*) from pg_stats where tablename = 'alumni') as stats,
      s.last_analyze::text as la, s.last_autoanalyze::text as laa, s.last_vacuum::text as lv,
      s.last_autovacuum::text as lav, s.n_mod_since_analyze as mods
    from pg_stat_user_tables s where s.relname = 'alumni'`,
    [],
  );
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    columnsWithStats: Number(row?.stats ?? 0),
    lastAnalyze: text(row?.la),
    lastAutoanalyze: text(row?.laa),
    lastVacuum: text(row?.lv),
    lastAutovacuum: text(row?.lav),
    modifiedSinceAnalyze: Number(row?.mods ?? 0),
  };
}

export function loadBenchmark(): Benchmark<LoadResult> {
  const settings = {
    total: intFromEnv('BENCH_LOAD_TOTAL', 200_000, 1000),
    inCompany: intFromEnv('BENCH_LOAD_ONE', 100_000, 500),
    companies: intFromEnv('BENCH_LOAD_COMPANIES', 10, 2),
    secondsPerLevel: intFromEnv('BENCH_LOAD_SECONDS', 10, 1),
    warmupSeconds: intFromEnv('BENCH_LOAD_WARMUP', 3, 0),
  };
  if (settings.inCompany > settings.total) throw new Error('BENCH_LOAD_ONE must not exceed BENCH_LOAD_TOTAL');

  let generated: { rows: CopyRows[]; ms: number } | undefined;
  const companies = () => {
    if (!generated) {
      const start = performance.now();
      const rows = generateCompanies(settings);
      generated = { rows, ms: performance.now() - start };
    }
    return generated;
  };

  function mixPaths(ids: string[]) {
    return MIX.map((m) => ({ ...m, paths: m.path ? [m.path] : ids.map((id) => `/api/alumni/${id}`) }));
  }

  /** The app side: sign in, first requests, warm-up, then each level through the forked runner. */
  async function driveApp(baseUrl: string, ids: string[]) {
    const cookies = {
      admin: await signIn(baseUrl, ADMIN_EMAIL, demoSignIns.password),
      alumnus: await signIn(baseUrl, ALUMNUS_EMAIL, demoSignIns.password),
    };
    const mix = mixPaths(ids);
    const firstRequests: LoadResult['firstRequests'] = [];
    const seen = new Set<string>();
    for (const m of mix) {
      const path = m.paths[0]!;
      if (seen.has(path)) continue;
      seen.add(path);
      const { ms: took, value: response } = await timed(async () => {
        const r = await fetch(`${baseUrl}${encodeURI(path)}`, { headers: { cookie: cookies[m.as] } });
        await r.arrayBuffer();
        return r;
      });
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
      firstRequests.push({ kind: m.kind, path, ms: took });
    }
    const requests: MixRequest[] = mix.map((m) => ({
      kind: m.kind,
      paths: m.paths.map((p) => encodeURI(p)),
      headers: { cookie: cookies[m.as] },
    }));
    const levels = await driveHttp('app', baseUrl, requests);
    return { firstRequests, levels };
  }

  /**
   * The mix over HTTP from the forked autocannon runner (a process of its own): a warm-up at 20
   * connections, then each level of CONNECTIONS for the configured time.
   */
  async function driveHttp(label: string, url: string, requests: MixRequest[]) {
    const runner = await forkRunner();
    try {
      const job = (connections: number, seconds: number) => ({
        url,
        connections,
        seconds,
        timeoutSeconds: TIMEOUT_SECONDS,
        requests,
      });
      if (settings.warmupSeconds > 0) await runner.run(job(20, settings.warmupSeconds));
      const levels = [];
      for (const connections of CONNECTIONS) {
        const level = await runner.run(job(connections, settings.secondsPerLevel));
        console.log(
          `    ${label} ${connections} connections: ${level.mix.perSecond.toFixed(0)} req/s (2xx), p50 ${ms(level.mix.p50)} ms, p99 ${ms(level.mix.p99)} ms, errors ${level.errors}, non-2xx ${level.non2xx}`,
        );
        levels.push(level);
      }
      return levels;
    } finally {
      await runner.close();
    }
  }

  /** Captures what the app sends for each request of the mix (in-process app, same database). */
  async function captureMix(target: { db: Database; databaseUrl: string | undefined }, ids: string[]) {
    const running = await startServer(target.db, target.databaseUrl);
    try {
      const cookies = {
        admin: await signIn(running.baseUrl, ADMIN_EMAIL, demoSignIns.password),
        alumnus: await signIn(running.baseUrl, ALUMNUS_EMAIL, demoSignIns.password),
      };
      const rawMix: RawRequest[] = [];
      const statements: Record<string, number> = {};
      for (const m of mixPaths(ids)) {
        const steps = [];
        let tenantId = '';
        for (const path of m.paths) {
          const get = async () => {
            const r = await fetch(`${running.baseUrl}${encodeURI(path)}`, {
              headers: { cookie: cookies[m.as] },
            });
            if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
            await r.arrayBuffer();
          };
          await get(); // the session is read once, then kept for a few seconds (access.ts)
          const captured = await captureRequest(target.db.pglite, get);
          steps.push(captured.steps);
          tenantId = captured.tenantId;
          statements[m.kind] = captured.steps.length + 3;
        }
        rawMix.push({ kind: m.kind, tenantId, steps });
      }
      return { rawMix, statements };
    } finally {
      await running.close();
    }
  }

  async function driveRaw(raw: RawDriver, rawMix: RawRequest[]) {
    if (settings.warmupSeconds > 0) await runRaw(raw, rawMix, 20, settings.warmupSeconds);
    const levels: LevelResult[] = [];
    for (const connections of CONNECTIONS) {
      const level = await runRaw(raw, rawMix, connections, settings.secondsPerLevel);
      console.log(
        `    raw ${connections} callers: ${level.mix.perSecond.toFixed(0)} req/s, p50 ${ms(level.mix.p50)} ms, p99 ${ms(level.mix.p99)} ms, errors ${level.errors}${level.firstError ? ` (${level.firstError})` : ''}`,
      );
      levels.push(level);
    }
    return levels;
  }

  /** The HTTP floor (lib/load-drive.ts startMixFloor) at the same concurrency, by the same runner. */
  async function driveFloor(raw: RawDriver, rawMix: RawRequest[]) {
    const floor = await startMixFloor(raw, rawMix);
    try {
      return await driveHttp('floor', floor.url, floor.requests);
    } finally {
      await floor.close();
    }
  }

  async function info(raw: RawDriver, tenantId: string) {
    const [row] = await raw.query(
      tenantId,
      `select current_setting('server_version') as v, pg_total_relation_size('alumni') as size`,
      [],
    );
    return { version: String(row?.v ?? '?'), tableMb: mb(Number(row?.size ?? 0)) };
  }

  async function run(spec: TargetSpec): Promise<LoadResult> {
    const { rows, ms: generateMs } = companies();
    loadStart = loadavg()[0] ?? 0;
    const sizes = `${count(settings.total)} alumni in ${settings.companies} companies (${count(settings.inCompany)} in sakura)`;
    if (spec.kind === 'pglite') {
      const folder = await openPgliteDataDir();
      try {
        console.log(`  PGlite (on disk), data in ${folder.dataDir}: loading ${sizes}…`);
        let opened = await folder.open();
        let loaded: Loaded;
        let ids: string[];
        let about: { version: string; tableMb: number };
        let tableBefore: TableState;
        try {
          loaded = await loadFixture(opened.db, undefined, rows);
          ids = await sampleIds(opened.raw, loaded.sakura, DETAIL_IDS);
          about = await info(opened.raw, loaded.sakura);
          tableBefore = await tableState(opened.raw);
        } finally {
          await opened.db.close();
        }
        console.log(
          `  loaded in ${secs(loaded.loadMs)} s (COPY, indexes in place); then ${loaded.maintenance} (${secs(loaded.maintenanceMs)} s); starting the server…`,
        );
        const server = await startServerProcess({ dataDir: folder.dataDir });
        let app: Awaited<ReturnType<typeof driveApp>>;
        try {
          app = await driveApp(server.baseUrl, ids);
        } catch (error) {
          throw new Error(
            `${error instanceof Error ? error.message : error}\nserver log:\n${server.logTail()}`,
          );
        } finally {
          await server.stop();
        }
        opened = await folder.open();
        try {
          const { rawMix, statements } = await captureMix({ db: opened.db, databaseUrl: undefined }, ids);
          const rawLevels = await driveRaw(opened.raw, rawMix);
          const floorLevels = await driveFloor(opened.raw, rawMix);
          return result(spec, 'PGlite (on disk)', `in the server process, data in a throwaway folder`, {
            about,
            loaded,
            generateMs,
            serverStartMs: server.startMs,
            rawConnections: '1 (one PGlite instance: the callers queue)',
            tableBefore,
            tableAfter: await tableState(opened.raw),
            statements,
            app,
            rawLevels,
            floorLevels,
          });
        } finally {
          await opened.db.close();
        }
      } finally {
        folder.remove();
      }
    }

    const target = await openTarget(spec);
    try {
      console.log(`  ${target.label}, ${target.where}: loading ${sizes}…`);
      const loaded = await loadFixture(target.db, target.raw.pool, rows);
      const ids = await sampleIds(target.raw, loaded.sakura, DETAIL_IDS);
      const about = await info(target.raw, loaded.sakura);
      const tableBefore = await tableState(target.raw);
      console.log(
        `  loaded in ${secs(loaded.loadMs)} s (COPY, indexes in place); then ${loaded.maintenance} (${secs(loaded.maintenanceMs)} s); starting the server…`,
      );
      const server = await startServerProcess({ databaseUrl: target.databaseUrl! });
      let app: Awaited<ReturnType<typeof driveApp>>;
      try {
        app = await driveApp(server.baseUrl, ids);
      } catch (error) {
        throw new Error(
          `${error instanceof Error ? error.message : error}\nserver log:\n${server.logTail()}`,
        );
      } finally {
        await server.stop();
      }
      const { rawMix, statements } = await captureMix(target, ids);
      // the raw ceiling through as many connections as the app's pool has
      const raw = createPostgresRaw(target.databaseUrl!);
      raw.pool!.options.max = APP_POOL_SIZE;
      try {
        const rawLevels = await driveRaw(raw, rawMix);
        const floorLevels = await driveFloor(raw, rawMix);
        return result(spec, target.label, target.where, {
          about,
          loaded,
          generateMs,
          serverStartMs: server.startMs,
          rawConnections: `${APP_POOL_SIZE} (a pg Pool of the app's size)`,
          tableBefore,
          tableAfter: await tableState(target.raw),
          statements,
          app,
          rawLevels,
          floorLevels,
        });
      } finally {
        await raw.close();
      }
    } finally {
      await target.dispose();
    }
  }

  let loadStart = 0;
  function result(
    spec: TargetSpec,
    label: string,
    where: string,
    r: {
      about: { version: string; tableMb: number };
      loaded: Loaded;
      generateMs: number;
      serverStartMs: number;
      rawConnections: string;
      tableBefore: TableState;
      tableAfter: TableState;
      statements: Record<string, number>;
      app: Awaited<ReturnType<typeof driveApp>>;
      rawLevels: LevelResult[];
      floorLevels: LevelResult[];
    },
  ): LoadResult {
    return {
      label,
      kind: spec.kind,
      where,
      version: r.about.version,
      alumniTotal: settings.total,
      alumniInCompany: settings.inCompany,
      companies: settings.companies,
      seed: {
        generateMs: Math.round(r.generateMs),
        loadMs: Math.round(r.loaded.loadMs),
        maintenanceMs: Math.round(r.loaded.maintenanceMs),
      },
      maintenance: r.loaded.maintenance,
      tableMb: r.about.tableMb,
      serverStartMs: Math.round(r.serverStartMs),
      rawConnections: r.rawConnections,
      firstRequests: r.app.firstRequests,
      tableBefore: r.tableBefore,
      tableAfter: r.tableAfter,
      statements: r.statements,
      levels: r.app.levels.map((app, i) => {
        const raw = r.rawLevels[i]!;
        const floor = r.floorLevels[i]!;
        return {
          connections: app.connections,
          app,
          raw,
          floor,
          appOfRaw: app.mix.perSecond / raw.mix.perSecond,
          floorOfRaw: floor.mix.perSecond / raw.mix.perSecond,
          appOfFloor: app.mix.perSecond / floor.mix.perSecond,
        };
      }),
      loadAverage: { start: loadStart, end: loadavg()[0] ?? 0 },
    };
  }

  function reportOne(r: LoadResult): string {
    const header = [
      'connections / request',
      'app req/s',
      'p50',
      'p99',
      'errors',
      'timeouts',
      'non-2xx',
      'non-2xx p99',
      'raw req/s',
      'raw p50',
      'raw p99',
      'app ÷ raw',
      'floor req/s',
      'floor p99',
      'floor ÷ raw',
      'app ÷ floor',
    ];
    const rows: string[][] = [];
    for (const level of r.levels) {
      const line = (
        name: string,
        app: LevelResult['mix'] | undefined,
        raw: LevelResult['mix'] | undefined,
        floor: LevelResult['mix'] | undefined,
        counts: boolean,
      ) => [
        name,
        app ? app.perSecond.toFixed(1) : '—',
        app?.requests ? ms(app.p50) : '—',
        app?.requests ? ms(app.p99) : '—',
        counts ? String(level.app.errors) : '',
        counts ? String(level.app.timeouts) : '',
        counts ? String(level.app.non2xx) : '',
        counts && level.app.rejected?.requests ? ms(level.app.rejected.p99) : '',
        raw ? raw.perSecond.toFixed(1) : '—',
        raw?.requests ? ms(raw.p50) : '—',
        raw?.requests ? ms(raw.p99) : '—',
        app?.requests && raw?.requests ? times(app.perSecond / raw.perSecond) : '—',
        floor ? floor.perSecond.toFixed(1) : '—',
        floor?.requests ? ms(floor.p99) : '—',
        floor?.requests && raw?.requests ? times(floor.perSecond / raw.perSecond) : '—',
        app?.requests && floor?.requests ? times(app.perSecond / floor.perSecond) : '—',
      ];
      rows.push(line(`${level.connections}: mix`, level.app.mix, level.raw.mix, level.floor.mix, true));
      for (const kind of KINDS)
        rows.push(
          line(`  ${kind}`, level.app.kinds[kind], level.raw.kinds[kind], level.floor.kinds[kind], false),
        );
    }
    const at = (n: number) => r.levels.find((l) => l.connections === n);
    const errorsAt = at(GOAL_ERRORS_AT);
    const p99At = at(GOAL_P99_AT);
    const ratioAt = at(GOAL_RATIO_AT);
    const bad = (l: Level | undefined) => (l ? l.app.errors + l.app.non2xx : Number.NaN);
    const goals = [
      `  goal: 0 errors at ${GOAL_ERRORS_AT} connections — ${bad(errorsAt)} (errors ${errorsAt?.app.errors}, time-outs ${errorsAt?.app.timeouts}, non-2xx ${errorsAt?.app.non2xx}${errorsAt && Object.keys(errorsAt.app.statusCodes).length ? `; status codes ${JSON.stringify(errorsAt.app.statusCodes)}` : ''}): ${bad(errorsAt) === 0 ? 'met' : 'not met'}`,
      `  goal: p99 ≤ ${GOAL_P99_MS} ms at ${GOAL_P99_AT} connections${r.kind === 'postgres' ? '' : ' (stated for PostgreSQL)'} — ${p99At ? ms(p99At.app.mix.p99) : '?'} ms: ${p99At && p99At.app.mix.p99 <= GOAL_P99_MS ? 'met' : 'not met'}`,
      `  goal: app ≥ ${GOAL_APP_OF_RAW * 100}% of raw throughput at ${GOAL_RATIO_AT} connections — ${ratioAt ? `${(ratioAt.appOfRaw * 100).toFixed(0)}%` : '?'}: ${ratioAt && ratioAt.appOfRaw >= GOAL_APP_OF_RAW ? 'met' : 'not met'}${ratioAt ? ` (the HTTP floor reaches ${(ratioAt.floorOfRaw * 100).toFixed(0)}% of raw; the app ${(ratioAt.appOfFloor * 100).toFixed(0)}% of the floor)` : ''}`,
    ];
    const state = (s: TableState) =>
      `${s.columnsWithStats} columns with statistics, last analyze ${s.lastAnalyze ?? '—'}, autoanalyze ${s.lastAutoanalyze ?? '—'}, vacuum ${s.lastVacuum ?? '—'}, autovacuum ${s.lastAutovacuum ?? '—'}, ${count(s.modifiedSinceAnalyze)} rows modified since analyze`;
    return [
      `${r.label} — PostgreSQL ${r.version}, ${r.where}; ${count(r.alumniTotal)} alumni in ${r.companies} companies, ${count(r.alumniInCompany)} in sakura; table + indexes ${r.tableMb} MB; load (COPY, indexes in place) ${secs(r.seed.loadMs)} s; server started in ${secs(r.serverStartMs)} s; raw connections: ${r.rawConnections}; load average ${r.loadAverage.start.toFixed(1)} → ${r.loadAverage.end.toFixed(1)}`,
      `  after the load: ${r.maintenance} (${secs(r.seed.maintenanceMs)} s)`,
      `  alumni when the server started: ${state(r.tableBefore)}`,
      `  alumni at the end:              ${state(r.tableAfter)}`,
      `  first request of each path right after the load (one at a time): ${r.firstRequests.map((f) => `${f.kind} ${decodeURI(f.path).replace('/api/alumni', '').replace('&limit=50', '') || '/'} ${ms(f.ms)} ms`).join('; ')}`,
      `  statements per request (raw: begin, tenant and role, the app's statements, commit): ${Object.entries(
        r.statements,
      )
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
      table([header, ...rows]),
      ...goals,
    ].join('\n');
  }

  return {
    name: 'load',
    title: `the server process (NODE_ENV=production) under a mix of search, list, detail and portal profile at ${CONNECTIONS.join(', ')} connections (autocannon in a second process) vs the same statements through the raw driver`,
    settings,
    run,
    report: (results) =>
      [
        `${settings.secondsPerLevel} s per level and side after ${settings.warmupSeconds} s of warm-up at 20 connections; the mix per connection, in turn: ${MIX.map((m) => m.kind).join(', ')}; times in ms (client-side, autocannon); req/s, p50, p99 = 2xx answers only (what succeeded; a 503 of load shedding is counted under non-2xx, with its own p99); errors = socket errors and time-outs (${TIMEOUT_SECONDS} s) as autocannon counts them; raw = the app's own statements (captured per request) through the driver in one RLS transaction each, by as many concurrent callers as connections; floor = the same transactions behind a bare node:http server in the harness, driven by the same autocannon runner at the same connections (what any HTTP server costs); goals (information only): 0 errors at ${GOAL_ERRORS_AT} connections, p99 ≤ ${GOAL_P99_MS} ms at ${GOAL_P99_AT} connections on PostgreSQL, app ≥ ${GOAL_APP_OF_RAW * 100}% of raw throughput at ${GOAL_RATIO_AT} connections`,
        ...results.map((r) => `\n${reportOne(r)}`),
      ].join('\n'),
  };
}
