/**
 * Alumni search and filtered list: `GET /api/alumni` over HTTP against the same two statements (the
 * page and its count(*)) through the raw driver in the same RLS transaction.
 *
 * The data: BENCH_SEARCH_TOTAL alumni (200,000; the goal is stated for 1,000,000) across
 * BENCH_SEARCH_COMPANIES companies (10), BENCH_SEARCH_ONE (50,000; goal: 100,000) of them in the demo
 * company sakura, the rest shared by the others: the generated Japanese leavers of
 * `lib/leavers.ts`, stored with the app's own column values (`columnsOf`: search text and grams), so
 * the GIN index holds exactly what the app would have written. Loaded in bulk with COPY for speed
 * (`lib/search-load.ts`), then exactly what the product runs after an import commits:
 * `maintainChangedTables(db)` (apps/server/src/platform/db/maintenance.ts) — no VACUUM or ANALYZE
 * of the benchmark's own.
 *
 * First, "right after import" (`runAfterImport`), on a database of its own (migrated, demo seed)
 * before the big fixture exists: BENCH_SEARCH_IMPORT_ROWS (20,000) leavers as a CP932 CSV through
 * the product's real import path (`planImport` + `applyImport` in `db.withTenant`, as the import
 * route), then 田中 and たなか timed at once, before anything else touches the table. Twice, in this
 * order: into midori WITHOUT the post-import maintenance (what a user met before the fix: the
 * table never analyzed, the rows in the GIN pending list), then into sakura followed by
 * `maintainAfterBulkWrite(db, log)` as the route calls it (maintenance is per table, so the
 * unmaintained variant has to come first).
 *
 * Scenarios on the big fixture, in sakura as its company admin: a two-character family name (田中), the same in kana
 * (たなか), a full name with a space (田中 美咲), a filtered list (department + leave year +
 * interest), and the unfiltered first page. Each is timed client-side (fetch), server-side (the
 * app's own Server-Timing, from Fastify's first hook to the serialized reply), and raw; each plan is
 * summarized (EXPLAIN ANALYZE as the application role) with whether the GIN index is used.
 *
 * PGlite keeps its data on disk here, as the app runs it embedded (see `openTarget`).
 *
 * Knobs: BENCH_SEARCH_TOTAL (200000), BENCH_SEARCH_ONE (50000), BENCH_SEARCH_COMPANIES (10),
 * BENCH_SEARCH_ITERATIONS (100), BENCH_SEARCH_WARMUP (2), BENCH_SEARCH_SECONDS (4: time budget per
 * scenario; slow statements get fewer iterations, at least 10), BENCH_SEARCH_IMPORT_ROWS (20000:
 * leavers per import of the right-after-import scenario).
 */
import { type AlumniInterest, alumnusInputSchema } from '@kizuna/contract';
import { columnsOf, SEARCH_IDS_LIMIT } from '../apps/server/src/modules/alumni/records.js';
import { searchQuery } from '../apps/server/src/modules/alumni/search-text.js';
import { createTenant } from '../apps/server/src/modules/tenants/use-cases.js';
import { maintainChangedTables } from '../apps/server/src/platform/db/maintenance.js';
import { demoSignIns } from '../apps/server/src/seed/demo.js';
import type { Benchmark } from './lib/benchmark.js';
import { type CopyRows, copyRowsOf } from './lib/copy.js';
import { type OpenTarget, openTarget, type TargetSpec } from './lib/databases.js';
import { intFromEnv } from './lib/env.js';
import { prepareDemo } from './lib/fixture.js';
import { type FloorServer, startFloorServer } from './lib/floor.js';
import { cp932Csv, generateLeavers, leaverInput } from './lib/leavers.js';
import { explain, RAW_OVERHEAD_STATEMENTS, type Statement, type Step, summarizePlan } from './lib/raw.js';
import { count, mb, ms, secs, table, times } from './lib/report.js';
import {
  type AlumniStatsState,
  alumniStatsState,
  autovacuumSince,
  type ImportRun,
  importLeavers,
} from './lib/search-import.js';
import { copyAlumniForSearch } from './lib/search-load.js';
import { serverMs, signIn, startServer } from './lib/server.js';
import { measureSideBySide, type Stats, summarize, timed } from './lib/stats.js';

