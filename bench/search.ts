/**
 * Alumni search and filtered list: `GET /api/alumni` over HTTP against the same two statements (the
 * page and its count(*)) through the raw driver in the same RLS transaction.
 *
 * The data: BENCH_SEARCH_TOTAL alumni (200,000; the goal is stated for 1,000,000) across
 * BENCH_SEARCH_COMPANIES companies (10), BENCH_SEARCH_ONE (50,000; goal: 100,000) of them in the demo
 * company sakura, the rest shared by the others: the generated Japanese leavers of
 * `lib/leavers.ts`, stored with the app's own column values (`columnsOf`: search text and grams), so
 * the GIN index holds exactly what the app would have written. Loaded in bulk, then ANALYZE.
 *
 * Scenarios, in sakura as its company admin: a two-character family name (田中), the same in kana
 * (たなか), a full name with a space (田中 美咲), a filtered list (department + leave year +
 * interest), and the unfiltered first page. Each is timed client-side (fetch), server-side (the
 * app's own Server-Timing, from Fastify's first hook to the serialized reply), and raw; each plan is
 * summarized (EXPLAIN ANALYZE as the application role) with whether the GIN index is used.
 *
 * PGlite keeps its data on disk here, as the app runs it embedded (see `openTarget`).
 *
 * Knobs: BENCH_SEARCH_TOTAL (200000), BENCH_SEARCH_ONE (50000), BENCH_SEARCH_COMPANIES (10),
 * BENCH_SEARCH_ITERATIONS (100), BENCH_SEARCH_WARMUP (2), BENCH_SEARCH_SECONDS (4: time budget per
 * scenario; slow statements get fewer iterations, at least 10).
 */
import { type AlumniInterest, alumnusInputSchema } from '@kizuna/contract';
import { columnsOf } from '../apps/server/src/modules/alumni/records.js';
import { searchQuery } from '../apps/server/src/modules/alumni/search-text.js';
import { createTenant } from '../apps/server/src/modules/tenants/use-cases.js';
import { demoSignIns } from '../apps/server/src/seed/demo.js';
import { bulkLoadAlumni } from './lib/alumni-load.js';
import type { Benchmark } from './lib/benchmark.js';
import { type CopyRows, copyRowsOf } from './lib/copy.js';
import { type OpenTarget, openTarget, type TargetSpec } from './lib/databases.js';
import { intFromEnv } from './lib/env.js';
import { prepareDemo } from './lib/fixture.js';
import { generateLeavers, leaverInput } from './lib/leavers.js';
import { explain, RAW_OVERHEAD_STATEMENTS, type Statement, summarizePlan } from './lib/raw.js';
import { count, mb, ms, secs, table, times } from './lib/report.js';
import { serverMs, signIn, startServer } from './lib/server.js';
import { measurePair, type Stats, summarize, timed } from './lib/stats.js';

const GOAL_RATIO = 1.5;
/** Server-side p95 goal on PostgreSQL, in ms. */
const GOAL_P95_MS = 20;
const PAGE_SIZE = 50;
const ADMIN_EMAIL = 'admin@sakura.example';
const GIN_INDEX = 'alumni_search_grams_idx';

interface Filter {
  q?: string;
  department?: string;
  leaveYear?: number;
  interest?: AlumniInterest[];
}

const SCENARIOS: { name: string; filter: Filter }[] = [
  { name: 'family name q=田中', filter: { q: '田中' } },
  { name: 'kana q=たなか', filter: { q: 'たなか' } },
  { name: 'full name q=田中 美咲', filter: { q: '田中 美咲' } },
  {
    name: 'filter 営業部+2021+再雇用',
    filter: { department: '営業部', leaveYear: 2021, interest: ['rehire'] },
  },
  { name: 'no filter, first page', filter: {} },
];

/**
 * The columns of `select()` from alumni, and the page and count statements, as drizzle generates them
 * for `listAlumni` with the default sort (left_desc) — checked with `.toSQL()`; the run also checks
 * that the app still sends these texts (`sqlMatchesApp`).
 */
