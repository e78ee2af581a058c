/**
 * Alumni CSV export in constant memory: `streamAlumniExport` (a cursor read EXPORT_BATCH rows at a
 * time, through the CSV encoding streams) into a Writable that counts and discards the bytes,
 * against one plain `select` of the same columns into memory (what the old buffered export did)
 * through the raw driver in the same RLS transaction.
 *
 * Data: BENCH_EXPORT_ROWS (100,000) generated leavers in sakura and BENCH_EXPORT_SMALL (10,000) in
 * midori, bulk-loaded (`lib/alumni-load.ts`). Every variant runs twice, each time after a forced GC:
 *
 * - **timed** pass: the time, and the *peak* growth of heapUsed and rss over the start, sampled
 *   (no GC) every PEAK_EVERY chunks inside the discarding Writable's write(), every 20 ms by a
 *   timer (which never fires on PGlite: the work does not yield to timers), and once at the end;
 *   peak heapUsed counts garbage not yet collected, so it says little about what is *held*;
 * - **retained** pass: every RETAINED_EVERY chunks (the CSV stream writes one chunk per row, so
 *   about once per cursor batch) a forced full GC, then heapUsed: the largest growth over the start
 *   is what the export holds at its worst. The raw select is measured once it has returned, with
 *   its rows still held (a forced GC, then heapUsed).
 *
 * Constant memory shows as export retained(100k) ≈ retained(10k), while the raw select's retained
 * growth scales with the rows. Exports run before the raw selects: PGlite's WebAssembly memory (in
 * rss) does not shrink once grown. The goals are printed as information only.
 *
 * Knobs: BENCH_EXPORT_ROWS (100000), BENCH_EXPORT_SMALL (10000).
 */
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { eq } from 'drizzle-orm';
import { EXPORT_BATCH, streamAlumniExport } from '../apps/server/src/modules/alumni/export.js';
import { columnsOf } from '../apps/server/src/modules/alumni/records.js';
import type { AuditActor } from '../apps/server/src/modules/audit/record-audit.js';
import { authUser } from '../apps/server/src/modules/identity/tables.js';
import { bulkLoadAlumni } from './lib/alumni-load.js';
import type { Benchmark } from './lib/benchmark.js';
import { type CopyRows, copyRowsOf } from './lib/copy.js';
import { openTarget, type TargetSpec } from './lib/databases.js';
import { intFromEnv } from './lib/env.js';
import { prepareDemo } from './lib/fixture.js';
import { generateLeavers, leaverInput } from './lib/leavers.js';
import { count, secs, table, times } from './lib/report.js';

const ADMIN_EMAIL = 'admin@sakura.example';
const SAMPLE_MS = 20;
/** Timed pass: a (GC-free) memory sample every this many chunks written. */
const PEAK_EVERY = 100;
/** Retained pass: a forced GC and a heap reading every this many chunks written (≈ one cursor batch). */
const RETAINED_EVERY = EXPORT_BATCH;
/** Goals (information only): the export's retained growth 100k ÷ 10k at most this… */
const GOAL_FLAT = 1.5;
/** …while the raw select's grows at least this much (the baseline does measure held rows). */
const GOAL_RAW_SCALES = 5;

/** The cursor's select of `streamAlumniExport`, by hand, for one company (no filter). */
const RAW_SQL = `select "employee_number", "family_name", "given_name", "family_name_kana", "given_name_kana", "email", "phone", "department", "position", "joined_on"::text as joined_on, "left_on"::text as left_on, "leave_type"::text as leave_type, "leave_reason_category", "leave_reason_note", "current_company", "current_title", "has_decision_authority", "skills", "interests", "tags", "do_not_contact" from "alumni" where "alumni"."tenant_id" = $1 order by "left_on" desc, "id" desc`;

/** `gc()` without `--expose-gc` on the command line (`npm run bench` runs tsx). */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

type Mode = 'timed' | 'retained';

/** One pass of one variant. Memory figures: growth over the start (after a forced GC), in bytes. */
interface Pass {
  rows: number;
  ms: number;
  bytes: number;
  /** Timed pass: peak heapUsed / rss growth, garbage included. Retained pass: 0 / 0. */
  heapPeak: number;
  rssPeak: number;
  /** Retained pass: the largest heapUsed growth right after a forced GC. Timed pass: 0. */
  retained: number;
  /** Memory readings taken (retained pass: forced GCs). */
  samples: number;
}