const GOAL_RATIO = 1.5;
/** Server-side p95 goal on PostgreSQL, in ms. */
const GOAL_P95_MS = 20;
const PAGE_SIZE = 50;
const ADMIN_EMAIL = 'admin@sakura.example';
const GIN_INDEX = 'alumni_search_idx';

interface Filter {
  q?: string;
  department?: string;
  leaveYear?: number;
  interest?: AlumniInterest[];
}

type Scenario = { name: string; filter: Filter };

const SCENARIOS: Scenario[] = [
  { name: 'family name q=田中', filter: { q: '田中' } },
  { name: 'kana q=たなか', filter: { q: 'たなか' } },
  { name: 'full name q=田中 美咲', filter: { q: '田中 美咲' } },
  {
    name: 'filter 営業部+2021+再雇用',
    filter: { department: '営業部', leaveYear: 2021, interest: ['rehire'] },
  },
  { name: 'no filter, first page', filter: {} },
];

/** Timed right after an import: the name search and one kana search. */
const AFTER_IMPORT_SCENARIOS: Scenario[] = [SCENARIOS[0]!, SCENARIOS[1]!];

/**
 * The two imports of the right-after-import phase, in this order: maintenance is per table, so the
 * unmaintained variant is measured before the first maintenance touches alumni.
 */
const IMPORT_VARIANTS = [
  {
    key: 'without',
    label: 'right after import, WITHOUT maintenance — what a user met before the fix',
    company: 'midori',
    adminEmail: 'admin@midori.example',
    maintain: false,
  },
  {
    key: 'with',
    label: 'right after import, with the product’s maintainAfterBulkWrite (as the import route)',
    company: 'sakura',
    adminEmail: ADMIN_EMAIL,
    maintain: true,
  },
] as const;

/**
 * The pause between an import's end and the first search: none. (The app here runs in test
 * configuration, where load shedding by event-loop delay is off, and on PGlite it is off anyway:
 * platform/load-shedding.ts.)
 */
const SETTLE_MS = 0;

/**
 * The statements `listAlumni` sends with the default sort (left_desc), as drizzle generates them —
 * checked with `.toSQL()`; the run also checks that the app still sends these texts
 * (`sqlMatchesApp`):
 *
 * 1. with `q`: the name search, `alumni_search_ids` (a SECURITY DEFINER function: under row-level
 *    security the grams' GIN index cannot be used by the list query itself): how many match and,
 *    up to SEARCH_IDS_LIMIT (1,000), their ids as a uuid[] literal — beyond, the page checks the
 *    search text itself on the sort's index (dense matches fill a page soon);
 * 2. the page: the ids of the page's rows matching the filter (an inner query the sort's index can
 *    answer alone), then their summary columns and the company's rehire rules as one more column
 *    (for each row's verdict);
 * 3. on the first page, the count of matches up to 10,001 — except when the search is the only
 *    condition: then the search's own count stands.
 */
const SUMMARY_COLUMNS = `"id", "family_name", "given_name", "family_name_kana", "given_name_kana", "email", "employee_number", "department", "position", "joined_on", "left_on", "leave_type", "leave_reason_category", "current_company", "has_decision_authority", "interests", "tags", "do_not_contact", "user_id"`;
const RULES_COLUMN = `(select json_build_object('allowedLeaveTypes', p.allowed_leave_types, 'minTenureMonths', p.min_tenure_months, 'minMonthsSinceLeaving', p.min_months_since_leaving, 'excludedLeaveReasons', p.excluded_leave_reasons, 'excludeDoNotContact', p.exclude_do_not_contact) from "rehire_policies" p where p.tenant_id = $1)`;
const SEARCH_SQL = `select case when n <= $1 then ids::text end as ids, n from (select ids, cardinality(ids) as n from (select alumni_search_ids($2::text[], $3, $4) as ids) s) t`;
/** What the definer function runs, as its owner (for its plan: whether the GIN index is used). */
const SEARCH_BODY_SQL = `select a.id from alumni a where a.tenant_id = $1 and a.search_grams @> $2::text[] and strpos(a.search_text, $3) > 0 limit $4`;
const COUNT_LIMIT = 10_000;

