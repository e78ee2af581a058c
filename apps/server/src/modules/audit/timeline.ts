import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { olderThanCursor, pageResult } from '../../platform/http.js';
import { auditLog } from './tables.js';

/**
 * One page of a subject's history, newest first, from the audit log of the transaction's company:
 * what was done to it and by whom. Reads are left out (they are audited, but they are not
 * history). `nextCursor` continues after the page's last entry.
 */
export async function subjectTimeline(
  tx: Tx,
  tenantId: string,
  subject: { type: string; id: string; readActions: string[] },
  page: { limit: number; cursor?: string | undefined },
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
        olderThanCursor(auditLog, page.cursor),
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(page.limit + 1);
  const { items, nextCursor } = pageResult(rows, page.limit);
  return { items: items.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), nextCursor };
}
