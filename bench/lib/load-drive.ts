/**
 * Driving the `load` benchmark: the HTTP side through the forked autocannon runner
 * (`load-runner.ts`, a process of its own), the raw side through the raw driver in this process —
 * the same mix, the same concurrency, the same duration — and both summarized the same way.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveRows } from './floor.js';
import type { RawDriver, Step } from './raw.js';

/** One request of the mix, as every connection sends it in turn. */
export interface MixRequest {
  /** The kind it is reported under (search, list, detail, profile). */
  kind: string;
  /** One path, or several taken in turn (detail pages of sampled ids). */
  paths: string[];
  headers: Record<string, string>;
}

export interface LoadJob {
  url: string;
  connections: number;
  seconds: number;
  timeoutSeconds: number;
  requests: MixRequest[];
}

export interface LoadJobResult {
  connections: number;
  seconds: number;
  total: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** autocannon's own histogram (whole milliseconds), for comparison. */
  autocannonLatency: { p50: number; p99: number; max: number };
  /** Per kind: every 2xx response's latency, in ms. */
  samples: Record<string, number[]>;
  /** Every other response's latency (a 503 of load shedding, …), in ms. */
  rejected: number[];
  non2xxByKind: Record<string, number>;
}

/** Throughput and latency of one kind of request (or the whole mix) at one concurrency. */
export interface Figures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LevelResult {
  connections: number;
  seconds: number;
  /** The 2xx answers of the whole mix (req/s is what succeeded). */
  mix: Figures;
  /** The non-2xx answers (HTTP only): how many per second and how fast they came. */
  rejected?: Figures;
  kinds: Record<string, Figures>;
  /** Socket errors, time-outs (already counted in errors by autocannon) and non-2xx answers. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Raw only: the first error message, if any. */
  firstError?: string;
}

/** Nearest-rank percentile (`q` in 0–1) of an ascending series. */
function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

export function figuresOf(samples: number[], seconds: number): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

function levelOf(
  connections: number,
  seconds: number,
  samples: Record<string, number[]>,
  counts: { errors: number; timeouts: number; non2xx: number; statusCodes: Record<string, number> },
): LevelResult {
  return {
    connections,
    seconds,
    mix: figuresOf(Object.values(samples).flat(), seconds),
    kinds: Object.fromEntries(Object.entries(samples).map(([k, s]) => [k, figuresOf(s, seconds)])),
    ...counts,
  };
}

export interface Runner {
  run(job: LoadJob): Promise<LevelResult & { autocannon: LoadJobResult['autocannonLatency'] }>;
  close(): Promise<void>;
}

/** Forks `load-runner.ts` (through tsx, as the benchmark itself runs) and waits until it is ready. */
export async function forkRunner(): Promise<Runner> {
  const file = fileURLToPath(new URL('./load-runner.ts', import.meta.url));
  const child: ChildProcess = fork(file, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  type Message =
    | { type: 'ready' }
    | { type: 'result'; result: LoadJobResult }
    | { type: 'error'; message: string };
  let waiting: { resolve(m: Message): void; reject(e: Error): void } | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (m: Message) => waiting?.resolve(m));
  child.once('exit', (code) => waiting?.reject(new Error(`the load runner exited (code ${code})`)));
  const next = () =>
    new Promise<Message>((resolve, reject) => {
      waiting = { resolve, reject };
    });
  const ready = await next();
  if (ready.type !== 'ready') throw new Error('the load runner did not start');
  return {
    run: async (job) => {
      const answer = next();
      child.send({ type: 'run', job });
      const m = await answer;
      if (m.type === 'error') throw new Error(`autocannon failed: ${m.message}`);
      if (m.type !== 'result') throw new Error('unexpected message from the load runner');
      const r = m.result;
      return {
        ...levelOf(job.connections, r.seconds, r.samples, {
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
          statusCodes: r.statusCodes,
        }),
        rejected: figuresOf(r.rejected, r.seconds),
        autocannon: r.autocannonLatency,
      };
    },
    close: async () => {
      if (child.connected) child.send({ type: 'exit' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** One request of the mix through the raw driver: its kind and the transaction's statements. */
export interface RawRequest {
  kind: string;
  /** The company whose transaction it runs in (as the app's request did). */
  tenantId: string;
  /** Taken in turn, as the HTTP side takes the paths. */
  steps: Step[][];
}

/**
 * `concurrency` callers in this process, each sending the mix in turn through `raw` (one RLS
 * transaction per request) for `seconds`, as autocannon's connections do over HTTP.
 */
export async function runRaw(
  raw: RawDriver,
  mix: RawRequest[],
  concurrency: number,
  seconds: number,
): Promise<LevelResult> {
  const samples: Record<string, number[]> = Object.fromEntries(mix.map((r) => [r.kind, []]));
  const turns = mix.map(() => 0);
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  // caller k starts at the k-th request of the mix, as autocannon's connection k does (load-runner.ts)
  const caller = async (_: unknown, k: number) => {
    for (let i = k % mix.length; performance.now() < deadline; i = (i + 1) % mix.length) {
      const request = mix[i]!;
      const steps = request.steps[turns[i]!++ % request.steps.length]!;
      const t0 = performance.now();
      try {
        await raw.transaction(request.tenantId, steps);
        samples[request.kind]!.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  const elapsed = (performance.now() - started) / 1000;
  return {
    ...levelOf(concurrency, elapsed, samples, { errors, timeouts: 0, non2xx: 0, statusCodes: {} }),
    ...(firstError ? { firstError } : {}),
  };
}

/**
 * The HTTP floor for the mix: a bare `node:http` server in this process that answers `GET /<i>`
 * by running the i-th request of the raw mix (its captured statements, in turn) through the raw
 * driver and writing the last statement's rows with JSON.stringify — no framework, session, ORM
 * or schema. Driven by the same autocannon runner at the same concurrency, it is the least any
 * HTTP server costs here for these transactions: app ÷ floor is what the app adds, floor ÷ raw
 * what HTTP itself (parsing on both sides, the loopback, one event loop) costs.
 */
export async function startMixFloor(raw: RawDriver, mix: RawRequest[]) {
  const turns = mix.map(() => 0);
  const server = await serveRows((path) => {
    const i = Number(path.slice(1));
    const entry = mix[i];
    if (!entry) return undefined;
    const steps = entry.steps[turns[i]!++ % entry.steps.length]!;
    return raw.transaction(entry.tenantId, steps).then((results) => results[results.length - 1] ?? []);
  });
  return {
    url: server.url,
    /** The mix as autocannon sends it: the i-th request of the raw mix at `/<i>`. */
    requests: mix.map((m, i): MixRequest => ({ kind: m.kind, paths: [`/${i}`], headers: {} })),
    close: server.close,
  };
}