/** The search's answer: how many, and up to SEARCH_IDS_LIMIT matches their ids (a uuid[] literal). */
export interface Found {
  ids: string | null;
  n: number;
}

export interface ListStatements {
  search: Statement | null;
  /** The search statement's plan as the function's owner runs it. */
  searchBody: Statement | null;
  page(found: Found | null): Statement;
  /** null when the search is the only condition (its count stands). */
  count(found: Found | null): Statement | null;
}

export function listStatements(tenantId: string, filter: Filter): ListStatements {
  const query = filter.q ? searchQuery(filter.q) : null;
  const build = (found: Found | null, params: unknown[] = []) => {
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const conditions = [`"alumni"."tenant_id" = ${p(tenantId)}`];
    if (query)
      conditions.push(
        !found?.n
          ? 'false'
          : found.ids !== null
            ? `"alumni"."id" = any(${p(found.ids)}::uuid[])`
            : `strpos("alumni"."search_text", ${p(query.text)}) > 0`,
      );
    if (filter.department) conditions.push(`"alumni"."department" = ${p(filter.department)}`);
    if (filter.leaveYear)
      conditions.push(
        `"alumni"."left_on" >= ${p(`${filter.leaveYear}-01-01`)}::date and "alumni"."left_on" < ${p(`${filter.leaveYear + 1}-01-01`)}::date`,
      );
    if (filter.interest?.length) conditions.push(`"alumni"."interests" && ${p(filter.interest)}::text[]`);
    const where = conditions.length === 1 ? conditions[0] : `(${conditions.join(' and ')})`;
    return { where, params, p, searchOnly: query !== null && conditions.length === 2 };
  };
  return {
    search: query
      ? { text: SEARCH_SQL, params: [SEARCH_IDS_LIMIT, query.grams, query.text, SEARCH_IDS_LIMIT + 1] }
      : null,
    searchBody: query
      ? { text: SEARCH_BODY_SQL, params: [tenantId, query.grams, query.text, SEARCH_IDS_LIMIT + 1] }
      : null,
    page: (found) => {
      // the company's rehire rules ride along as a column: their tenant parameter comes first
      // and the outer query's tenant; the page's ids first (inner query), then their rows
      const { where, params, p } = build(found, [tenantId, tenantId]);
      const order = `order by "alumni"."left_on" desc, "alumni"."id" desc`;
      const text = `select ${SUMMARY_COLUMNS}, ${RULES_COLUMN} from "alumni" where ("alumni"."tenant_id" = $2 and "alumni"."id" in (select "id" from "alumni" where ${where} ${order} limit ${p(PAGE_SIZE + 1)})) ${order}`;
      return { text, params };
    },
    count: (found) => {
      const { where, params, p, searchOnly } = build(found);
      if (searchOnly) return null;
      const text = `select count(*) from (select 1 from "alumni" where ${where} limit ${p(COUNT_LIMIT + 1)}) "matches"`;
      return { text, params };
    },
  };
}

const foundOf = (rows: Record<string, unknown>[] | undefined): Found | null =>
  rows?.[0] ? { ids: rows[0].ids === null ? null : String(rows[0].ids), n: Number(rows[0].n) } : null;

