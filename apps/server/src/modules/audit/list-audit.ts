import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/database.js';
import { olderThanCursor, pageResult } from '../../platform/http.js';
import { tenants } from '../tenants/tables.js';
import { auditLog } from './tables.js';

export interface AuditFilter {
  limit: number;
  cursor?: string | undefined;
  action?: string | undefined;
  tenantId?: string | undefined;
}

function conditions(filter: AuditFilter): SQL[] {
  const where: SQL[] = [];
  const before = olderThanCursor(auditLog, filter.cursor);
  if (before) where.push(before);
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.tenantId) where.push(eq(auditLog.tenantId, filter.tenantId));
  return where;
}

async function listFrom(db: Db | Tx, filter: AuditFilter) {
  const rows = await db
    .select({
      id: auditLog.id,
      tenantId: auditLog.tenantId,
      tenantName: tenants.name,
      actorUserId: auditLog.actorUserId,
      actorName: auditLog.actorName,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      detail: auditLog.detail,
      ip: auditLog.ip,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(tenants, eq(tenants.id, auditLog.tenantId))
    .where(and(...conditions(filter)))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(filter.limit + 1);
  return pageResult(rows, filter.limit);
}

/** The audit log of one company (RLS enforces it too). */
export function listAuditLog(tx: Tx, tenantId: string, filter: AuditFilter) {
  return listFrom(tx, { ...filter, tenantId });
}

/** Every company's audit log, for operator admins: crosses tenants by design. */
export function unsafeListAuditLogAcrossTenants(owner: Db, filter: AuditFilter) {
  return listFrom(owner, filter);
}
