import type { Tx } from '../../platform/db/database.js';
import { currentTenant } from '../../platform/db/tenancy.js';
import { auditLog } from './tables.js';

export interface AuditActor {
  userId: string | null;
  name: string | null;
  ip?: string | null;
}

export interface AuditEvent {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * The one way to write the audit log: inside the transaction of the change it records, so both
 * commit or neither does. The tenant is the transaction's own (RLS scope), never a parameter.
 */
export async function recordAudit(tx: Tx, actor: AuditActor | null, event: AuditEvent) {
  await recordAuditMany(tx, actor, [event]);
}

/** Many events in one statement (imports): same rules as recordAudit. */
export async function recordAuditMany(tx: Tx, actor: AuditActor | null, events: AuditEvent[]) {
  if (events.length === 0) return;
  await tx.insert(auditLog).values(
    events.map((event) => ({
      tenantId: currentTenant,
      actorUserId: actor?.userId ?? null,
      actorName: actor?.name ?? null,
      ip: actor?.ip ?? null,
      action: event.action,
      subjectType: event.subjectType,
      subjectId: event.subjectId ?? null,
      detail: event.detail ?? {},
    })),
  );
}