interface Measured {
  rows: number;
  bytes: number;
  /** From the timed pass. */
  ms: number;
  heapPeak: number;
  rssPeak: number;
  peakSamples: number;
  /** From the retained pass. */
  retained: number;
  retainedSamples: number;
  /** The retained pass's own time (forced GCs included), for information. */
  retainedPassMs: number;
}

/** What must stay reachable while the last reading is taken (the raw select's rows). */
const holder: { held?: unknown } = {};

/**
 * One pass of `fn` after a full GC. `fn` calls `probe()` as it goes (the export: from its sink's
 * write()) and returns what must stay alive to the last reading. Timed mode: `probe` reads
 * process.memoryUsage() every PEAK_EVERY calls, a timer every 20 ms. Retained mode: `probe` forces
 * a GC and reads heapUsed every RETAINED_EVERY calls; no timer.
 */
async function pass(
  mode: Mode,
  fn: (probe: () => void) => Promise<{ rows: number; bytes: number; keep?: unknown }>,
): Promise<Pass> {
  gc();
  gc();
  const start = process.memoryUsage();
  let heap = start.heapUsed;
  let rss = start.rss;
  let retainedHeap = start.heapUsed;
  let samples = 0;
  let calls = 0;
  const peakSample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    rss = Math.max(rss, m.rss);
    samples++;
  };
  const retainedSample = () => {
    gc();
    retainedHeap = Math.max(retainedHeap, process.memoryUsage().heapUsed);
    samples++;
  };
  const probe =
    mode === 'timed'
      ? () => {
          if (++calls % PEAK_EVERY === 0) peakSample();
        }
      : () => {
          if (++calls % RETAINED_EVERY === 0) retainedSample();
        };
  const timer = mode === 'timed' ? setInterval(peakSample, SAMPLE_MS) : undefined;
  const t0 = performance.now();
  try {
    const result = await fn(probe);
    const ms = performance.now() - t0;
    holder.held = result.keep;
    if (mode === 'timed') peakSample();
    else retainedSample();
    return {
      rows: result.rows,
      ms,
      bytes: result.bytes,
      heapPeak: mode === 'timed' ? heap - start.heapUsed : 0,
      rssPeak: mode === 'timed' ? rss - start.rss : 0,
      retained: mode === 'retained' ? retainedHeap - start.heapUsed : 0,
      samples,
    };
  } finally {
    holder.held = undefined;
    clearInterval(timer);
  }
}

/** The timed pass, then the retained pass, of the same variant. */
async function measure(
  fn: (probe: () => void) => Promise<{ rows: number; bytes: number; keep?: unknown }>,
): Promise<Measured> {
  const timed = await pass('timed', fn);
  const retained = await pass('retained', fn);
  if (timed.rows !== retained.rows)
    throw new Error(`rows differ between passes: ${timed.rows}, ${retained.rows}`);
  return {
    rows: timed.rows,
    bytes: timed.bytes,
    ms: timed.ms,
    heapPeak: timed.heapPeak,
    rssPeak: timed.rssPeak,
    peakSamples: timed.samples,
    retained: retained.retained,
    retainedSamples: retained.samples,
    retainedPassMs: Math.round(retained.ms),
  };
}

/** Megabytes with one decimal (memory growth can be small or negative). */
const mb1 = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
/** Bytes per row, whole (no "-0"). */
const bytesPerRow = (v: number) => `${Math.round(v) || 0} B`;
/** Microseconds per row. */
const usPerRow = (m: Measured) => (m.rows ? (m.ms * 1000) / m.rows : Number.NaN);

export interface ExportResult {
  label: string;
  where: string;
  rows: number;
  small: number;
  batch: number;
  seedMs: number;
  export: { small: Measured; large: Measured };
  raw: { small: Measured; large: Measured };
  summary: Summary;
}

