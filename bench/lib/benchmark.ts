/**
 * What a benchmark module provides to the runner (`bench/run.ts`): its knobs, a run per database,
 * and a printed report over all databases. Each database run opens its own throwaway target.
 */
import type { TargetSpec } from './databases.js';

export interface Benchmark<R> {
  /** As typed on the command line: `npm run bench -- <name>`. */
  name: string;
  /** One line: what is measured. */
  title: string;
  /** The knobs in effect (from the environment), written to the results file. */
  settings: Record<string, number | string>;
  /** Measures one database; the result goes to the results file as is. */
  run(spec: TargetSpec): Promise<R>;
  /** The printed report over every database measured. */
  report(results: R[]): string;
}

/** A benchmark with its result type closed over, so the runner can hold several in one list. */
export interface RunnableBenchmark {
  name: string;
  title: string;
  settings: Record<string, number | string>;
  run(targets: TargetSpec[]): Promise<{ databases: unknown[]; text: string }>;
}

export function runnable<R>(benchmark: Benchmark<R>): RunnableBenchmark {
  return {
    name: benchmark.name,
    title: benchmark.title,
    settings: benchmark.settings,
    run: async (targets) => {
      const results: R[] = [];
      for (const spec of targets) results.push(await benchmark.run(spec));
      return { databases: results, text: benchmark.report(results) };
    },
  };
}
