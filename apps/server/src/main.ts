import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { unsafeRekeyErasedEmailHashes } from './modules/alumni/index.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { type Database, openDatabase } from './platform/db/database.js';
import { DataDirLockedError, lockDataDir } from './platform/db/lock.js';
import { startMaintenance } from './platform/db/maintenance.js';
import { demoSignInLines, demoSignIns, presentDemoSignIns, seedDemo } from './seed/demo.js';

/** How long a stop may take (requests in flight, the database closing) before the process exits anyway. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * Process entry: config → lock → database (migrated, seeded once) → app → listen.
 * SIGINT and SIGTERM stop it at any point: during start-up the step under way finishes first; then
 * the app and the database are closed, the data folder's lock is released and the process exits.
 */
async function main() {
  const config = loadConfig();
  const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  let db: Database | undefined;
  let app: FastifyInstance | undefined;
  let maintenance: { stop: () => Promise<void> } | undefined;
  let stopping = false;

  const start = async () => {
    const opened = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pgdata`,
    });
    db = opened;
    // Demo data only outside production, and only into an empty database (KIZUNA_SEED=0 skips it).
    const wantsDemo = config.env !== 'production' && process.env.KIZUNA_SEED !== '0';
    const seeded = await opened.withMigrationLock(async () => {
      await opened.migrate();
      // erased addresses' hashes stored before they were keyed with the secret (alumni/erasure.ts)
      await unsafeRekeyErasedEmailHashes(opened, config.secret);
      return wantsDemo ? seedDemo(opened) : false;
    });
    const signIns = await presentDemoSignIns(opened);
    if (stopping) return;
    app = await buildApp({ config, db: opened });
    if (stopping) return;
    // PGlite runs no autovacuum: the process keeps the planner's statistics itself
    maintenance = startMaintenance(opened, {
      onRun: (run) => app?.log.info({ tables: run.tables }, 'tables vacuumed and analyzed'),
      onError: (error) => app?.log.warn({ err: error }, 'table maintenance failed'),
    });
    await app.listen({ host: config.host, port: config.port });
    const where = config.databaseUrl
      ? 'PostgreSQL (DATABASE_URL)'
      : `embedded PostgreSQL in ${config.dataDir}`;
    console.log(`\nKizuna is running at ${config.baseUrl}  (${where})`);
    if (seeded) console.log('Demo data was added on this first start.');
    // on every start while the demo accounts are there, not only on the one that added them
    if (signIns.length > 0) {
      console.log('Demo sign-ins (password for all: %s):', demoSignIns.password);
      for (const line of demoSignInLines(signIns)) console.log(line);
    }
    console.log(
      `Mail: ${config.smtpUrl ? 'SMTP' : 'kept in the database — read it under 送信メール / Outgoing mail'}\n`,
    );
  };

  const closeAll = async () => {
    await maintenance?.stop().catch(() => {});
    await app?.close().catch(() => {});
    await db?.close().catch(() => {});
    release();
  };

  const started = start();
  const stop = async (signal: NodeJS.Signals) => {
    // Ctrl-C reaches this process twice (from the terminal and forwarded by npm): stop once
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(`Kizuna did not stop within ${STOP_TIMEOUT_MS / 1000} s: exiting anyway.`);
      release();
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    const failed = await started.then(
      () => false,
      () => true,
    );
    app?.log.info({ signal }, 'shutting down');
    await closeAll();
    process.exit(failed ? 1 : 0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await started;
  } catch (e) {
    if (stopping) {
      console.error(e); // stop() closes what was opened and exits
      return;
    }
    await closeAll();
    throw e;
  }
}

main().catch((e) => {
  if (e instanceof DataDirLockedError || e instanceof ConfigError) {
    console.error(`Kizuna cannot start: ${e.message}`);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
