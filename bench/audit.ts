/**
 * Audit-log list: what the HTTP API costs over the database work it does.
 *
 * For each database it builds the real app on a real port, signs in over HTTP as a company admin,
 * and times `GET /api/audit?limit=50` — the first page and a page deep in the list — against the
 * same SQL sent through the raw driver in the same kind of RLS transaction. The ratio HTTP/raw is
 * the figure to read: absolute milliseconds follow the machine, the ratio much less. The same raw
 * transaction behind a bare node:http server (`lib/floor.ts`) is timed alongside: what HTTP alone
 * costs, and what the app adds to it.
 *
 * Knobs: BENCH_ITERATIONS (200), BENCH_WARMUP (20), BENCH_ROWS (audit rows per company, 20000).
 */
import { encodeCursor } from '../apps/server/src/platform/http.js';
import { demoSignIns } from '../apps/server/src/seed/demo.js';
import type { Benchmark } from './lib/benchmark.js';
import { type OpenTarget, openTarget, type TargetSpec } from './lib/databases.js';
import { intFromEnv } from './lib/env.js';
import { type Fixture, keysetAt, prepareData } from './lib/fixture.js';
import { type FloorServer, startFloorServer } from './lib/floor.js';
import {
  auditPageQuery,
  explain,
  type KeysetAfter,
  RAW_OVERHEAD_STATEMENTS,
  summarizePlan,
} from './lib/raw.js';
import { mb, ms, table, times } from './lib/report.js';
import { signIn, startServer } from './lib/server.js';
import { measureSideBySide, type Stats, summarize, timed } from './lib/stats.js';

/** The goal the ratios are read against. Information only: the run never fails on it. */
const GOAL_RATIO = 1.5;
const PAGE_SIZE = 50;
/** The signed-in company admin; the measured company is theirs. */
const ADMIN_EMAIL = 'admin@sakura.example';
const MEASURED_COMPANY = 'sakura';

interface ScenarioResult {
  name: string;
  request: string;
  http: Stats;
  raw: Stats;
  /** The same raw transaction behind a bare node:http server, fetched the same way. */
  floor: Stats;
  ratio: { p50: number; p95: number };
  /** floor / raw and HTTP / floor, at p50. */
  floorRatio: number;
  appOverFloor: number;
  /** SQL statements one HTTP request sends (session, actor, transaction…). */
  statementsPerRequest: number;
  /** Whether the app still sends the hand-written statement; if not, bench/lib/raw.ts is stale. */
  sqlMatchesApp: boolean;
  plan: string[];
  planSummary: string;
}

export interface AuditResult {
  label: string;
  kind: TargetSpec['kind'];
  where: string;
  version: string;
  setupMs: number;
  auditRows: number;
  rssMb: number;
  scenarios: ScenarioResult[];
}

/** The page the endpoint answers; only the fields the checks read. */
interface AuditPage {
  items: { id: string; tenantId: string | null }[];
  nextCursor: string | null;
}

