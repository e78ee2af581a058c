/** Latency statistics over one series of samples, in milliseconds. */
export interface Stats {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of an ascending series (`q` in 0–1). */
function percentile(sorted: number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarize(samples: number[]): Stats {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((acc, v) => acc + v, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    mean: sum / sorted.length,
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Times one call of `fn` with the monotonic clock, in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/**
 * Measures variants of the same work side by side: `warmup` untimed rounds, then `iterations` timed
 * rounds, each running every variant once and rotating which goes first, so a slow patch of the
 * machine (another process, a GC, CPU frequency) lands on all of them and the ratios stay fair.
 *
 * Options: `afterWarmup` runs between the two phases (to reset figures the variants collect
 * themselves); with `budgetMs`, the timed rounds stop once that much time has passed, after at
 * least `minIterations` (10) — for slow statements, where the iterations would take minutes.
 */
export async function measureSideBySide(
  variants: (() => Promise<unknown>)[],
  iterations: number,
  warmup: number,
  options: { afterWarmup?: () => void; budgetMs?: number; minIterations?: number } = {},
): Promise<number[][]> {
  for (let i = 0; i < warmup; i++) for (const run of variants) await run();
  options.afterWarmup?.();
  const samples = variants.map((): number[] => []);
  const deadline = options.budgetMs === undefined ? Infinity : performance.now() + options.budgetMs;
  const minIterations = Math.min(options.minIterations ?? 10, iterations);
  for (let i = 0; i < iterations; i++) {
    if (i >= minIterations && performance.now() > deadline) break;
    for (let k = 0; k < variants.length; k++) {
      const at = (i + k) % variants.length;
      samples[at]!.push((await timed(variants[at]!)).ms);
    }
  }
  return samples;
}

/** Two variants side by side (see `measureSideBySide`). */
export async function measurePair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  iterations: number,
  warmup: number,
  options: { afterWarmup?: () => void; budgetMs?: number; minIterations?: number } = {},
): Promise<{ a: number[]; b: number[] }> {
  const [samplesA = [], samplesB = []] = await measureSideBySide([a, b], iterations, warmup, options);
  return { a: samplesA, b: samplesB };
}

/** Measures one variant alone (a reference with no raw counterpart). */
export async function measureOne(fn: () => Promise<unknown>, iterations: number, warmup: number) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) samples.push((await timed(fn)).ms);
  return samples;
}

/** The median of a few samples (repeated long operations). */
export function median(samples: number[]): number {
  const sorted = [...samples].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
