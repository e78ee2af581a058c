import { randomUUID } from 'node:crypto';
import type { CreateTenant, UpdateTenant } from '@kizuna/contract';
import { asc, count, eq, inArray } from 'drizzle-orm';
import { type Database, type Db, enterTenantScope, type Tx } from '../../platform/db/database.js';
import { AppError, isUniqueViolation } from '../../platform/errors.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import { tenants } from './tables.js';

export type TenantRow = typeof tenants.$inferSelect;

/**
 * Member counts per company, crossing tenants by design (operator view). Memberships belong to
 * identity, which builds on tenants, so the count is handed in by the composition root (app.ts).
 */
export type CountMembers = (owner: Db, tenantIds: string[]) => Promise<Map<string, number>>;

/** The company's display name, for mail and pages (in its own scope, the company always exists). */
export async function tenantName(tx: Tx | Db, tenantId: string): Promise<string> {
  const [row] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  if (!row) throw new AppError('not_found');
  return row.name;
}

/** How many companies there are (the demo seed runs on an empty installation only). */
export async function unsafeCountTenants(db: Database) {
  const [row] = await db.unsafeOwner.select({ n: count() }).from(tenants);
  return row?.n ?? 0;
}

/** One company's row by id (name, slug, status, model); null when there is none. */
export async function tenantById(tx: Tx | Db, tenantId: string): Promise<TenantRow | null> {
  const [row] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
  return row ?? null;
}

/** Several companies' rows at once (a person's memberships). */
export async function tenantsByIds(tx: Tx | Db, tenantIds: string[]): Promise<TenantRow[]> {
  const ids = [...new Set(tenantIds)];
  if (ids.length === 0) return [];
  return tx.select().from(tenants).where(inArray(tenants.id, ids));
}

/** Display names of several companies at once (operator lists). */
export async function tenantNames(tx: Tx | Db, tenantIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(tenantIds)];
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: tenants.id, name: tenants.name })
    .from(tenants)
    .where(inArray(tenants.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function present(row: TenantRow, memberCount: number) {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    status: row.status,
    operatingModel: row.operatingModel,
    memberCount,
    createdAt: row.createdAt.toISOString(),
  };
}

// These read outside any transaction: on PGlite (one connection) the owner connection must
// never be used while a transaction is open, or it waits for itself.
export async function listTenants(db: Database, unsafeCountMembers: CountMembers) {
  const rows = await db.withoutTenant((tx) => tx.select().from(tenants).orderBy(asc(tenants.name)));
  const counts = await unsafeCountMembers(
    db.unsafeOwner,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, counts.get(r.id) ?? 0));
}

export async function getTenant(db: Database, unsafeCountMembers: CountMembers, tenantId: string) {
  const [row] = await db.withoutTenant((tx) => tx.select().from(tenants).where(eq(tenants.id, tenantId)));
  if (!row) throw new AppError('not_found');
  const counts = await unsafeCountMembers(db.unsafeOwner, [row.id]);
  return present(row, counts.get(row.id) ?? 0);
}

export async function findTenantBySlug(tx: Tx | Db, slug: string) {
  const [row] = await tx.select().from(tenants).where(eq(tenants.slug, slug));
  return row ?? null;
}

/**
 * Creates a company. The row is written in the operator context (the only one that may write
 * companies), the audit entry in the new company's own scope, so its admins see how it began.
 */
export async function createTenant(db: Database, actor: AuditActor | null, input: CreateTenant) {
  // the slug is checked across companies (the operator context sees them all; inside the new
  // company's scope only its own row exists), and the unique index settles a race between two
  if (await db.withoutTenant((tx) => findTenantBySlug(tx, input.slug))) throw slugTaken();
  const id = randomUUID();
  try {
    return await db.withoutTenant((tx) => insertTenant(tx, actor, input, id));
  } catch (error) {
    if (isUniqueViolation(error, 'tenants_slug_unique')) throw slugTaken();
    throw error;
  }
}

const slugTaken = () => new AppError('slug_taken', [{ path: 'body.slug', key: 'slug_taken' }]);

async function insertTenant(tx: Tx, actor: AuditActor | null, input: CreateTenant, id: string) {
  const [row] = await tx
    .insert(tenants)
    .values({ id, name: input.name, slug: input.slug, operatingModel: input.operatingModel })
    .returning();
  await enterTenantScope(tx, id);
  await recordAudit(tx, actor, {
    action: 'tenant.create',
    subjectType: 'tenant',
    subjectId: row!.id,
    detail: { name: input.name, slug: input.slug },
  });
  return present(row!, 0);
}

/**
 * Renames, suspends or reactivates: the row changes in the operator context (a company's own
 * transaction cannot lift its suspension), the audit entry goes to the company's log.
 */
export async function updateTenant(
  db: Database,
  actor: AuditActor | null,
  tenantId: string,
  input: UpdateTenant,
) {
  return db.withoutTenant((tx) => changeTenant(tx, actor, tenantId, input));
}

async function changeTenant(tx: Tx, actor: AuditActor | null, tenantId: string, input: UpdateTenant) {
  const [before] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for('update');
  if (!before) throw new AppError('not_found');
  const changes: Partial<TenantRow> = {};
  if (input.name !== undefined && input.name !== before.name) changes.name = input.name;
  if (input.status !== undefined && input.status !== before.status) changes.status = input.status;
  if (input.operatingModel !== undefined && input.operatingModel !== before.operatingModel)
    changes.operatingModel = input.operatingModel;
  if (Object.keys(changes).length > 0) {
    await tx
      .update(tenants)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(tenants.id, tenantId));
    await enterTenantScope(tx, tenantId);
    const action =
      changes.status === 'suspended'
        ? 'tenant.suspend'
        : changes.status === 'active'
          ? 'tenant.reactivate'
          : 'tenant.update';
    await recordAudit(tx, actor, {
      action,
      subjectType: 'tenant',
      subjectId: tenantId,
      detail: Object.fromEntries(
        Object.entries(changes).map(([k, v]) => [k, { from: before[k as keyof TenantRow], to: v }]),
      ),
    });
  }
}
