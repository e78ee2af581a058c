import type { AuditAction } from '@kizuna/contract';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { textArrayLiteral } from '../../platform/db/arrays.js';
import type { Tx } from '../../platform/db/database.js';
import { currentTenant } from '../../platform/db/tenancy.js';
import { auditLog } from './tables.js';

export interface AuditActor {
  userId: string | null;
  name: string | null;
  ip?: string | null;
}

export interface AuditEvent {
  /** One of the contract's `auditActions` (each has a ja/en label on the web). */
  action: AuditAction;
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

/**
 * The same event for many subjects (an import's records), in one statement whatever their number:
 * the ids (and each one's detail, if given) travel as two array parameters. Same rules as
 * recordAudit: the tenant is the transaction's own.
 */
export async function recordAuditForSubjects(
  tx: Tx,
  actor: AuditActor | null,
  event: { action: AuditAction; subjectType: string },
  subjectIds: string[],
  details?: Record<string, unknown>[],
) {
  if (subjectIds.length === 0) return;
  if (details && details.length !== subjectIds.length) throw new Error('one detail per subject');
  const ids = textArrayLiteral(subjectIds);
  const detailOf = details ? sql`d::jsonb` : sql`'{}'::jsonb`;
  const source = details
    ? sql`unnest(${ids}::text[], ${textArrayLiteral(details.map((d) => JSON.stringify(d)))}::text[]) as u(id, d)`
    : sql`unnest(${ids}::text[]) as u(id)`;
  await tx.execute(sql`
    insert into ${auditLog} (tenant_id, actor_user_id, actor_name, ip, action, subject_type, subject_id, detail)
    select ${currentTenant}, ${actor?.userId ?? null}, ${actor?.name ?? null}, ${actor?.ip ?? null},
      ${event.action}, ${event.subjectType}, u.id, ${detailOf}
    from ${source}`);
}

/** Who did it, as the audit log records it: the request's signed-in actor and address. */
export function auditActorOf(request: FastifyRequest): AuditActor {
  return { userId: request.actor?.userId ?? null, name: request.actor?.name ?? null, ip: request.ip };
}
