import {
  emailSchema,
  errorMessages,
  fieldMessages,
  type Locale,
  operatorRoles,
  passwordSchema,
  personNameSchema,
  roles,
  slugSchema,
  tenantNameSchema,
  type tenantRoles,
} from '@kizuna/contract';
import { Command, CommanderError, Option } from 'commander';
import type { z } from 'zod';
import { ConfigError, loadConfig } from '../platform/config.js';
import type { Database } from '../platform/db/database.js';
import { DataDirLockedError, lockDataDir } from '../platform/db/lock.js';
import { AppError } from '../platform/errors.js';

/** Exit codes: 0 done, 1 bad input or refused, 2 cannot reach the database or bad configuration. */
export const EXIT = { ok: 0, input: 1, environment: 2 } as const;

const locale: Locale = /^ja/i.test(process.env.KIZUNA_LANG ?? process.env.LANG ?? '') ? 'ja' : 'en';

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.input,
  ) {
    super(message);
  }
}

/** Validates one option with the contract's schema; the message is the UI's message. */
function valid<T extends z.ZodType>(schema: T, value: unknown, option: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.message as keyof typeof fieldMessages;
  const text = fieldMessages[key]?.[locale] ?? fieldMessages.invalid_value[locale];
  const min = issue && 'minimum' in issue ? String(issue.minimum) : '';
  const max = issue && 'maximum' in issue ? String(issue.maximum) : '';
  throw new CliError(`${option}: ${text.replace('{{min}}', min).replace('{{max}}', max)}`);
}

/** The database modules, loaded only by commands that need them (help stays instant). */
const load = () => import('./database-commands.js');

async function withDatabase<T>(
  fn: (db: Database, m: Awaited<ReturnType<typeof load>>) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  const m = await load();
  const db = await m.openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pgdata`,
    poolSize: 2,
  });
  try {
    await db.withMigrationLock(() => db.migrate());
    return await fn(db, m);
  } finally {
    await db.close();
    release();
  }
}

function print(json: boolean, value: unknown, text: string) {
  console.log(json ? JSON.stringify(value, null, 2) : text);
}

export function buildCli() {
  const program = new Command('kizuna')
    .description(
      'Kizuna (絆) administration: database, companies and users.\nUses DATABASE_URL when set, else the embedded database in KIZUNA_DATA_DIR (default .kizuna).',
    )
    .showHelpAfterError()
    .exitOverride();

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      await withDatabase(async () => {});
      console.log('Migrations applied.');
    });

  program
    .command('seed')
    .description('add demo data (an operator, two companies, staff of each role, a few alumni)')
    .requiredOption('--demo', 'the demo data set (the only one so far)')
    .action(async () => {
      const seeded = await withDatabase((db, m) => m.seedDemo(db));
      if (!seeded) {
        console.log('Companies already exist: demo data was not added.');
        return;
      }
      const { demoSignIns } = await load();
      console.log(`Demo data added. Password for all: ${demoSignIns.password}`);
      for (const u of demoSignIns.users) console.log(`  ${u.label.padEnd(34)} ${u.email}`);
    });

  const tenant = program.command('tenant').description('manage companies (tenants)');
  tenant
    .command('create')
    .description('create a company')
    .requiredOption('--name <name>', 'company name, e.g. 株式会社さくら商事')
    .requiredOption('--slug <slug>', 'short id: lowercase letters, digits, hyphens')
    .addOption(
      new Option('--model <model>', 'operating model')
        .choices(['broadcast', 'community'])
        .default('broadcast'),
    )
    .option('--json', 'print JSON')
    .action(
      async (opts: { name: string; slug: string; model: 'broadcast' | 'community'; json?: boolean }) => {
        const input = {
          name: valid(tenantNameSchema, opts.name, '--name'),
          slug: valid(slugSchema, opts.slug, '--slug'),
          operatingModel: opts.model,
        };
        const created = await withDatabase((db, m) =>
          m.createTenant(db, { userId: null, name: 'cli' }, input),
        );
        print(!!opts.json, created, `Created ${created.name} (${created.slug}) ${created.id}`);
      },
    );

  tenant
    .command('list')
    .description('list companies')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const rows = await withDatabase((db, m) => m.listTenants(db));
      if (opts.json) return print(true, rows, '');
      if (rows.length === 0) return console.log('No companies yet.');
      for (const t of rows)
        console.log(
          `${t.slug.padEnd(20)} ${t.status.padEnd(10)} ${t.operatingModel.padEnd(10)} ${String(t.memberCount).padStart(5)}  ${t.name}`,
        );
    });

  const user = program.command('user').description('manage users');
  user
    .command('create')
    .description('create a user with a role (operator roles need no --tenant; company roles do)')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .addOption(new Option('--role <role>', 'role').choices([...roles]).makeOptionMandatory())
    .option('--tenant <slug>', 'the company, for company roles')
    .option('--name <name>', 'display name (default: the part of the e-mail before @)')
    .option(
      '--password <password>',
      'password (10+ characters); without one, the user signs in by magic link',
    )
    .option('--json', 'print JSON')
    .action(
      async (opts: {
        email: string;
        role: (typeof roles)[number];
        tenant?: string;
        name?: string;
        password?: string;
        json?: boolean;
      }) => {
        const email = valid(emailSchema, opts.email, '--email');
        const name = valid(personNameSchema, opts.name ?? email.split('@')[0], '--name');
        const password =
          opts.password === undefined ? undefined : valid(passwordSchema, opts.password, '--password');
        const isOperatorRole = (operatorRoles as readonly string[]).includes(opts.role);
        if (!isOperatorRole && !opts.tenant)
          throw new CliError(`--tenant is required for the role ${opts.role}`);
        if (isOperatorRole && opts.tenant)
          throw new CliError(`--tenant does not apply to the operator role ${opts.role}`);
        const created = await withDatabase(async (db, m) => {
          const company = opts.tenant
            ? await db.withoutTenant((tx) => m.findTenantBySlug(tx, opts.tenant!))
            : null;
          if (opts.tenant && !company)
            throw new CliError(`No company with the slug "${opts.tenant}" (see: kizuna tenant list)`);
          if (await m.findUserByEmail(db.unsafeOwner, email))
            throw new CliError(`A user with the e-mail ${email} already exists`);
          const u = await m.createUserWithRole(db, {
            email,
            name,
            password,
            ...(isOperatorRole
              ? { operatorRole: opts.role as (typeof operatorRoles)[number] }
              : { tenantId: company!.id, role: opts.role as (typeof tenantRoles)[number] }),
          });
          return { ...u, role: opts.role, tenant: company?.slug ?? null };
        });
        print(
          !!opts.json,
          created,
          `Created ${created.email} (${created.role}${created.tenant ? ` at ${created.tenant}` : ''})`,
        );
      },
    );
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are successes; commander already printed the usage error
      return e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
        ? EXIT.ok
        : EXIT.input;
    }
    if (e instanceof CliError) {
      console.error(`Error: ${e.message}`);
      return e.exitCode;
    }
    if (e instanceof AppError) {
      console.error(`Error: ${errorMessages[e.code][locale]}`);
      return EXIT.input;
    }
    if (e instanceof DataDirLockedError || e instanceof ConfigError) {
      console.error(`Error: ${e.message}`);
      return EXIT.environment;
    }
    const cause = (e as Error & { cause?: Error }).cause;
    console.error(`Error: ${(e as Error).message}${cause?.message ? `\n  cause: ${cause.message}` : ''}`);
    return EXIT.environment;
  }
}