/** The raw transaction's steps: the search (if any), then the page and the count built from its answer. */
function rawSteps(statements: ListStatements): Step[] {
  const offset = statements.search ? 1 : 0;
  const found = (previous: Record<string, unknown>[][]) => (offset ? foundOf(previous[0]) : null);
  return [
    ...(statements.search ? [statements.search] : []),
    (previous) => statements.page(found(previous)),
    (previous) => statements.count(found(previous)),
  ];
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
  /** The scenario's first request (untimed by the rounds; session read included), client-side and server-side. */
  first: { httpMs: number; serverMs: number };
  /** Alumni of the company matching the filter (the page's `total`). */
  matches: number;
  /** Client-side: fetch to parsed JSON. */
  http: Stats;
  /** Server-side: the app's Server-Timing (Fastify's first hook to the serialized reply). */
  server: Stats;
  raw: Stats;
  /** The same raw transaction behind a bare node:http server, fetched the same way (lib/floor.ts). */
  floor: Stats;
  /** HTTP (client-side) / raw, as in the audit benchmark. */
  ratio: { p50: number; p95: number };
  /** What HTTP alone costs: floor / raw. */
  floorRatio: { p50: number; p95: number };
  /** What the app adds to the floor: HTTP / floor. */
  appOverFloor: { p50: number; p95: number };
  statementsPerRequest: number;
  /** Statements of the raw transaction (begin, tenant and role, the list's statements, commit). */
  rawStatements: number;
  sqlMatchesApp: boolean;
  /** EXPLAIN (ANALYZE, BUFFERS) as the application role; `search` is the function call. */
  plans: { search: string[]; page: string[]; count: string[] };
  planSummaries: { search: string; searchBody: string; page: string; count: string };
  /** The search function's own query (run as its owner), and whether it uses the GIN index. */
  searchBodyPlan: string[];
  ginUsed: boolean | null;
  /** The page and count EXPLAINed as the owner (row-level security bypassed), for comparison. */
  ownerPlans: { page: string[]; count: string[] };
  ownerPlanSummaries: { page: string; count: string };
  /** Execution times EXPLAIN ANALYZE reports for each statement, in ms (NaN: not sent). */
  executionMs: { search: number; page: number; count: number };
}

export interface SearchResult {
  label: string;
  kind: TargetSpec['kind'];
  where: string;
  version: string;
  companies: number;
  alumniTotal: number;
  alumniInCompany: number;
  seed: { generateMs: number; loadMs: number; maintenanceMs: number; totalMs: number };
  tableMb: number;
  rssMb: number;
  /**
   * Under row-level security only leakproof operators may be index conditions (they are evaluated
   * before the policy); the functions behind the operators the list uses, and whether they are.
   */
  leakproof: Record<string, boolean>;
  /** What `maintainChangedTables` did after the fixture's COPY (the tables vacuumed and analyzed). */
  fixtureMaintenance: { tables: { name: string; ms: number }[]; ms: number };
  /** The alumni table's statistics when the fixture's scenarios started. */
  fixtureStats: AlumniStatsState;
  scenarios: ScenarioResult[];
  /** The right-after-import phase (its own database, before the fixture). */
  afterImport: AfterImportResult;
}

interface AfterImportVariant {
  key: (typeof IMPORT_VARIANTS)[number]['key'];
  label: string;
  company: string;
  import: ImportRun;
  /** The alumni table's statistics when the searches started. */
  statsAtSearch: AlumniStatsState;
  /** Alumni in the table (all companies) when the searches started. */
  alumniInTable: number;
  /** PostgreSQL's autovacuum (or autoanalyze) ran on alumni between the commit and the end of the measurement. */
  autovacuumDuring: boolean;
  /** Requests the app's load shedding answered 503 during this variant's searches (should be 0). */
  shed: number;
  scenarios: ScenarioResult[];
}

interface AfterImportResult {
  rows: number;
  fileBytes: number;
  setupMs: number;
  variants: AfterImportVariant[];
}

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
  total: number | null;
  totalCapped: boolean;
}