const ALUMNI_COLUMNS = `"tenant_id", "id", "family_name", "given_name", "family_name_kana", "given_name_kana", "email", "phone", "employee_number", "department", "position", "joined_on", "left_on", "leave_type", "leave_reason_category", "leave_reason_note", "current_company", "current_title", "has_decision_authority", "skills", "interests", "return_conditions", "tags", "internal_notes", "do_not_contact", "do_not_contact_reason", "user_id", "registered_at", "search_text", "search_grams", "version", "created_at", "updated_at"`;

export function listStatements(tenantId: string, filter: Filter): { page: Statement; count: Statement } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = [`"alumni"."tenant_id" = ${p(tenantId)}`];
  const query = filter.q ? searchQuery(filter.q) : null;
  if (query) {
    conditions.push(`"alumni"."search_grams" @> ${p(query.grams)}::text[]`);
    conditions.push(`strpos("alumni"."search_text", ${p(query.text)}) > 0`);
  }
  if (filter.department) conditions.push(`"alumni"."department" = ${p(filter.department)}`);
  if (filter.leaveYear)
    conditions.push(
      `"alumni"."left_on" >= ${p(`${filter.leaveYear}-01-01`)}::date and "alumni"."left_on" < ${p(`${filter.leaveYear + 1}-01-01`)}::date`,
    );
  if (filter.interest?.length) conditions.push(`"alumni"."interests" && ${p(filter.interest)}::text[]`);
  const where = conditions.length === 1 ? conditions[0] : `(${conditions.join(' and ')})`;
  const countParams = [...params];
  const page = `select ${ALUMNI_COLUMNS} from "alumni" where ${where} order by "alumni"."left_on" desc, "alumni"."id" desc limit ${p(PAGE_SIZE + 1)}`;
  return {
    page: { text: page, params },
    count: { text: `select count(*) from "alumni" where ${where}`, params: countParams },
  };
}

const executionMs = (plan: string[]) =>
  Number(plan.map((line) => /Execution Time: ([\d.]+) ms/.exec(line)?.[1]).find(Boolean) ?? Number.NaN);

function queryString(filter: Filter): string {
  const search = new URLSearchParams();
  if (filter.q) search.set('q', filter.q);
  if (filter.department) search.set('department', filter.department);
  if (filter.leaveYear) search.set('leaveYear', String(filter.leaveYear));
  for (const i of filter.interest ?? []) search.append('interest', i);
  search.set('limit', String(PAGE_SIZE));
  return search.toString();
}

interface ScenarioResult {
  name: string;
  request: string;
  /** Alumni of the company matching the filter (the page's `total`). */
  matches: number;
  /** Client-side: fetch to parsed JSON. */
  http: Stats;
  /** Server-side: the app's Server-Timing (Fastify's first hook to the serialized reply). */
  server: Stats;
  raw: Stats;
  /** HTTP (client-side) / raw, as in the audit benchmark. */
  ratio: { p50: number; p95: number };
  statementsPerRequest: number;
  sqlMatchesApp: boolean;
  plans: { page: string[]; count: string[] };
  planSummaries: { page: string; count: string };
  ginUsed: { page: boolean; count: boolean };
  /** The same statements EXPLAINed as the owner (row-level security bypassed), for comparison. */
  ownerPlans: { page: string[]; count: string[] };
  ownerPlanSummaries: { page: string; count: string };
  /** Execution times EXPLAIN ANALYZE reports for the page and its count(*), in ms. */
  executionMs: { page: number; count: number };
}

export interface SearchResult {
  label: string;
  kind: TargetSpec['kind'];
  where: string;
  version: string;
  companies: number;
  alumniTotal: number;
  alumniInCompany: number;
  seed: { generateMs: number; loadMs: number; indexMs: number; totalMs: number };
  tableMb: number;
  rssMb: number;
  /**
   * Under row-level security only leakproof operators may be index conditions (they are evaluated
   * before the policy); the functions behind the operators the list uses, and whether they are.
   */
  leakproof: Record<string, boolean>;
  scenarios: ScenarioResult[];
}

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
  total: number;
}