/** The ratios the report prints (also in the results file). */
interface Summary {
  /** Retained growth at the large size ÷ at the small size: ≈ 1 for constant memory. */
  exportRetainedLargeOverSmall: number;
  rawRetainedLargeOverSmall: number;
  /** Export ÷ raw retained growth at the large size. */
  exportOverRawRetained: number;
  /** Extra retained heap per extra row between the two sizes, in bytes. */
  exportBytesPerExtraRow: number;
  rawBytesPerExtraRow: number;
  /** Peak (garbage included) heap growth, export ÷ raw at the large size. */
  exportOverRawPeakHeap: number;
  /** Time per row, microseconds, at the large size; and export ÷ raw. */
  exportUsPerRow: number;
  rawUsPerRow: number;
  exportOverRawTime: number;
  goalFlat: boolean;
  goalRawScales: boolean;
}

function summarizeResult(r: Pick<ExportResult, 'export' | 'raw'>): Summary {
  const e = r.export;
  const w = r.raw;
  const perExtraRow = (m: { small: Measured; large: Measured }) =>
    (m.large.retained - m.small.retained) / (m.large.rows - m.small.rows);
  const round = (v: number, digits = 3) => Number(v.toFixed(digits));
  const exportFlat = e.large.retained / e.small.retained;
  const rawScales = w.large.retained / w.small.retained;
  return {
    exportRetainedLargeOverSmall: round(exportFlat),
    rawRetainedLargeOverSmall: round(rawScales),
    exportOverRawRetained: round(e.large.retained / w.large.retained, 4),
    exportBytesPerExtraRow: round(perExtraRow(e), 1),
    rawBytesPerExtraRow: round(perExtraRow(w), 1),
    exportOverRawPeakHeap: round(e.large.heapPeak / w.large.heapPeak),
    exportUsPerRow: round(usPerRow(e.large), 2),
    rawUsPerRow: round(usPerRow(w.large), 2),
    exportOverRawTime: round(e.large.ms / w.large.ms),
    goalFlat: exportFlat <= GOAL_FLAT,
    goalRawScales: rawScales >= GOAL_RAW_SCALES,
  };
}

