import {
  columnMappingSchema,
  emailSchema,
  errorMessages,
  fieldMessages,
  importFieldNames,
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
import { type Config, ConfigError, loadConfig } from '../platform/config.js';
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
  fn: (db: Database, m: Awaited<ReturnType<typeof load>>, config: Config) => Promise<T>,
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
    await db.withMigrationLock(async () => {
      await db.migrate();
      await m.unsafeRekeyErasedEmailHashes(db, config.secret); // values from before the key (erasure.ts)
    });
    return await fn(db, m, config);
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
      const { demoSignInLines, demoSignIns } = await load();
      console.log(`Demo data added. Password for all: ${demoSignIns.password}`);
      for (const line of demoSignInLines(demoSignIns.users)) console.log(line);
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
  program
    .command('import')
    .description('import records from a file')
    .command('alumni')
    .description(
      'import leaver records from CSV (UTF-8 or CP932 as Excel saves it): checks every row, then applies all rows or none',
    )
    .argument('<file>', 'the CSV file')
    .requiredOption('--tenant <slug>', 'the company')
    .addOption(
      new Option('--encoding <encoding>', 'file encoding').choices(['auto', 'utf8', 'cp932']).default('auto'),
    )
    .option('--mapping <file>', 'JSON file: CSV header → field (headers not named use the presets)')
    .option('--dry-run', 'check and report only; change nothing')
    .option('--skip-invalid', 'apply the valid rows even when some are rejected')
    .action(
      async (
        file: string,
        opts: {
          tenant: string;
          encoding: 'auto' | 'utf8' | 'cp932';
          mapping?: string;
          dryRun?: boolean;
          skipInvalid?: boolean;
        },
      ) => {
        const { readFileSync } = await import('node:fs');
        const { basename } = await import('node:path');
        const bytes = readOrFail(readFileSync, file);
        let mapping: z.output<typeof columnMappingSchema> | undefined;
        if (opts.mapping) {
          const text = readOrFail(readFileSync, opts.mapping).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            throw new CliError(`--mapping: ${opts.mapping} is not JSON`);
          }
          const parsed = columnMappingSchema.safeParse(json);
          if (!parsed.success)
            throw new CliError(
              `--mapping: ${opts.mapping} must be an object of CSV header → field, with fields from: ${importFieldNames.join(', ')}`,
            );
          mapping = parsed.data;
        }
        const outcome = await withDatabase(async (db, m, config) => {
          const company = await db.withoutTenant((tx) => m.findTenantBySlug(tx, opts.tenant));
          if (!company)
            throw new CliError(`No company with the slug "${opts.tenant}" (see: kizuna tenant list)`);
          const result = await db.withTenant(company.id, async (tx) => {
            process.stderr.write(`Checking ${basename(file)}…\n`);
            const plan = await m.planImport(tx, company.id, bytes, {
              encoding: opts.encoding,
              ...(mapping ? { mapping } : {}),
              locale,
              secret: config.secret,
              lockRows: !opts.dryRun,
            });
            for (const p of plan.problems.slice(0, 50))
              console.error(`  row ${p.row}${p.column ? ` [${p.column}]` : ''}: ${p.message}`);
            if (plan.problems.length > 50)
              console.error(`  … and ${plan.problems.length - 50} more problems`);
            for (const k of plan.skipped.slice(0, 20))
              console.error(`  row ${k.row}: skipped — ${k.message}`);
            if (plan.skipped.length > 20) console.error(`  … and ${plan.skipped.length - 20} more skipped`);
            if (opts.dryRun) return { plan, summary: plan.summary, applied: false };
            if (plan.summary.rejected > 0 && !opts.skipInvalid)
              return { plan, summary: plan.summary, applied: false };
            const summary = await m.applyImport(tx, company.id, { userId: null, name: 'cli' }, plan, {
              skipInvalid: !!opts.skipInvalid,
              fileName: basename(file),
              onProgress: (done, total) => progress(done, total),
            });
            return { plan, summary, applied: true };
          });
          // as the server does after an import: the next search is planned for the table as it is
          if (result.applied)
            await m.maintainAfterBulkWrite(db, {
              info: () => {},
              warn: (_o, message) => console.error(message),
            });
          return result;
        });
        const s = outcome.summary;
        console.log(
          `${outcome.applied ? 'Applied' : 'Not applied'} (${outcome.plan.encoding}, ${outcome.plan.rows} rows): ` +
            `created ${s.create}, updated ${s.update}, unchanged ${s.unchanged}, rejected ${s.rejected}` +
            (outcome.plan.skipped.length
              ? ` (${outcome.plan.skipped.length} of the unchanged skipped: anonymized at their request)`
              : ''),
        );
        if (!outcome.applied)
          throw new CliError(
            opts.dryRun
              ? 'dry run: nothing was changed'
              : 'rejected rows: nothing was changed (fix them, or use --skip-invalid)',
          );
      },
    );

  program
    .command('export')
    .description('export records to a file')
    .command('alumni')
    .description('export leaver records as CSV (UTF-8 with BOM, or CP932 for older Excel)')
    .requiredOption('--tenant <slug>', 'the company')
    .addOption(
      new Option('--encoding <encoding>', 'file encoding').choices(['utf8', 'cp932']).default('utf8'),
    )
    .option('--out <file>', 'write to this file (default: standard output)')
    .action(async (opts: { tenant: string; encoding: 'utf8' | 'cp932'; out?: string }) => {
      const { csv, count } = await withDatabase(async (db, m) => {
        const company = await db.withoutTenant((tx) => m.findTenantBySlug(tx, opts.tenant));
        if (!company)
          throw new CliError(`No company with the slug "${opts.tenant}" (see: kizuna tenant list)`);
        return db.withTenant(company.id, (tx) =>
          m.exportAlumni(
            tx,
            company.id,
            { userId: null, name: 'cli' },
            {},
            { encoding: opts.encoding, locale },
          ),
        );
      });
      if (opts.out) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(opts.out, csv);
        console.error(`Exported ${count} alumni to ${opts.out}`);
      } else process.stdout.write(csv);
    });
  return program;
}

function readOrFail(read: (path: string) => Buffer, path: string): Buffer {
  try {
    return read(path);
  } catch {
    throw new CliError(`Cannot read ${path}`);
  }
}

/** A progress bar on stderr while applying (only on a terminal). */
function progress(done: number, total: number) {
  if (!process.stderr.isTTY || total === 0) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`,
  );
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
