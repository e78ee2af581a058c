import type { AuditAction } from '@kizuna/contract';
import { and, count, desc, eq, gte, isNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { auditLog } from './tables.js';

/**
 * How often a company-wide action (no subject id: an import, an export) was recorded since
 * `since`, and its newest entry of any time. Both read `audit_log_subject_idx` (tenant, subject
 * type, subject id null, time), so a long log of other actions is not scanned.
 */
export async function actionFigures(
  tx: Tx,
  tenantId: string,
  event: { action: AuditAction; subjectType: string },
  since: Date,
) {
  const where = [
    eq(auditLog.tenantId, tenantId),
    eq(auditLog.subjectType, event.subjectType),
    isNull(auditLog.subjectId),
    eq(auditLog.action, event.action),
  ];
  const [recent] = await tx
    .select({ n: count() })
    .from(auditLog)
    .where(and(...where, gte(auditLog.createdAt, since)));
  const [last] = await tx
    .select({ createdAt: auditLog.createdAt, detail: auditLog.detail })
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.createdAt))
    .limit(1);
  return {
    recent: recent?.n ?? 0,
    last: last ? { at: last.createdAt.toISOString(), detail: last.detail } : null,
  };
}