export function exportBenchmark(): Benchmark<ExportResult> {
  const settings = {
    rows: intFromEnv('BENCH_EXPORT_ROWS', 100_000, 1000),
    small: intFromEnv('BENCH_EXPORT_SMALL', 10_000, 100),
  };
  let generated: CopyRows[] | undefined;
  const records = () => {
    generated ??= [settings.rows, settings.small].map((n, k) =>
      copyRowsOf(generateLeavers(n, 3000 + k, k === 0 ? '' : 'M').map((l) => columnsOf(leaverInput(l)))),
    );
    return generated;
  };

  async function run(spec: TargetSpec): Promise<ExportResult> {
    const target = await openTarget(spec, { pgliteOnDisk: true });
    try {
      const seedStart = performance.now();
      const ids = await prepareDemo(target.db);
      const [large, small] = records();
      await bulkLoadAlumni(target, [
        { tenantId: ids.sakura, rows: large! },
        { tenantId: ids.midori, rows: small! },
      ]);
      const seedMs = performance.now() - seedStart;
      console.log(
        `  ${target.label}: ${count(settings.rows)} + ${count(settings.small)} rows loaded in ${secs(seedMs)} s`,
      );
      const [admin] = await target.db.unsafeOwner
        .select({ id: authUser.id, name: authUser.name })
        .from(authUser)
        .where(eq(authUser.email, ADMIN_EMAIL));
      if (!admin) throw new Error(`${ADMIN_EMAIL} missing after seeding`);
      const actor: AuditActor = { userId: admin.id, name: admin.name, ip: null };

      const viaExport = (tenantId: string) => async (probe: () => void) => {
        let bytes = 0;
        const sink = new Writable({
          write(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            probe();
            done();
          },
        });
        const { count: rows } = await target.db.withTenant(tenantId, (tx) =>
          streamAlumniExport(tx, tenantId, actor, {}, { encoding: 'utf8', locale: 'ja' }, () => sink),
        );
        return { rows, bytes };
      };
      const viaRaw = (tenantId: string) => async () => {
        const rows = await target.raw.query(tenantId, RAW_SQL, [tenantId]);
        return { rows: rows.length, bytes: 0, keep: rows };
      };

      // warm-up (untimed): the export at both sizes (so that the code the large export gets compiled
      // to is not counted as retained growth), the raw select on the small company
      await pass('timed', viaExport(ids.midori));
      await pass('timed', viaExport(ids.sakura));
      await pass('timed', viaRaw(ids.midori));
      const exportSmall = await measure(viaExport(ids.midori));
      const exportLarge = await measure(viaExport(ids.sakura));
      const rawSmall = await measure(viaRaw(ids.midori));
      const rawLarge = await measure(viaRaw(ids.sakura));
      const measured = {
        export: { small: exportSmall, large: exportLarge },
        raw: { small: rawSmall, large: rawLarge },
      };
      const result: ExportResult = {
        label: target.label,
        where: target.where,
        rows: settings.rows,
        small: settings.small,
        batch: EXPORT_BATCH,
        seedMs: Math.round(seedMs),
        ...measured,
        summary: summarizeResult(measured),
      };
      // the demo seed has a few alumni of its own: both paths must return the same rows, at least the loaded ones
      for (const [name, m, n, raw] of [
        ['small', result.export.small, settings.small, result.raw.small],
        ['large', result.export.large, settings.rows, result.raw.large],
      ] as const)
        if (m.rows < n || m.rows !== raw.rows)
          throw new Error(`${name}: export ${m.rows} rows, raw ${raw.rows}, loaded ${n}`);
      return result;
    } finally {
      await target.dispose();
    }
  }

  function reportOne(r: ExportResult): string {
    const s = r.summary;
    const line = (name: string, m: Measured) => [
      name,
      count(m.rows),
      mb1(m.retained),
      String(m.retainedSamples),
      secs(m.ms),
      usPerRow(m).toFixed(1),
      mb1(m.heapPeak),
      mb1(m.rssPeak),
      String(m.peakSamples),
      m.bytes ? (m.bytes / 1e6).toFixed(1) : '—',
    ];
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    return [
      `${r.label}, ${r.where}; cursor batch ${count(r.batch)} rows; seed ${secs(r.seedMs)} s`,
      table([
        [
          'variant',
          'rows',
          'retained heap +MB',
          'GCs',
          'seconds',
          'µs/row',
          'peak heap +MB',
          'peak RSS +MB',
          'samples',
          'CSV MB',
        ],
        line('streamAlumniExport → discarding Writable', r.export.small),
        line('streamAlumniExport → discarding Writable', r.export.large),
        line('raw: one select into memory (RLS)', r.raw.small),
        line('raw: one select into memory (RLS)', r.raw.large),
      ]),
      `  retained heap ${count(r.rows)} ÷ ${count(r.small)} rows: export ${times(s.exportRetainedLargeOverSmall)}, raw ${times(s.rawRetainedLargeOverSmall)}; extra retained per extra row: export ${bytesPerRow(s.exportBytesPerExtraRow)}, raw ${bytesPerRow(s.rawBytesPerExtraRow)}`,
      `  at ${count(r.rows)} rows, export ÷ raw: retained heap ${s.exportOverRawRetained.toFixed(3)}×, peak heap ${times(s.exportOverRawPeakHeap)}, time ${times(s.exportOverRawTime)} (${s.exportUsPerRow.toFixed(1)} vs ${s.rawUsPerRow.toFixed(1)} µs/row)`,
      `  goal (information): export retained ${count(r.rows)} ÷ ${count(r.small)} ≤ ${times(GOAL_FLAT)}: ${met(s.goalFlat)}; raw's ≥ ${times(GOAL_RAW_SCALES)} (the baseline holds its rows): ${met(s.goalRawScales)}`,
    ].join('\n');
  }

  return {
    name: 'export',
    title: 'Alumni CSV export (streamed cursor) vs one select into memory: retained heap, time',
    settings,
    run,
    report: (results) =>
      [
        `growth over the start (after a forced GC). retained: the largest heapUsed right after a forced GC,` +
          ` taken every ${count(RETAINED_EVERY)} chunks written (export) or once the rows are in memory (raw),` +
          ` in a pass of its own; seconds and peak (garbage included, no GC) from a separate timed pass,` +
          ` sampled every ${PEAK_EVERY} chunks and every ${SAMPLE_MS} ms. Exports run first (PGlite's WebAssembly memory never shrinks).`,
        ...results.map((r) => `\n${reportOne(r)}`),
      ].join('\n'),
  };
}
