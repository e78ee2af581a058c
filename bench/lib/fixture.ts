/**
 * The data a run measures against: the demo companies and users (`seedDemo`), plus a realistic
 * volume of audit rows per company — a couple of years of activity with varied actions, actors,
 * subjects and details, interleaved in time across companies and appended in time order like a
 * real log. A fixed random seed makes every run insert the same shape of data.
 */
import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { auditLog } from '../../apps/server/src/modules/audit/tables.js';
import { authUser, memberships } from '../../apps/server/src/modules/identity/tables.js';
import { tenants } from '../../apps/server/src/modules/tenants/tables.js';
import type { Database } from '../../apps/server/src/platform/db/database.js';
import { seedDemo } from '../../apps/server/src/seed/demo.js';
import type { KeysetAfter } from './raw.js';

/** The demo companies that get audit rows; `sakura` is the one measured. */
export const COMPANIES = ['sakura', 'midori'] as const;
export type CompanySlug = (typeof COMPANIES)[number];

/** Rows per multi-row INSERT: 5,000 × 8 columns stays under PostgreSQL's 65,535 parameters. */
const INSERT_BATCH = 5000;
/** Audit history spans this many days back from now. */
const HISTORY_DAYS = 730;

/** mulberry32: a small deterministic generator, so every run inserts the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

/** What companies do, with a plausible detail for each (Japanese where users would type it). */
const EVENTS: { action: string; subjectType: string; detail: (rng: Rng) => Record<string, unknown> }[] = [
  {
    action: 'invitation.create',
    subjectType: 'invitation',
    detail: (rng) => ({
      email: `alumni${Math.floor(rng() * 10000)}@example.jp`,
      role: pick(rng, ['alumnus', 'employee']),
    }),
  },
  { action: 'invitation.accept', subjectType: 'invitation', detail: () => ({}) },
  {
    action: 'membership.role_change',
    subjectType: 'membership',
    detail: (rng) => ({ from: 'company_staff', to: pick(rng, ['company_admin', 'employee']) }),
  },
  {
    action: 'alumni.update',
    subjectType: 'alumnus',
    detail: (rng) => ({ fields: pick(rng, [['勤務先'], ['連絡先', '住所'], ['退職理由', '再入社希望']]) }),
  },
  {
    action: 'posting.publish',
    subjectType: 'posting',
    detail: (rng) => ({ title: pick(rng, ['営業職（中途）', 'エンジニア募集', '経理スタッフ']) }),
  },
  {
    action: 'mail.broadcast',
    subjectType: 'broadcast',
    detail: (rng) => ({ recipients: 50 + Math.floor(rng() * 2000), subject: '同窓会のお知らせ' }),
  },
  {
    action: 'interview.schedule',
    subjectType: 'interview',
    detail: (rng) => ({ at: new Date(Date.now() + rng() * 30 * 86_400_000).toISOString() }),
  },
  { action: 'tenant.update', subjectType: 'tenant', detail: () => ({ fields: ['name', 'operatingModel'] }) },
  {
    action: 'survey.close',
    subjectType: 'survey',
    detail: (rng) => ({ responses: Math.floor(rng() * 500) }),
  },
  { action: 'audit.export', subjectType: 'audit_log', detail: () => ({ format: 'csv' }) },
];

type AuditInsert = typeof auditLog.$inferInsert;

export interface Fixture {
  /** Demo company ids by slug. */
  tenantIds: Record<CompanySlug, string>;
  auditRowsInserted: number;
}

async function companyMembers(db: Database, tenantId: string) {
  return db.unsafeOwner
    .select({ userId: memberships.userId, name: authUser.name })
    .from(memberships)
    .innerJoin(authUser, eq(authUser.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId));
}

/** Migrates and seeds the demo data (companies sakura and midori, their users); returns their ids. */
export async function prepareDemo(db: Database): Promise<Record<CompanySlug, string>> {
  await db.migrate();
  await seedDemo(db);
  const tenantIds = {} as Record<CompanySlug, string>;
  for (const slug of COMPANIES) {
    const [tenant] = await db.unsafeOwner
      .select({ id: tenants.id })
      .from(tenants)
      .where(eq(tenants.slug, slug));
    if (!tenant) throw new Error(`demo company "${slug}" missing after seeding`);
    tenantIds[slug] = tenant.id;
  }
  return tenantIds;
}

/** Migrates, seeds the demo data, bulk-inserts `rowsPerCompany` audit rows per company, ANALYZEs. */
export async function prepareData(db: Database, rowsPerCompany: number): Promise<Fixture> {
  const tenantIds = await prepareDemo(db);
  const rng = random(20260401);
  const now = Date.now();
  const rows: AuditInsert[] = [];
  for (const slug of COMPANIES) {
    const members = await companyMembers(db, tenantIds[slug]);
    for (let i = 0; i < rowsPerCompany; i++) {
      const event = pick(rng, EVENTS);
      // one row in twenty is the system acting (a job, an import): no actor, no address
      const actor = rng() < 0.05 ? null : pick(rng, members);
      rows.push({
        tenantId: tenantIds[slug],
        actorUserId: actor?.userId ?? null,
        actorName: actor?.name ?? null,
        ip: actor ? `203.0.113.${Math.floor(rng() * 254) + 1}` : null,
        action: event.action,
        subjectType: event.subjectType,
        subjectId: randomUUID(),
        detail: event.detail(rng),
        createdAt: new Date(now - Math.floor(rng() * HISTORY_DAYS * 86_400_000)),
      });
    }
  }
  // appended in time order, like a live log: the heap follows created_at as it would in production
  rows.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());
  for (let i = 0; i < rows.length; i += INSERT_BATCH)
    await db.unsafeOwner.insert(auditLog).values(rows.slice(i, i + INSERT_BATCH));
  await db.unsafeOwner.execute(sql`analyze`);
  return { tenantIds, auditRowsInserted: rows.length };
}

/**
 * The `offset`-th newest row of a company (0-based) as a keyset position: the page after it starts
 * at row `offset + 1`, exactly where following `nextCursor` from the first page would arrive.
 */
export async function keysetAt(db: Database, tenantId: string, offset: number): Promise<KeysetAfter> {
  const [row] = await db.unsafeOwner
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(eq(auditLog.tenantId, tenantId))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .offset(offset)
    .limit(1);
  if (!row) throw new Error(`company ${tenantId} has no audit row at offset ${offset}`);
  return row;
}