export function searchBenchmark(): Benchmark<SearchResult> {
  const settings = {
    total: intFromEnv('BENCH_SEARCH_TOTAL', 200_000, 1000),
    inCompany: intFromEnv('BENCH_SEARCH_ONE', 50_000, 500),
    companies: intFromEnv('BENCH_SEARCH_COMPANIES', 10, 2),
    iterations: intFromEnv('BENCH_SEARCH_ITERATIONS', 100, 1),
    warmup: intFromEnv('BENCH_SEARCH_WARMUP', 2, 0),
    secondsPerScenario: intFromEnv('BENCH_SEARCH_SECONDS', 4, 1),
  };
  if (settings.inCompany > settings.total)
    throw new Error('BENCH_SEARCH_ONE must not exceed BENCH_SEARCH_TOTAL');

  /**
   * Per company (the measured one first): the app's column values as COPY text, generated once for
   * every database.
   */
  let generated: { rows: CopyRows[]; ms: number } | undefined;
  function records() {
    if (generated) return generated;
    const start = performance.now();
    const others = settings.companies - 1;
    const rest = settings.total - settings.inCompany;
    const sizes = [
      settings.inCompany,
      ...Array.from({ length: others }, (_, k) => Math.floor(rest / others) + (k < rest % others ? 1 : 0)),
    ];
    const all = sizes.map((size, k) => {
      const leavers = generateLeavers(size, 1000 + k, k === 0 ? '' : `C${k}-`);
      // the generated values are already what validation would make of them: check on a sample
      for (const l of leavers.slice(0, 200)) {
        const validated = JSON.stringify(columnsOf(alumnusInputSchema.parse(leaverInput(l))));
        if (validated !== JSON.stringify(columnsOf(leaverInput(l))))
          throw new Error(`generated leaver differs once validated: ${validated}`);
      }
      return copyRowsOf(leavers.map((l) => columnsOf(leaverInput(l))));
    });
    generated = { rows: all, ms: performance.now() - start };
    return generated;
  }

  async function seed(target: OpenTarget) {
    const demo = await prepareDemo(target.db);
    const tenantIds = [demo.sakura, demo.midori];
    for (let k = tenantIds.length; k < settings.companies; k++) {
      const tenant = await createTenant(target.db, null, {
        slug: `bench-${k}`,
        name: `ベンチ${k}株式会社`,
        operatingModel: 'broadcast',
      });
      tenantIds.push(tenant.id);
    }
    const { rows: perCompany, ms: generateMs } = records();
    const load = await bulkLoadAlumni(
      target,
      perCompany.map((rows, k) => ({ tenantId: tenantIds[k]!, rows })),
    );
    return { tenantId: demo.sakura, generateMs, ...load };
  }

  async function runScenario(
    target: OpenTarget,
    tenantId: string,
    baseUrl: string,
    cookie: string,
    scenario: (typeof SCENARIOS)[number],
  ): Promise<ScenarioResult> {
    const path = `/api/alumni?${queryString(scenario.filter)}`;
    const { page, count: countStatement } = listStatements(tenantId, scenario.filter);
    const serverTimes: number[] = [];
    const viaHttp = async () => {
      const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
      if (response.status !== 200)
        throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      serverTimes.push(serverMs(response));
      return (await response.json()) as Page;
    };
    const viaRaw = () => target.raw.transaction(tenantId, [page, countStatement]);

    // the same answer both ways, and the app still sends the hand-written SQL
    const checked = await target.captureStatements(viaHttp);
    const [rawRows = [], [rawCount] = []] = await viaRaw();
    const httpIds = checked.value.items.map((i) => i.id);
    const rawIds = rawRows.slice(0, PAGE_SIZE).map((r) => String(r.id));
    if (httpIds.join() !== rawIds.join())
      throw new Error(`${scenario.name}: HTTP and raw SQL returned different rows`);
    if (checked.value.total !== Number(rawCount?.count)) throw new Error(`${scenario.name}: totals differ`);
    if (checked.value.total === 0)
      throw new Error(`${scenario.name}: nothing matches; the scenario measures nothing`);
    const sqlMatchesApp =
      checked.statements.includes(page.text) && checked.statements.includes(countStatement.text);
    if (!sqlMatchesApp)
      console.warn(
        `  ⚠ ${scenario.name}: the app no longer sends the SQL of bench/search.ts; the raw baseline is stale. App sent:\n    ${checked.statements.join('\n    ')}`,
      );

    const samples = await measurePair(viaHttp, viaRaw, settings.iterations, settings.warmup, {
      afterWarmup: () => {
        serverTimes.length = 0;
      },
      budgetMs: settings.secondsPerScenario * 1000,
    });
    const http = summarize(samples.a);
    const raw = summarize(samples.b);
    const plans = {
      page: await explain(target.raw, tenantId, page.text, page.params),
      count: await explain(target.raw, tenantId, countStatement.text, countStatement.params),
    };
    // the same statements as the owner, without row-level security: what the policy changes
    const ownerPlans = {
      page: await explain(target.raw, null, page.text, page.params),
      count: await explain(target.raw, null, countStatement.text, countStatement.params),
    };
    return {
      name: scenario.name,
      request: `GET ${decodeURIComponent(path)}`,
      matches: checked.value.total,
      http,
      server: summarize(serverTimes),
      raw,
      ratio: { p50: http.p50 / raw.p50, p95: http.p95 / raw.p95 },
      statementsPerRequest: checked.statements.length,
      sqlMatchesApp,
      plans,
      planSummaries: { page: summarizePlan(plans.page), count: summarizePlan(plans.count) },
      ginUsed: {
        page: plans.page.some((l) => l.includes(GIN_INDEX)),
        count: plans.count.some((l) => l.includes(GIN_INDEX)),
      },
      ownerPlans,
      executionMs: { page: executionMs(plans.page), count: executionMs(plans.count) },
      ownerPlanSummaries: { page: summarizePlan(ownerPlans.page), count: summarizePlan(ownerPlans.count) },
    };
  }

  async function run(spec: TargetSpec): Promise<SearchResult> {
    const target = await openTarget(spec, { pgliteOnDisk: true });
    console.log(
      `  ${target.label}, ${target.where}: seeding ${count(settings.total)} alumni in ${settings.companies} companies (${count(settings.inCompany)} in sakura)…`,
    );
    try {
      const setup = await timed(() => seed(target));
      const { tenantId } = setup.value;
      const [info] = await target.raw.query(
        tenantId,
        `select current_setting('server_version') as v, pg_total_relation_size('alumni') as size`,
        [],
      );
      console.log(
        `  seeded in ${secs(setup.ms)} s (generate ${secs(setup.value.generateMs)}, load ${secs(setup.value.loadMs)}, indexes ${secs(setup.value.indexMs)}); measuring (${settings.iterations} iterations)…`,
      );
      const running = await startServer(target.db, target.databaseUrl, { serverTiming: true });
      try {
        const cookie = await signIn(running.baseUrl, ADMIN_EMAIL, demoSignIns.password);
        const leakproof = Object.fromEntries(
          (
            await target.raw.ownerQuery(
              `select proname, proleakproof from pg_proc where proname = any($1::text[]) order by proname`,
              [['arraycontains', 'arrayoverlap', 'strpos', 'texteq', 'uuid_eq', 'date_ge', 'date_lt']],
            )
          ).map((r) => [String(r.proname), r.proleakproof === true]),
        );
        const scenarios: ScenarioResult[] = [];
        for (const scenario of SCENARIOS)
          scenarios.push(await runScenario(target, tenantId, running.baseUrl, cookie, scenario));
        return {
          label: target.label,
          kind: spec.kind,
          where: target.where,
          version: String(info?.v ?? '?'),
          leakproof,
          companies: settings.companies,
          alumniTotal: settings.total,
          alumniInCompany: settings.inCompany,
          seed: {
            generateMs: Math.round(setup.value.generateMs),
            loadMs: Math.round(setup.value.loadMs),
            indexMs: Math.round(setup.value.indexMs),
            totalMs: Math.round(setup.ms),
          },
          tableMb: mb(Number(info?.size ?? 0)),
          rssMb: mb(process.memoryUsage().rss),
          scenarios,
        };
      } finally {
        await running.close();
      }
    } finally {
      await target.dispose();
    }
  }

  function reportOne(r: SearchResult): string {
    const header = [
      'scenario',
      'matches',
      'n',
      'HTTP p50',
      'p95',
      'server p50',
      'p95',
      'raw p50',
      'p95',
      'ratio p50',
      'p95',
      `server p95 ≤ ${GOAL_P95_MS}`,
      `ratio ≤ ${GOAL_RATIO}×`,
    ];
    const rows = r.scenarios.map((s) => [
      s.name,
      count(s.matches),
      String(s.http.n),
      ms(s.http.p50),
      ms(s.http.p95),
      ms(s.server.p50),
      ms(s.server.p95),
      ms(s.raw.p50),
      ms(s.raw.p95),
      times(s.ratio.p50),
      times(s.ratio.p95),
      s.server.p95 <= GOAL_P95_MS ? 'met' : 'not met',
      Math.max(s.ratio.p50, s.ratio.p95) <= GOAL_RATIO ? 'met' : 'not met',
    ]);
    const details = r.scenarios.flatMap((s) => [
      `  ${s.name}: ${s.statementsPerRequest} SQL statements per HTTP request (raw: ${2 + RAW_OVERHEAD_STATEMENTS})${s.sqlMatchesApp ? '' : ', ⚠ app SQL differs from the raw baseline'}; GIN ${GIN_INDEX}: page ${s.ginUsed.page ? 'used' : 'not used'}, count ${s.ginUsed.count ? 'used' : 'not used'}`,
      `    count(*) is ${Math.round((s.executionMs.count / (s.executionMs.page + s.executionMs.count)) * 100)}% of the two statements' execution (page ${ms(s.executionMs.page)} ms, count ${ms(s.executionMs.count)} ms)`,
      `    page:  ${s.planSummaries.page}`,
      `    count: ${s.planSummaries.count}`,
      `    as owner, without RLS — page:  ${s.ownerPlanSummaries.page}`,
      `    as owner, without RLS — count: ${s.ownerPlanSummaries.count}`,
    ]);
    const leakproof = Object.entries(r.leakproof)
      .map(([name, yes]) => `${name} ${yes ? 'yes' : 'NO'}`)
      .join(', ');
    return [
      `${r.label} — PostgreSQL ${r.version}, ${r.where}; ${count(r.alumniTotal)} alumni in ${r.companies} companies, ${count(r.alumniInCompany)} in sakura; table + indexes ${r.tableMb} MB; seed ${secs(r.seed.totalMs)} s; RSS ${r.rssMb} MB`,
      table([header, ...rows]),
      ...details,
      `  leakproof (only these can be index conditions under row-level security): ${leakproof}`,
    ].join('\n');
  }

  return {
    name: 'search',
    title: `GET /api/alumni?q=…&limit=${PAGE_SIZE} as ${ADMIN_EMAIL}: HTTP (client and server-side) vs raw SQL (page + count(*), same RLS transaction)`,
    settings,
    run,
    report: (results) =>
      [
        `up to ${settings.iterations} iterations or ${settings.secondsPerScenario} s per scenario (at least 10; n = iterations done) after ${settings.warmup} warm-up, alternating; times in ms; server = the app's own time (Server-Timing); ratio = HTTP / raw; goals (information only): server-side p95 ≤ ${GOAL_P95_MS} ms on PostgreSQL, HTTP ≤ ${GOAL_RATIO}× raw`,
        ...results.map((r) => `\n${reportOne(r)}`),
      ].join('\n'),
  };
}
