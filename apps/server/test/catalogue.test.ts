import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE } from '../src/platform/db/tenancy.js';
import { createTestContext, type TestContext } from './helpers.js';

// The migrated database's own catalogue, read on PGlite and on PostgreSQL alike: which tables row-level
// security guards, and what the application role (every request's role) may do to each table.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const UPDATE_HINT =
  'The application role’s grants or the tables’ row-level security changed. If that is intended, ' +
  'update the snapshot with `npx vitest run apps/server/test/catalogue.test.ts -u` and review ' +
  'apps/server/test/__snapshots__/grants.txt in the diff (say why in the commit).';

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await ctx.db.unsafeOwner.execute(query)) as unknown as { rows: T[] }).rows;
}

interface TableRow {
  name: string;
  rls: boolean;
  forced: boolean;
  tenant: boolean;
  policies: string | null;
  appPolicies: number;
}

/** Every ordinary table outside the system schemas (schema-qualified unless public). */
const tables = () =>
  rows<TableRow>(sql`
    select case when n.nspname = 'public' then c.relname else n.nspname || '.' || c.relname end as name,
      c.relrowsecurity as rls, c.relforcerowsecurity as forced,
      exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id'
        and not a.attisdropped) as tenant,
      (select string_agg(p.polname || ' (' || case p.polcmd when '*' then 'all' when 'r' then 'select'
          when 'a' then 'insert' when 'w' then 'update' when 'd' then 'delete' end || ')', ', '
          order by p.polname, p.polcmd) from pg_policy p where p.polrelid = c.oid) as policies,
      (select count(*)::int from pg_policy p where p.polrelid = c.oid
        and (select oid from pg_roles where rolname = ${APP_ROLE}) = any(p.polroles)) as "appPolicies"
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
      and n.nspname not like 'pg_toast%'
    order by 1`);

/** The application role's (and PUBLIC's) privileges per table, then per column where granted by column. */
async function grants() {
  const app = sql`(select oid from pg_roles where rolname = ${APP_ROLE})`;
  const onTables = await rows<{ name: string; grantee: string; privileges: string }>(sql`
    select case when n.nspname = 'public' then c.relname else n.nspname || '.' || c.relname end as name,
      case when g.grantee = 0 then 'PUBLIC' else ${APP_ROLE} end as grantee,
      string_agg(g.privilege_type, ', ' order by g.privilege_type) as privileges
    from pg_class c join pg_namespace n on n.oid = c.relnamespace, aclexplode(c.relacl) g
    where c.relkind in ('r', 'p', 'v', 'm', 'S') and n.nspname not in ('pg_catalog', 'information_schema')
      and (g.grantee = ${app} or g.grantee = 0)
    group by 1, 2 order by 1, 2`);
  const onColumns = await rows<{ name: string; privileges: string }>(sql`
    select c.relname || '.' || a.attname as name,
      string_agg(g.privilege_type, ', ' order by g.privilege_type) as privileges
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace,
      aclexplode(a.attacl) g
    where n.nspname not in ('pg_catalog', 'information_schema') and a.attacl is not null
      and (g.grantee = ${app} or g.grantee = 0)
    group by 1 order by 1`);
  const functions = await rows<{ name: string }>(sql`
    select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as name
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace, aclexplode(p.proacl) g
    where n.nspname not in ('pg_catalog', 'information_schema') and g.grantee = ${app}
      and g.privilege_type = 'EXECUTE'
      and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid
        and d.deptype = 'e')
    order by 1`);
  return { onTables, onColumns, functions };
}

const pad = (s: string) => s.padEnd(30);

describe('the migrated database’s catalogue', () => {
  it('guards every table with a tenant_id by row-level security with a policy for the application role', async () => {
    const all = await tables();
    expect(all.length).toBeGreaterThan(10);
    const unguarded = all
      .filter((t) => t.tenant && (!t.rls || t.appPolicies === 0))
      .map((t) => `${t.name}: ${t.rls ? 'no policy for kizuna_app' : 'row-level security off'}`);
    expect(unguarded, 'every table with tenant_id needs ENABLE ROW LEVEL SECURITY and a policy').toEqual([]);
    // the project forces row-level security nowhere (the owner connection must bypass it by design);
    // a table that starts forcing it shows up here and in the snapshot
    expect(all.filter((t) => t.forced).map((t) => t.name)).toEqual([]);
  });

  it('matches the committed snapshot of row-level security and the application role’s grants', async () => {
    const all = await tables();
    const { onTables, onColumns, functions } = await grants();
    const line = (t: TableRow) =>
      `${pad(t.name)} ${t.rls ? (t.forced ? 'rls forced' : 'rls on    ') : 'rls off   '} ${t.policies ?? 'no policy'}`;
    const text = [
      '# The migrated database as catalogue.test.ts reads it (PGlite and PostgreSQL give the same).',
      '# Review every change: a new grant widens what any request’s transaction may do.',
      '# Update: npx vitest run apps/server/test/catalogue.test.ts -u',
      '',
      '## Tables with tenant_id: row-level security and policies',
      ...all.filter((t) => t.tenant).map(line),
      '',
      '## Tables without tenant_id, with row-level security',
      ...all.filter((t) => !t.tenant && t.rls).map(line),
      '',
      '## Tables without tenant_id and without row-level security (each one on purpose)',
      ...all.filter((t) => !t.tenant && !t.rls).map(line),
      '',
      `## Privileges of ${APP_ROLE} (and PUBLIC) per table; a table not listed grants nothing`,
      ...onTables.map((g) => `${pad(g.name)} ${g.grantee === 'PUBLIC' ? 'PUBLIC: ' : ''}${g.privileges}`),
      ...all.filter((t) => !onTables.some((g) => g.name === t.name)).map((t) => `${pad(t.name)} (nothing)`),
      '',
      `## Column privileges of ${APP_ROLE} (and PUBLIC)`,
      ...(onColumns.length ? onColumns.map((c) => `${pad(c.name)} ${c.privileges}`) : ['(none)']),
      '',
      `## Functions ${APP_ROLE} may execute (outside extensions)`,
      ...(functions.length ? functions.map((f) => f.name) : ['(none)']),
      '',
    ].join('\n');
    await expect(text, UPDATE_HINT).toMatchFileSnapshot('./__snapshots__/grants.txt');
  });
});
