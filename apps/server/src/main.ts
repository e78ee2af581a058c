import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { type Database, openDatabase } from './platform/db/database.js';
import { DataDirLockedError, lockDataDir } from './platform/db/lock.js';
import { demoSignIns, seedDemo } from './seed/demo.js';

/** Process entry: config → database (locked, migrated, seeded once) → app → listen. */
async function main() {
  const config = loadConfig();
  let release = () => {};
  if (!config.databaseUrl) release = lockDataDir(config.dataDir);
  let db: Database | undefined;
  try {
    const opened = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pgdata`,
    });
    db = opened;
    // Demo data only outside production, and only into an empty database (KIZUNA_SEED=0 skips it).
    const wantsDemo = config.env !== 'production' && process.env.KIZUNA_SEED !== '0';
    const seeded = await opened.withMigrationLock(async () => {
      await opened.migrate();
      return wantsDemo ? seedDemo(opened) : false;
    });
    const app = await buildApp({ config, db: opened });
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      await app.close().catch(() => {});
      await db?.close().catch(() => {});
      release();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ host: config.host, port: config.port });
    const where = config.databaseUrl
      ? 'PostgreSQL (DATABASE_URL)'
      : `embedded PostgreSQL in ${config.dataDir}`;
    console.log(`\nKizuna is running at ${config.baseUrl}  (${where})`);
    if (seeded) console.log('Demo data was added on this first start.');
    if (seeded) {
      console.log('Demo sign-ins (password for all: %s):', demoSignIns.password);
      for (const s of demoSignIns.users) console.log(`  ${s.label.padEnd(34)} ${s.email}`);
    }
    console.log(
      `Mail: ${config.smtpUrl ? 'SMTP' : 'kept in the database — read it under 送信メール / Outgoing mail'}\n`,
    );
  } catch (e) {
    await db?.close().catch(() => {});
    release();
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
