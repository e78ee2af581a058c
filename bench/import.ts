/**
 * Alumni import: a CP932 CSV file of N leavers (BENCH_IMPORT_ROWS, 20,000; the goal is stated for
 * 100,000), imported into the demo company sakura, against bulk loads of the same rows.
 *
 * Per database, each variant starts from the company without alumni (deleted, table vacuumed):
 *
 * - HTTP: `POST /api/alumni/import/apply` with the file's bytes, as the company admin;
 * - use cases: `planImport` + `applyImport` in one `db.withTenant` transaction (no HTTP, no session);
 * - raw INSERT: the rows the import stores (the app's own column values, search text and grams
 *   included, taken from a plan of the same file) as multi-row INSERTs of 2,000 rows through the
 *   driver, as the application role in one RLS transaction;
 * - raw COPY: the same rows with COPY, as the table owner (COPY FROM refuses tables under
 *   row-level security): PGlite `COPY … FROM '/dev/blob'`, PostgreSQL `COPY … FROM STDIN`.
 *
 * After each variant the company's rows are compared (count and checksum of every stored column)
 * with the first variant's: all four must store the same thing. The use-case run is profiled
 * statement by statement to say where its time goes.
 *
 * PGlite keeps its data on disk here, as the app runs it embedded (see `openTarget`).
 *
 * Knobs: BENCH_IMPORT_ROWS (20000), BENCH_IMPORT_REPEAT (1: each variant once; more takes the median).
 */
import { eq, sql } from 'drizzle-orm';
import { type AlumnusColumns, columnArrays, columnsOf } from '../apps/server/src/modules/alumni/index.js';
import {
  applyImport,
  IMPORT_BATCH,
  type ImportPlan,
  planImport,
} from '../apps/server/src/modules/alumni-import/import.js';
import type { AuditActor } from '../apps/server/src/modules/audit/record-audit.js';
import { authUser } from '../apps/server/src/modules/identity/tables.js';
import { decodeCsv, parseCsv } from '../apps/server/src/platform/csv.js';
import type { Database } from '../apps/server/src/platform/db/database.js';
import { demoSignIns } from '../apps/server/src/seed/demo.js';
import { clearAlumni } from './lib/alumni-load.js';
import type { Benchmark } from './lib/benchmark.js';
import { alumniCopyData, type CopyData, copyPglite, copyPostgres } from './lib/copy.js';
import { openTarget, type TargetSpec } from './lib/databases.js';
import { intFromEnv } from './lib/env.js';
import { prepareDemo } from './lib/fixture.js';
import { cp932Csv, generateLeavers } from './lib/leavers.js';
import { type Profile, profileStatements, type StatementGroup } from './lib/profile.js';
import type { Statement } from './lib/raw.js';
import { count, mb, secs, table, times } from './lib/report.js';
import { signIn, startServer } from './lib/server.js';
import { median, timed } from './lib/stats.js';

/** The goal: an import takes at most this many times a COPY of the same rows. Information only. */
const GOAL_RATIO = 2;
const ADMIN_EMAIL = 'admin@sakura.example';
const FILE_NAME = 'leavers.csv';
/** Rows per multi-row INSERT of the raw baseline: 2,000 × 27 columns stays under 65,535 parameters. */
const INSERT_BATCH = 2000;
/** Rows of the untimed warm-up import (JIT, caches, the route's first call). */
const WARMUP_ROWS = 1000;

type VariantKey = 'http' | 'useCases' | 'insert' | 'copy';
const VARIANTS: VariantKey[] = ['http', 'useCases', 'insert', 'copy'];

interface VariantResult {
  /** Wall time of each round, in ms. */
  runsMs: number[];
  /** The median of the rounds. */
  ms: number;
  /** Statements sent, by kind (the last round), for the app's variants. */
  profile: Profile | null;
}

export interface ImportResult {
  label: string;
  kind: TargetSpec['kind'];
  where: string;
  version: string;
  rows: number;
  fileBytes: number;
  setupMs: number;
  rssMb: number;
  /** Which COPY the baseline is (PGlite: from a blob; PostgreSQL: the copy-in protocol of pg). */
  copyMethod: string;
  variants: Record<VariantKey, VariantResult>;
  /** Inside the use-case import (median rounds): planImport and applyImport. */
  useCaseSplit: { planMs: number; applyMs: number };
  /** Separately timed parts of the app's work, to split the use-case time (JavaScript only: timed once per run). */
  parts: {
    /** decodeCsv (CP932) + parseCsv of the whole file. */
    decodeParseMs: number;
    /** columnsOf (search text, grams, column mapping) for every row. */
    columnsOfMs: number;
    /** applyImport's array parameters (`columnArrays`, one text[] literal per column) for every batch. */
    paramsBuildMs: number;
  };
  /** Every variant stored the same rows (count and checksum). */
  sameRows: boolean;
}