export function searchBenchmark(): Benchmark<SearchResult> {
  const settings = {
    total: intFromEnv('BENCH_SEARCH_TOTAL', 200_000, 1000),
    inCompany: intFromEnv('BENCH_SEARCH_ONE', 50_000, 500),
    companies: intFromEnv('BENCH_SEARCH_COMPANIES', 10, 2),
    iterations: intFromEnv('BENCH_SEARCH_ITERATIONS', 100, 1),
    warmup: intFromEnv('BENCH_SEARCH_WARMUP', 2, 0),
    secondsPerScenario: intFromEnv('BENCH_SEARCH_SECONDS', 4, 1),
    importRows: intFromEnv('BENCH_SEARCH_IMPORT_ROWS', 20_000, 100),
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
    const load = await copyAlumniForSearch(
      target,
      perCompany.map((rows, k) => ({ tenantId: tenantIds[k]!, rows })),
    );
    // exactly what the product runs after an import commits; nothing else
    const maintenance = await timed(() => maintainChangedTables(target.db));
    return {
      tenantId: demo.sakura,
      generateMs,
      ...load,
      maintenance: { tables: maintenance.value.tables, ms: Math.round(maintenance.ms) },
      stats: await alumniStatsState(target.db),
    };
  }

  /** The CSV of the right-after-import phase (CP932, as Excel in Japan saves it), the same for every database. */
  let importFile: Buffer | undefined;
  const theImportFile = () => {
    importFile ??= cp932Csv(generateLeavers(settings.importRows, 20260413, 'I-'));
    return importFile;
  };

  async function runScenario(
    target: OpenTarget,
    tenantId: string,
    baseUrl: string,
    cookie: string,
    floor: FloorServer,
    scenario: Scenario,
  ): Promise<ScenarioResult> {
    const path = `/api/alumni?${queryString(scenario.filter)}`;
    const statements = listStatements(tenantId, scenario.filter);
    const steps = rawSteps(statements);
    const serverTimes: number[] = [];
    const viaHttp = async () => {
      const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
      if (response.status !== 200)
        throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      serverTimes.push(serverMs(response));
      return (await response.json()) as Page;
    };
    const viaRaw = () => target.raw.transaction(tenantId, steps);
    floor.answer(viaRaw);

    // the same answer both ways, and the app still sends the hand-written SQL
    // the session is read once, then kept for a few seconds (access.ts); right after an import this
    // is the first search a user makes
    const first = await timed(viaHttp);
    const firstServerMs = serverTimes[0] ?? Number.NaN;
    const checked = await target.captureStatements(viaHttp);
    const rawResults = await viaRaw();
    const offset = statements.search ? 1 : 0;
    const found = offset ? foundOf(rawResults[0]) : null;
    const page = statements.page(found);
    const countStatement = statements.count(found);
    const rawRows = rawResults[offset] ?? [];
    const rawCount = countStatement ? Number(rawResults[offset + 1]?.[0]?.count) : (found?.n ?? 0);
    // a name search alone counts up to SEARCH_IDS_LIMIT (the search stops after one more), else up to COUNT_LIMIT
    const limit = countStatement ? COUNT_LIMIT : SEARCH_IDS_LIMIT;
    const httpIds = checked.value.items.map((i) => i.id);
    const rawIds = rawRows.slice(0, PAGE_SIZE).map((r) => String(r.id));
    if (httpIds.join() !== rawIds.join())
      throw new Error(`${scenario.name}: HTTP and raw SQL returned different rows`);
    if (checked.value.total !== Math.min(rawCount, limit) || checked.value.totalCapped !== rawCount > limit)
      throw new Error(`${scenario.name}: totals differ`);
    if (checked.value.total === 0)
      throw new Error(`${scenario.name}: nothing matches; the scenario measures nothing`);
    const sent = [statements.search, page, countStatement].filter((x): x is Statement => x !== null);
    const sqlMatchesApp = sent.every((x) => checked.statements.includes(x.text));
    if (!sqlMatchesApp)
      console.warn(
        `  ⚠ ${scenario.name}: the app no longer sends the SQL of bench/search.ts; the raw baseline is stale. App sent:\n    ${checked.statements.join('\n    ')}\n  bench expects:\n    ${sent.map((x) => x.text).join('\n    ')}`,
      );

    const [httpSamples = [], floorSamples = [], rawSamples = []] = await measureSideBySide(
      [viaHttp, floor.get, viaRaw],
      settings.iterations,
      settings.warmup,
      {
        afterWarmup: () => {
          serverTimes.length = 0;
        },
        budgetMs: settings.secondsPerScenario * 1000,
      },
    );
    const http = summarize(httpSamples);
    const floorStats = summarize(floorSamples);
    const raw = summarize(rawSamples);
    const none: string[] = [];
    const plans = {
      search: statements.search
        ? await explain(target.raw, tenantId, statements.search.text, statements.search.params)
        : none,
      page: await explain(target.raw, tenantId, page.text, page.params),
      count: countStatement
        ? await explain(target.raw, tenantId, countStatement.text, countStatement.params)
        : none,
    };
    const searchBodyPlan = statements.searchBody
      ? await explain(target.raw, null, statements.searchBody.text, statements.searchBody.params)
      : none;
    // the same statements as the owner, without row-level security: what the policy changes
    const ownerPlans = {
      page: await explain(target.raw, null, page.text, page.params),
      count: countStatement
        ? await explain(target.raw, null, countStatement.text, countStatement.params)
        : none,
    };
    const summary = (plan: string[]) => (plan.length ? summarizePlan(plan) : 'not sent');
    return {
      name: scenario.name,
      request: `GET ${decodeURIComponent(path)}`,
      first: { httpMs: first.ms, serverMs: firstServerMs },
      matches: checked.value.total,
      http,
      server: summarize(serverTimes),
      raw,
      floor: floorStats,
      ratio: { p50: http.p50 / raw.p50, p95: http.p95 / raw.p95 },
      floorRatio: { p50: floorStats.p50 / raw.p50, p95: floorStats.p95 / raw.p95 },
      appOverFloor: { p50: http.p50 / floorStats.p50, p95: http.p95 / floorStats.p95 },
      statementsPerRequest: checked.statements.length,
      rawStatements: sent.length + RAW_OVERHEAD_STATEMENTS,
      sqlMatchesApp,
      plans,
      planSummaries: {
        search: summary(plans.search),
        searchBody: summary(searchBodyPlan),
        page: summary(plans.page),
        count: summary(plans.count),
      },
      searchBodyPlan,
      ginUsed: statements.searchBody ? searchBodyPlan.some((l) => l.includes(GIN_INDEX)) : null,
      ownerPlans,
      executionMs: {
        search: executionMs(plans.search),
        page: executionMs(plans.page),
        count: executionMs(plans.count),
      },
      ownerPlanSummaries: { page: summary(ownerPlans.page), count: summary(ownerPlans.count) },
    };
  }

  /**
   * Right after import, on a database of its own (migrated, demo seed; disposed before the big
   * fixture): per variant, the import through the product's path, the maintenance or not, then
   * the searches timed at once — nothing else touches alumni in between.
   */
  async function runAfterImport(spec: TargetSpec): Promise<AfterImportResult> {
    const file = theImportFile();
    const target = await openTarget(spec, { pgliteOnDisk: true });
    console.log(
      `  ${target.label}: right after import — ${count(settings.importRows)} leavers (${(file.length / 1e6).toFixed(1)} MB CP932) through planImport + applyImport, twice…`,
    );
    try {
      const setup = await timed(() => prepareDemo(target.db));
      const demo = setup.value;
      const running = await startServer(target.db, target.databaseUrl, { serverTiming: true });
      const floor = await startFloorServer();
      try {
        // signed in before the imports: nothing but the import comes between it and the searches
        const cookies: Record<string, string> = {};
        for (const v of IMPORT_VARIANTS)
          cookies[v.company] = await signIn(running.baseUrl, v.adminEmail, demoSignIns.password);
        const variants: AfterImportVariant[] = [];
        for (const v of IMPORT_VARIANTS) {
          const tenantId = demo[v.company];
          const imported = await importLeavers(target.db, tenantId, v.adminEmail, file, {
            maintain: v.maintain,
            expectCreated: settings.importRows,
          });
          const statsAtSearch = await alumniStatsState(target.db);
          if (SETTLE_MS > 0) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
          const shedBefore = running.app.loadShedding.shed;
          const scenarios: ScenarioResult[] = [];
          for (const scenario of AFTER_IMPORT_SCENARIOS)
            scenarios.push(
              await runScenario(target, tenantId, running.baseUrl, cookies[v.company]!, floor, scenario),
            );
          const autovacuumDuring = await autovacuumSince(target.db, imported.committedAt);
          const [inTable] = await target.raw.ownerQuery(`select count(*)::int as n from alumni`, []);
          const variant: AfterImportVariant = {
            key: v.key,
            label: v.label,
            company: v.company,
            import: imported,
            statsAtSearch,
            alumniInTable: Number(inTable?.n ?? 0),
            autovacuumDuring,
            shed: running.app.loadShedding.shed - shedBefore,
            scenarios,
          };
          variants.push(variant);
          console.log(
            `    ${v.key} maintenance: imported in ${secs(imported.importMs)} s${imported.maintenance ? `, maintained in ${secs(imported.maintenance.ms)} s` : ''}; ${scenarios.map((s) => `${s.name} HTTP p50 ${ms(s.http.p50)} ms, raw p50 ${ms(s.raw.p50)} ms`).join('; ')}`,
          );
        }
        return { rows: settings.importRows, fileBytes: file.length, setupMs: Math.round(setup.ms), variants };
      } finally {
        await floor.close();
        await running.close();
      }
    } finally {
      await target.dispose();
    }
  }

  async function run(spec: TargetSpec): Promise<SearchResult> {
    // first, before the big fixture exists (and in a database of its own)
    const afterImport = await runAfterImport(spec);
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
        `  seeded in ${secs(setup.ms)} s (generate ${secs(setup.value.generateMs)}, COPY ${secs(setup.value.loadMs)}, maintainChangedTables ${secs(setup.value.maintenance.ms)}); measuring (${settings.iterations} iterations)…`,
      );
      const running = await startServer(target.db, target.databaseUrl, { serverTiming: true });
      const floor = await startFloorServer();
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
          scenarios.push(await runScenario(target, tenantId, running.baseUrl, cookie, floor, scenario));
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
            maintenanceMs: setup.value.maintenance.ms,
            totalMs: Math.round(setup.ms),
          },
          tableMb: mb(Number(info?.size ?? 0)),
          rssMb: mb(process.memoryUsage().rss),
          fixtureMaintenance: setup.value.maintenance,
          fixtureStats: setup.value.stats,
          scenarios,
          afterImport,
        };
      } finally {
        await floor.close();
        await running.close();
      }
    } finally {
      await target.dispose();
    }
  }

  const statsText = (s: AlumniStatsState) =>
    s.reltuples < 0
      ? `never analyzed (reltuples −1), ${count(s.pages)} pages`
      : `analyzed: ${count(Math.round(s.reltuples))} rows in ${count(s.relpages)} pages (table ${count(s.pages)} pages)`;

  function reportAfterImport(r: SearchResult): string {
    const a = r.afterImport;
    const header = [
      `right after importing ${count(a.rows)} leavers`,
      'scenario',
      'matches',
      'n',
      'first HTTP',
      'HTTP p50',
      'p95',
      'server p50',
      'p95',
      'raw p50',
      'p95',
      'GIN',
    ];
    const rows = a.variants.flatMap((v) =>
      v.scenarios.map((s) => [
        v.key === 'without'
          ? 'without maintenance (before the fix)'
          : 'maintainAfterBulkWrite (the product now)',
        s.name,
        count(s.matches),
        String(s.http.n),
        ms(s.first.httpMs),
        ms(s.http.p50),
        ms(s.http.p95),
        ms(s.server.p50),
        ms(s.server.p95),
        ms(s.raw.p50),
        ms(s.raw.p95),
        s.ginUsed === null ? '—' : s.ginUsed ? 'used' : 'not used',
      ]),
    );
    const details = a.variants.flatMap((v) => [
      `  ${v.label} (${v.company}): import ${secs(v.import.importMs)} s, ${count(v.import.created)} created; ${
        v.import.maintenance
          ? `maintainAfterBulkWrite ${secs(v.import.maintenance.ms)} s: ${v.import.maintenance.tables.map((t) => `${t.name} ${t.ms} ms`).join(', ') || 'nothing stale'}${v.import.maintenance.warning ? ` ⚠ ${v.import.maintenance.warning}` : ''}`
          : 'no maintenance'
      }`,
      `    alumni when the searches started: ${count(v.alumniInTable)} rows in the table; statistics ${statsText(v.statsAtSearch)}${v.autovacuumDuring ? '; ⚠ autovacuum/autoanalyze ran on alumni during the measurement' : ''}${v.shed ? `; ⚠ ${v.shed} requests shed (503 busy)` : ''}`,
      ...v.scenarios.flatMap((s) => [
        `    ${s.name}: search function body ${s.planSummaries.searchBody}`,
        `      execution (EXPLAIN ANALYZE): search ${Number.isNaN(s.executionMs.search) ? '—' : ms(s.executionMs.search)} ms, page ${ms(s.executionMs.page)} ms; page: ${s.planSummaries.page}`,
      ]),
    ]);
    return [
      `${r.label} — right after import (its own database: migrated, demo seed, then the imports in this order; first HTTP = the scenario's first request, session read included; the first search ${secs(SETTLE_MS)} s after the import's end)`,
      table([header, ...rows]),
      ...details,
    ].join('\n');
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
      'floor p50',
      'p95',
      'raw p50',
      'p95',
      'ratio p50',
      'p95',
      'floor÷raw',
      'HTTP÷floor',
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
      ms(s.floor.p50),
      ms(s.floor.p95),
      ms(s.raw.p50),
      ms(s.raw.p95),
      times(s.ratio.p50),
      times(s.ratio.p95),
      times(s.floorRatio.p50),
      times(s.appOverFloor.p50),
      s.server.p95 <= GOAL_P95_MS ? 'met' : 'not met',
      Math.max(s.ratio.p50, s.ratio.p95) <= GOAL_RATIO ? 'met' : 'not met',
    ]);
    const details = r.scenarios.flatMap((s) => [
      `  ${s.name}: ${s.statementsPerRequest} SQL statements per HTTP request (raw: ${s.rawStatements})${s.sqlMatchesApp ? '' : ', ⚠ app SQL differs from the raw baseline'}${s.ginUsed === null ? '' : `; GIN ${GIN_INDEX} in the search function: ${s.ginUsed ? 'used' : 'not used'}`}`,
      `    execution (EXPLAIN ANALYZE): search ${Number.isNaN(s.executionMs.search) ? '—' : ms(s.executionMs.search)} ms, page ${ms(s.executionMs.page)} ms, count ${Number.isNaN(s.executionMs.count) ? '— (the search counted)' : `${ms(s.executionMs.count)} ms`}`,
      ...(s.ginUsed === null ? [] : [`    search (function body, as owner): ${s.planSummaries.searchBody}`]),
      `    page:  ${s.planSummaries.page}`,
      `    count: ${s.planSummaries.count}`,
      `    as owner, without RLS — page:  ${s.ownerPlanSummaries.page}`,
      `    as owner, without RLS — count: ${s.ownerPlanSummaries.count}`,
    ]);
    const leakproof = Object.entries(r.leakproof)
      .map(([name, yes]) => `${name} ${yes ? 'yes' : 'NO'}`)
      .join(', ');
    return [
      reportAfterImport(r),
      '',
      `${r.label} — PostgreSQL ${r.version}, ${r.where}; ${count(r.alumniTotal)} alumni in ${r.companies} companies, ${count(r.alumniInCompany)} in sakura; table + indexes ${r.tableMb} MB; seed ${secs(r.seed.totalMs)} s (COPY ${secs(r.seed.loadMs)} s, then maintainChangedTables ${secs(r.fixtureMaintenance.ms)} s: ${r.fixtureMaintenance.tables.map((t) => `${t.name} ${t.ms} ms`).join(', ') || 'nothing stale'}); alumni statistics ${statsText(r.fixtureStats)}; RSS ${r.rssMb} MB`,
      table([header, ...rows]),
      ...details,
      `  leakproof (only these can be index conditions under row-level security): ${leakproof}`,
    ].join('\n');
  }

  return {
    name: 'search',
    title: `GET /api/alumni?q=…&limit=${PAGE_SIZE} as ${ADMIN_EMAIL}: HTTP (client and server-side) vs raw SQL (search, page, capped count: the statements the app sends, same RLS transaction)`,
    settings,
    run,
    report: (results) =>
      [
        `up to ${settings.iterations} iterations or ${settings.secondsPerScenario} s per scenario (at least 10; n = iterations done) after ${settings.warmup} warm-up, alternating; times in ms; server = the app's own time (Server-Timing); floor = the same raw transaction behind a bare node:http server, fetched the same way (the least any HTTP endpoint costs here); ratio = HTTP / raw; floor÷raw and HTTP÷floor at p50; goals (information only): server-side p95 ≤ ${GOAL_P95_MS} ms on PostgreSQL, HTTP ≤ ${GOAL_RATIO}× raw`,
        ...results.map((r) => `\n${reportOne(r)}`),
      ].join('\n'),
  };
}
