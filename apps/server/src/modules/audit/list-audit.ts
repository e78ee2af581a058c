import { and, desc, eq, gte, isNotNull, lt, type SQL } from 'drizzle-orm';
import type { Database, Db, Tx } from '../../platform/db/database.js';
import { olderThanCursor, pageResult } from '../../platform/http.js';
import { type AuditNames, isMembersOwnAct, nameEntries, nameEntriesAcrossTenants } from './names.js';
import { auditLog } from './tables.js';

/** What the log is narrowed to; days are calendar days in Japan (`2026-04-01`), both inclusive. */
export interface AuditLogFilter {
  action?: string | undefined;
  actorUserId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  tenantId?: string | undefined;
}

export interface AuditPageFilter extends AuditLogFilter {
  limit: number;
  cursor?: string | undefined;
}

const DAY_MS = 86_400_000;

/** The first instant of a day in Tokyo (UTC+9 all year: Japan has no summer time). */
export function tokyoDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+09:00`);
}

function conditions(filter: AuditLogFilter & { cursor?: string | undefined }): SQL[] {
  const where: SQL[] = [];
  const before = olderThanCursor(auditLog, filter.cursor);
  if (before) where.push(before);
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actorUserId) where.push(eq(auditLog.actorUserId, filter.actorUserId));
  if (filter.from) where.push(gte(auditLog.createdAt, tokyoDayStart(filter.from)));
  if (filter.to) where.push(lt(auditLog.createdAt, new Date(tokyoDayStart(filter.to).getTime() + DAY_MS)));
  if (filter.tenantId) where.push(eq(auditLog.tenantId, filter.tenantId));
  return where;
}

export const entryColumns = {
  id: auditLog.id,
  tenantId: auditLog.tenantId,
  actorUserId: auditLog.actorUserId,
  actorName: auditLog.actorName,
  action: auditLog.action,
  subjectType: auditLog.subjectType,
  subjectId: auditLog.subjectId,
  detail: auditLog.detail,
  ip: auditLog.ip,
  createdAt: auditLog.createdAt,
};

/** One page of entries as stored, newest first (`limit + 1` fetched to know whether more follow). */
export async function pageFrom(db: Db | Tx, filter: AuditPageFilter) {
  const rows = await db
    .select(entryColumns)
    .from(auditLog)
    .where(and(...conditions(filter)))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(filter.limit + 1);
  return pageResult(rows, filter.limit);
}

/** The audit log of one company (RLS enforces it too), each entry with its company's and subject's names. */
export async function listAuditLog(tx: Tx, names: AuditNames, tenantId: string, filter: AuditPageFilter) {
  const page = await pageFrom(tx, { ...filter, tenantId });
  return { ...page, items: await nameEntries(tx, names, page.items) };
}

/**
 * Every company's audit log, for operator admins: reads across tenants by design (the owner
 * connection), then names each company's entries in that company's own transaction.
 */
export async function unsafeListAuditLogAcrossTenants(
  db: Database,
  names: AuditNames,
  filter: AuditPageFilter,
) {
  const page = await pageFrom(db.unsafeOwner, filter);
  return { ...page, items: await nameEntriesAcrossTenants(db, names, page.items) };
}

/** At most this many people are offered by the actor filter (the most recent first). */
export const MAX_ACTORS = 1000;

/** Each actor's newest entry in the filtered log, newest actor first. */
async function latestPerActor(db: Db | Tx, filter: AuditLogFilter) {
  const rows = await db
    .selectDistinctOn([auditLog.actorUserId], entryColumns)
    .from(auditLog)
    .where(and(isNotNull(auditLog.actorUserId), ...conditions(filter)))
    .orderBy(auditLog.actorUserId, desc(auditLog.createdAt), desc(auditLog.id));
  return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, MAX_ACTORS);
}

type Entry = Awaited<ReturnType<typeof latestPerActor>>[number];

/** Actors by the name their newest entry shows (a member's own act: their record's name as it is now). */
async function actorsOf(rows: Entry[], name: (rows: Entry[]) => Promise<Entry[]>) {
  const own = await name(rows.filter(isMembersOwnAct));
  const nameOf = new Map(own.map((r) => [r.id, r.actorName]));
  return rows.map((r) => ({
    userId: r.actorUserId!,
    name: nameOf.has(r.id) ? (nameOf.get(r.id) ?? null) : r.actorName,
    lastAt: r.createdAt.toISOString(),
  }));
}

/** The people who acted in one company's (filtered) log, for the actor filter. */
export async function listAuditActors(tx: Tx, names: AuditNames, tenantId: string, filter: AuditLogFilter) {
  const rows = await latestPerActor(tx, { ...filter, action: undefined, actorUserId: undefined, tenantId });
  return actorsOf(rows, (own) => nameEntries(tx, names, own));
}

/** The same across companies (operator admins; owner connection, then each company's own naming). */
export async function unsafeListAuditActorsAcrossTenants(
  db: Database,
  names: AuditNames,
  filter: AuditLogFilter,
) {
  const rows = await latestPerActor(db.unsafeOwner, { ...filter, action: undefined, actorUserId: undefined });
  return actorsOf(rows, (own) => nameEntriesAcrossTenants(db, names, own));
}
