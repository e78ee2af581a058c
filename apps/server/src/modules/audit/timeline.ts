import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { auditLog } from './tables.js';

/**
 * One subject's history, newest first, from the audit log of the transaction's company: what was
 * done to it and by whom. Reads are left out (they are audited, but they are not history).
 */
export async function subjectTimeline(
  tx: Tx,
  tenantId: string,
  subject: { type: string; id: string; readActions: string[] },
  limit = 200,
) {
  const rows = await tx
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorName: auditLog.actorName,
      detail: auditLog.detail,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        eq(auditLog.subjectType, subject.type),
        eq(auditLog.subjectId, subject.id),
        subject.readActions.length ? notInArray(auditLog.action, subject.readActions) : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