/** Count and checksum of every stored column of a company's alumni, in employee-number order. */
async function contentOf(db: Database, tenantId: string): Promise<{ n: number; sum: string }> {
  const result = await db.unsafeOwner.execute(sql`
    select count(*)::int as n, md5(coalesce(string_agg((
      family_name, given_name, family_name_kana, given_name_kana, email, phone, employee_number,
      department, position, joined_on, left_on, leave_type, leave_reason_category, leave_reason_note,
      current_company, current_title, has_decision_authority, skills, interests, return_conditions,
      tags, internal_notes, do_not_contact, do_not_contact_reason, search_text, search_grams
    )::text, E'\n' order by employee_number), '')) as sum
    from alumni where tenant_id = ${tenantId}`);
  const row = (result as unknown as { rows: { n: number; sum: string }[] }).rows[0];
  return { n: Number(row?.n ?? 0), sum: String(row?.sum ?? '') };
}

/** The rows as multi-row INSERTs with parameters, `tenant_id` first (as `CopyData` lists them). */
function insertStatements(tenantId: string, records: AlumnusColumns[], copy: CopyData): Statement[] {
  const keys = Object.keys(records[0] ?? {}) as (keyof AlumnusColumns)[];
  const columns = copy.columns.map((c) => `"${c}"`).join(', ');
  const width = copy.columns.length;
  const value = (v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : v;
  const statements: Statement[] = [];
  for (let i = 0; i < records.length; i += INSERT_BATCH) {
    const batch = records.slice(i, i + INSERT_BATCH);
    const tuples = batch.map(
      (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`,
    );
    statements.push({
      text: `insert into "alumni" (${columns}) values ${tuples.join(', ')}`,
      params: batch.flatMap((record) => [tenantId, ...keys.map((k) => value(record[k]))]),
    });
  }
  return statements;
}

export function importBenchmark(): Benchmark<ImportResult> {
  const settings = {
    rows: intFromEnv('BENCH_IMPORT_ROWS', 20_000, 100),
    repeat: intFromEnv('BENCH_IMPORT_REPEAT', 1, 1),
  };
  let file: { bytes: Buffer; warmup: Buffer } | undefined;
  let parts: ImportResult['parts'] | undefined;
  /** The file is the same for every database: generated once. */
  const theFile = () => {
    file ??= {
      bytes: cp932Csv(generateLeavers(settings.rows, 20260401)),
      warmup: cp932Csv(generateLeavers(Math.min(WARMUP_ROWS, settings.rows), 7, 'W')),
    };
    return file;
  };

  async function run(spec: TargetSpec): Promise<ImportResult> {
    const { bytes, warmup } = theFile();
    const target = await openTarget(spec, { pgliteOnDisk: true });
    console.log(
      `  ${target.label}, ${target.where}: importing ${count(settings.rows)} rows (${(bytes.length / 1e6).toFixed(1)} MB CP932) ${settings.repeat}× per variant…`,
    );
    try {
      const setup = await timed(async () => {
        const tenantIds = await prepareDemo(target.db);
        return tenantIds.sakura;
      });
      const tenantId = setup.value;
      const [admin] = await target.db.unsafeOwner
        .select({ id: authUser.id, name: authUser.name })
        .from(authUser)
        .where(eq(authUser.email, ADMIN_EMAIL));
      if (!admin) throw new Error(`${ADMIN_EMAIL} missing after seeding`);
      const actor: AuditActor = { userId: admin.id, name: admin.name, ip: null };
      const [versionRow] = await target.raw.query(
        tenantId,
        `select current_setting('server_version') as v`,
        [],
      );

      const running = await startServer(target.db, target.databaseUrl);
      try {
        const cookie = await signIn(running.baseUrl, ADMIN_EMAIL, demoSignIns.password);
        const origin = new URL(running.baseUrl).origin;
        const viaHttp = async (file: Buffer) => {
          const body = new Uint8Array(file.length); // fetch takes a Uint8Array<ArrayBuffer>, not a Buffer
          body.set(file);
          const response = await fetch(`${running.baseUrl}/api/alumni/import/apply?fileName=${FILE_NAME}`, {
            method: 'POST',
            headers: { cookie, origin, 'content-type': 'text/csv' },
            body,
          });
          if (response.status !== 200)
            throw new Error(`import over HTTP: ${response.status} ${(await response.text()).slice(0, 500)}`);
          return (await response.json()) as { summary: { create: number } };
        };
        const viaUseCases = (body: Buffer) =>
          target.db.withTenant(tenantId, async (tx) => {
            const plan = await timed(() =>
              planImport(tx, tenantId, body, {
                locale: 'ja',
                secret: 'bench-secret-bench-secret-bench-secret',
              }),
            );
            const apply = await timed(() =>
              applyImport(tx, tenantId, actor, plan.value, { fileName: FILE_NAME }),
            );
            return { planMs: plan.ms, applyMs: apply.ms, summary: apply.value };
          });

        // warm-up (untimed): both app paths once on a small file
        await viaHttp(warmup);
        await clearAlumni(target.db, tenantId);
        await viaUseCases(warmup);
        await clearAlumni(target.db, tenantId);

        // the rows the import stores, from a plan of the same file (untimed; planning writes nothing)
        const plan: ImportPlan = await target.db.withTenant(tenantId, (tx) =>
          planImport(tx, tenantId, bytes, { locale: 'ja', secret: 'bench-secret-bench-secret-bench-secret' }),
        );
        if (plan.summary.create !== settings.rows || plan.summary.rejected !== 0)
          throw new Error(`the generated file does not plan cleanly: ${JSON.stringify(plan.summary)}`);
        const columns = await timed(async () => plan.actions.map((a) => columnsOf(a.input)));
        const records = columns.value;
        const copyData = alumniCopyData(tenantId, records);
        const inserts = insertStatements(tenantId, records, copyData);
        // JavaScript-only parts of the import, timed alone (the same for every database: once per run)
        parts ??= {
          decodeParseMs: (await timed(async () => parseCsv(decodeCsv(bytes, 'auto').text).length)).ms,
          columnsOfMs: columns.ms,
          // what applyImport spends building its statements' array parameters
          paramsBuildMs: (
            await timed(async () => {
              for (let i = 0; i < records.length; i += IMPORT_BATCH)
                columnArrays(records.slice(i, i + IMPORT_BATCH));
            })
          ).ms,
        };

        const runs: Record<VariantKey, number[]> = { http: [], useCases: [], insert: [], copy: [] };
        const profiles: Partial<Record<VariantKey, Profile>> = {};
        const splits: { planMs: number; applyMs: number; total: number }[] = [];
        let reference: { n: number; sum: string } | undefined;
        let sameRows = true;

        const variant: Record<VariantKey, () => Promise<void>> = {
          http: async () => {
            const { value, profile } = await profileStatements(target.db.pglite, () => viaHttp(bytes));
            if (value.summary.create !== settings.rows)
              throw new Error(`HTTP import created ${value.summary.create} rows`);
            profiles.http = profile;
            runs.http.push(profile.wallMs);
          },
          useCases: async () => {
            const { value, profile } = await profileStatements(target.db.pglite, () => viaUseCases(bytes));
            if (value.summary.create !== settings.rows)
              throw new Error(`use-case import created ${value.summary.create} rows`);
            profiles.useCases = profile;
            runs.useCases.push(profile.wallMs);
            splits.push({ planMs: value.planMs, applyMs: value.applyMs, total: profile.wallMs });
          },
          insert: async () => {
            const { ms } = await timed(() => target.raw.transaction(tenantId, inserts));
            runs.insert.push(ms);
          },
          copy: async () => {
            const { ms, value } = await timed(() =>
              target.db.pglite
                ? copyPglite(target.db.pglite, 'alumni', copyData)
                : copyPostgres(target.raw.pool!, 'alumni', copyData),
            );
            if (value !== settings.rows) throw new Error(`COPY loaded ${value} rows`);
            runs.copy.push(ms);
          },
        };

        for (let round = 0; round < settings.repeat; round++) {
          // rotate the order, so no variant always runs first after the warm-up
          const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]!);
          for (const key of order) {
            await clearAlumni(target.db, tenantId);
            await variant[key]();
            const content = await contentOf(target.db, tenantId);
            if (content.n !== settings.rows) throw new Error(`${key}: ${content.n} rows stored`);
            reference ??= content;
            if (content.sum !== reference.sum) {
              sameRows = false;
              console.warn(`  ⚠ ${key} stored different column values than the first variant`);
            }
            console.log(`    ${key}: ${secs(runs[key][runs[key].length - 1]!)} s`);
          }
        }
        await clearAlumni(target.db, tenantId);

        const middle = [...splits].sort((a, b) => a.total - b.total)[Math.floor(splits.length / 2)]!;
        const result = (key: VariantKey): VariantResult => ({
          runsMs: runs[key].map(Math.round),
          ms: median(runs[key]),
          profile: profiles[key] ?? null,
        });
        return {
          label: target.label,
          kind: spec.kind,
          where: target.where,
          version: String(versionRow?.v ?? '?'),
          rows: settings.rows,
          fileBytes: bytes.length,
          setupMs: Math.round(setup.ms),
          rssMb: mb(process.memoryUsage().rss),
          copyMethod: target.db.pglite ? `raw COPY FROM '/dev/blob' (owner)` : 'raw COPY FROM STDIN (owner)',
          variants: {
            http: result('http'),
            useCases: result('useCases'),
            insert: result('insert'),
            copy: result('copy'),
          },
          useCaseSplit: { planMs: middle.planMs, applyMs: middle.applyMs },
          parts,
          sameRows,
        };
      } finally {
        await running.close();
      }
    } finally {
      await target.dispose();
    }
  }

  function reportOne(r: ImportResult): string {
    const copy = r.variants.copy.ms;
    const insert = r.variants.insert.ms;
    const line = (name: string, v: VariantResult, goal: boolean) => [
      name,
      secs(v.ms),
      count(Math.round(r.rows / (v.ms / 1000))),
      times(v.ms / copy),
      times(v.ms / insert),
      goal ? (v.ms / copy <= GOAL_RATIO ? 'met' : 'not met') : '',
    ];
    const rows = [
      ['variant', 'seconds', 'rows/s', '÷ COPY', '÷ INSERT', `goal ≤ ${GOAL_RATIO}× COPY`],
      line('HTTP POST /api/alumni/import/apply', r.variants.http, true),
      line('use cases: planImport + applyImport', r.variants.useCases, true),
      line(`raw multi-row INSERT (${count(INSERT_BATCH)} rows, RLS)`, r.variants.insert, false),
      line(r.copyMethod, r.variants.copy, false),
    ];

    // where the use-case import's time goes
    const groups = r.variants.useCases.profile?.groups ?? [];
    const group = (kind: string): StatementGroup =>
      groups.find((g) => g.kind === kind) ?? { kind, count: 0, ms: 0, params: 0 };
    const lookups = group('select alumni');
    const insertsAlumni = group('insert alumni');
    const audits = group('insert audit_log');
    const { planMs, applyMs } = r.useCaseSplit;
    const planRowWork = planMs - r.parts.decodeParseMs - lookups.ms;
    const applyJs = applyMs - insertsAlumni.ms - audits.ms;
    const share = (v: number) => `${Math.round((v / (planMs + applyMs)) * 100)}%`;
    const breakdown = [
      ['use-case import, split', 'seconds', 'share'],
      ['planImport: decode CP932 + parse CSV', secs(r.parts.decodeParseMs), share(r.parts.decodeParseMs)],
      [
        `planImport: look up existing records (${lookups.count} SELECTs)`,
        secs(lookups.ms),
        share(lookups.ms),
      ],
      ['planImport: per-row work (map, labels, zod, duplicates)', secs(planRowWork), share(planRowWork)],
      [
        `applyImport: INSERT alumni (${insertsAlumni.count} statements, ${count(insertsAlumni.params)} parameters)`,
        secs(insertsAlumni.ms),
        share(insertsAlumni.ms),
      ],
      [
        `applyImport: audit rows (${audits.count} INSERTs, one row per record + 1)`,
        secs(audits.ms),
        share(audits.ms),
      ],
      ['applyImport: JavaScript (columnsOf, building the array parameters…)', secs(applyJs), share(applyJs)],
      [
        '  of which building the array parameters (columnArrays, timed alone)',
        secs(r.parts.paramsBuildMs),
        '',
      ],
      [
        '  of which columnsOf (search text + grams) for every row (timed alone)',
        secs(r.parts.columnsOfMs),
        '',
      ],
    ];
    const httpStatements = r.variants.http.profile?.groups.reduce((s, g) => s + g.count, 0) ?? 0;
    return [
      `${r.label} — PostgreSQL ${r.version}, ${r.where}; ${count(r.rows)} rows, ${(r.fileBytes / 1e6).toFixed(1)} MB CP932; setup ${secs(r.setupMs)} s; RSS ${r.rssMb} MB`,
      table(rows),
      `  rows stored: ${r.sameRows ? 'identical in all four variants (count + checksum of every column)' : '⚠ DIFFERENT between variants'}; HTTP import sent ${httpStatements} SQL statements; HTTP − use cases ${secs(r.variants.http.ms - r.variants.useCases.ms)} s`,
      table(breakdown),
    ].join('\n');
  }

  return {
    name: 'import',
    title: `Alumni CSV import (CP932, as ${ADMIN_EMAIL}): HTTP and use cases vs raw multi-row INSERT and COPY of the same rows`,
    settings,
    run,
    report: (results) =>
      [
        `${count(settings.rows)} rows; ${settings.repeat === 1 ? 'each variant once' : `median of ${settings.repeat} rounds`}; goal import ≤ ${GOAL_RATIO}× COPY (information only). ÷ COPY / ÷ INSERT: time relative to that baseline.`,
        ...results.map((r) => `\n${reportOne(r)}`),
      ].join('\n'),
  };
}
