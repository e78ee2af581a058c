/**
 * The load generator of the `load` benchmark, in a process of its own (forked by
 * `load-drive.ts`), so that it shares neither the server's nor the harness's event loop.
 *
 * Each job arrives over IPC: a base URL, the connection count, a duration and the mix — a list of
 * requests every connection sends in turn (autocannon's `requests`), some rotating through several
 * paths (detail pages of sampled ids). It answers with autocannon's own figures and, per kind of
 * request, every 2xx response's latency (the others' latencies together): with one request in flight per connection the responses come
 * back in order, and autocannon calls a request's `onResponse` synchronously right before the
 * client's `response` event (with the latency) for the same response. Connection k starts at the
 * k-th request of the mix (as the raw side's caller k does).
 */
import autocannon from 'autocannon';
import type { LoadJob, LoadJobResult } from './load-drive.js';

let lastKind = '';

/** The part of autocannon's per-connection request iterator used here (not in its types). */
interface RequestIterator {
  requests: unknown[];
  setRequests(requests: unknown[]): void;
}

function run(job: LoadJob): Promise<LoadJobResult> {
  let clients = 0;
  const samples: Record<string, number[]> = {};
  const rejected: number[] = [];
  const non2xxByKind: Record<string, number> = {};
  for (const r of job.requests) {
    samples[r.kind] = [];
    non2xxByKind[r.kind] = 0;
  }
  const requests = job.requests.map((r) => {
    let next = 0;
    const paths = r.paths;
    return {
      method: 'GET' as const,
      path: paths[0]!,
      headers: r.headers,
      ...(paths.length > 1
        ? {
            setupRequest: (request: autocannon.Request) => {
              request.path = paths[next++ % paths.length]!;
              return request;
            },
          }
        : {}),
      onResponse: (status: number) => {
        lastKind = r.kind;
        if (status < 200 || status > 299) non2xxByKind[r.kind] = (non2xxByKind[r.kind] ?? 0) + 1;
      },
    };
  });
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.seconds,
        timeout: job.timeoutSeconds,
        pipelining: 1,
        requests,
        setupClient: (client) => {
          // each connection starts at its own place in the mix, so that every kind is in flight
          // from the first second (autocannon starts every connection at the first request)
          const iterator = (client as unknown as { requestIterator: RequestIterator }).requestIterator;
          const all = iterator.requests;
          const k = clients++ % all.length;
          iterator.setRequests([...all.slice(k), ...all.slice(0, k)]);
          client.on('response', (status: number, _bytes: number, ms: number) => {
            if (status >= 200 && status <= 299) samples[lastKind]?.push(ms);
            else rejected.push(ms);
          });
        },
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          connections: job.connections,
          seconds: result.duration,
          total: result.requests.total,
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          statusCodes: Object.fromEntries(
            Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s?.count ?? 0]),
          ),
          autocannonLatency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
          samples,
          rejected,
          non2xxByKind,
        });
      },
    );
    instance.on('error', reject);
  });
}

process.on('message', (message: { type: 'run'; job: LoadJob } | { type: 'exit' }) => {
  if (message.type === 'exit') {
    process.disconnect?.();
    return;
  }
  run(message.job).then(
    (result) => process.send?.({ type: 'result', result }),
    (error: unknown) =>
      process.send?.({ type: 'error', message: error instanceof Error ? error.stack : String(error) }),
  );
});
process.send?.({ type: 'ready' });
