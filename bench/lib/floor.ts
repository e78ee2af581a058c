/**
 * The HTTP floor: the least any HTTP endpoint can cost on this machine for a given transaction. A
 * bare `node:http` server in the benchmark's process that runs the raw driver's transaction and
 * writes its rows with JSON.stringify — no framework, session, ORM, validation or headers beyond
 * the needed ones — reached with the same client (fetch, keep-alive) as the app.
 *
 * The app's HTTP time against the floor is what the app itself adds; the floor against raw is what
 * HTTP (both sides' parsing, the loopback, the event loop) costs before any app code runs.
 */
import { createServer } from 'node:http';

export interface FloorServer {
  /** What the next requests answer: the rows of one raw transaction. */
  answer(work: () => Promise<unknown>): void;
  /** One request, as the benchmarks time it: fetched and parsed like the app's answers. */
  get(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * A bare `node:http` server on loopback answering each request with the rows `work(path)`
 * resolves to, written with JSON.stringify (404 when `work` answers undefined, 500 on an error).
 */
export async function serveRows(work: (path: string) => Promise<unknown> | undefined) {
  const server = createServer((request, response) => {
    const rows = work(request.url ?? '/');
    if (!rows) {
      response.writeHead(404).end();
      return;
    }
    rows.then(
      (value) => {
        const body = JSON.stringify(value);
        response.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
        });
        response.end(body);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startFloorServer(): Promise<FloorServer> {
  let work: () => Promise<unknown> = async () => null;
  const server = await serveRows(() => work());
  const url = `${server.url}/`;
  return {
    answer: (next) => {
      work = next;
    },
    get: async () => {
      const response = await fetch(url);
      if (response.status !== 200) throw new Error(`floor: ${response.status} ${await response.text()}`);
      return response.json();
    },
    close: server.close,
  };
}