export function auditBenchmark(): Benchmark<AuditResult> {
  const settings = {
    iterations: intFromEnv('BENCH_ITERATIONS', 200, 1),
    warmup: intFromEnv('BENCH_WARMUP', 20, 0),
    rowsPerCompany: intFromEnv('BENCH_ROWS', 20_000, PAGE_SIZE * 4),
  };

  /**
   * Before timing anything: the HTTP answer must be the rows the raw SQL returns, in order, all of
   * the signed-in company. Otherwise the two sides would not measure the same work.
   */
  function checkSameRows(
    name: string,
    page: AuditPage,
    rawRows: Record<string, unknown>[],
    tenantId: string,
  ) {
    const httpIds = page.items.map((item) => item.id);
    const rawIds = rawRows.slice(0, PAGE_SIZE).map((row) => String(row.id));
    if (httpIds.length !== PAGE_SIZE)
      throw new Error(`${name}: HTTP returned ${httpIds.length} rows, expected ${PAGE_SIZE}`);
    if (httpIds.join() !== rawIds.join())
      throw new Error(`${name}: HTTP and raw SQL returned different rows`);
    if (page.items.some((item) => item.tenantId !== tenantId))
      throw new Error(`${name}: rows of another company`);
    if (rawRows.length !== PAGE_SIZE + 1 || page.nextCursor === null)
      throw new Error(`${name}: expected a next page`);
  }

  async function runScenarios(
    target: OpenTarget,
    fixture: Fixture,
    baseUrl: string,
    cookie: string,
    floor: FloorServer,
  ) {
    const tenantId = fixture.tenantIds[MEASURED_COMPANY];
    // three quarters down the company's log: page 301 of 400 with the default volume
    const deepOffset = Math.floor(settings.rowsPerCompany * 0.75) - 1;
    const deep = await keysetAt(target.db, tenantId, deepOffset);
    const pages: { name: string; after: KeysetAfter | null }[] = [
      { name: 'first page', after: null },
      { name: `deep page (row ${deepOffset + 2}+)`, after: deep },
    ];

    const results: ScenarioResult[] = [];
    for (const { name, after } of pages) {
      const path = `/api/audit?limit=${PAGE_SIZE}${after ? `&cursor=${encodeCursor(after.id)}` : ''}`;
      const query = auditPageQuery(tenantId, PAGE_SIZE, after);
      const viaHttp = async () => {
        const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
        if (response.status !== 200)
          throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
        return (await response.json()) as AuditPage;
      };
      const viaRaw = () => target.raw.query(tenantId, query.text, query.params);
      floor.answer(viaRaw);

      await viaHttp(); // the session is read once, then kept for a few seconds (access.ts)
      const checked = await target.captureStatements(viaHttp);
      checkSameRows(name, checked.value, await viaRaw(), tenantId);
      const sqlMatchesApp = checked.statements.includes(query.text);
      if (!sqlMatchesApp)
        console.warn(
          `  ⚠ ${name}: the app no longer sends the SQL in bench/lib/raw.ts; the raw baseline is stale. App sent:\n    ${checked.statements.join('\n    ')}`,
        );
      const [httpSamples = [], floorSamples = [], rawSamples = []] = await measureSideBySide(
        [viaHttp, floor.get, viaRaw],
        settings.iterations,
        settings.warmup,
      );
      const http = summarize(httpSamples);
      const floorStats = summarize(floorSamples);
      const raw = summarize(rawSamples);
      const plan = await explain(target.raw, tenantId, query.text, query.params);
      results.push({
        name,
        request: `GET ${path.replace(/cursor=[^&]+/, 'cursor=…')}`,
        http,
        raw,
        floor: floorStats,
        ratio: { p50: http.p50 / raw.p50, p95: http.p95 / raw.p95 },
        floorRatio: floorStats.p50 / raw.p50,
        appOverFloor: http.p50 / floorStats.p50,
        statementsPerRequest: checked.statements.length,
        sqlMatchesApp,
        plan,
        planSummary: summarizePlan(plan),
      });
    }

    return results;
  }

  async function run(spec: TargetSpec): Promise<AuditResult> {
    const target = await openTarget(spec);
    console.log(`  ${spec.label}, ${target.where}: preparing ${settings.rowsPerCompany * 2} audit rows…`);
    try {
      const setup = await timed(() => prepareData(target.db, settings.rowsPerCompany));
      const [versionRow] = await target.raw.query(
        setup.value.tenantIds[MEASURED_COMPANY],
        `select current_setting('server_version') as v`,
        [],
      );
      const running = await startServer(target.db, target.databaseUrl);
      const floor = await startFloorServer();
      try {
        const cookie = await signIn(running.baseUrl, ADMIN_EMAIL, demoSignIns.password);
        console.log(
          `  ready in ${(setup.ms / 1000).toFixed(1)} s; measuring (${settings.iterations} iterations)…`,
        );
        const scenarios = await runScenarios(target, setup.value, running.baseUrl, cookie, floor);
        return {
          label: spec.label,
          kind: spec.kind,
          where: target.where,
          version: String(versionRow?.v ?? '?'),
          setupMs: Math.round(setup.ms),
          auditRows: setup.value.auditRowsInserted,
          rssMb: mb(process.memoryUsage().rss),
          scenarios,
        };
      } finally {
        await floor.close();
        await running.close();
      }
    } finally {
      await target.dispose();
    }
  }

  function reportOne(result: AuditResult): string {
    const header = [
      'scenario',
      'HTTP p50',
      'p95',
      'mean',
      'floor p50',
      'p95',
      'raw p50',
      'p95',
      'mean',
      'ratio p50',
      'p95',
      'floor÷raw',
      'HTTP÷floor',
      `goal ≤ ${GOAL_RATIO}×`,
    ];
    const rows = result.scenarios.map((s) => [
      s.name,
      ms(s.http.p50),
      ms(s.http.p95),
      ms(s.http.mean),
      ms(s.floor.p50),
      ms(s.floor.p95),
      ms(s.raw.p50),
      ms(s.raw.p95),
      ms(s.raw.mean),
      times(s.ratio.p50),
      times(s.ratio.p95),
      times(s.floorRatio),
      times(s.appOverFloor),
      Math.max(s.ratio.p50, s.ratio.p95) <= GOAL_RATIO ? 'met' : 'not met',
    ]);
    const details = result.scenarios.map(
      (s) =>
        `  ${s.name}: ${s.statementsPerRequest} SQL statements per HTTP request (raw: ${1 + RAW_OVERHEAD_STATEMENTS})${s.sqlMatchesApp ? '' : ', ⚠ app SQL differs from the raw baseline'}; plan: ${s.planSummary}`,
    );
    return [
      `${result.label} — PostgreSQL ${result.version}, ${result.where}; ${result.auditRows} audit rows; setup ${(result.setupMs / 1000).toFixed(1)} s; RSS ${result.rssMb} MB`,
      table([header, ...rows]),
      ...details,
    ].join('\n');
  }

  return {
    name: 'audit',
    title: `GET /api/audit?limit=${PAGE_SIZE} as ${ADMIN_EMAIL}: HTTP (Node fetch → Fastify → session → drizzle) vs the same transaction behind a bare node:http server (floor) and through the raw driver alone (same RLS transaction)`,
    settings,
    run,
    report: (results) =>
      [
        `${settings.iterations} iterations after ${settings.warmup} warm-up, alternating; times in ms; floor = the raw transaction behind a bare node:http server, fetched the same way; ratio = HTTP / raw; goal HTTP ≤ ${GOAL_RATIO}× raw (information only)`,
        ...results.map((r) => `\n${reportOne(r)}`),
      ].join('\n'),
  };
}
