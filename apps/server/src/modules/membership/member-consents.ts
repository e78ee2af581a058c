import { type AlumnusConsents, consentPurposes } from '@kizuna/contract';
import { and, desc, eq, max } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { findAlumnusRow } from '../alumni/index.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import { alumniConsents, alumniInvitations, privacyNotices } from './tables.js';

/**
 * A record's consents as staff see them (the alumnus page): per purpose the latest consent, given
 * or withdrawn, with its notice version; the notice in force; when the person registered and
 * was last invited. Consents are personal data: the read is audited as `alumnus.read` (the
 * record's timeline leaves reads out). Another company's record is `not_found`.
 */
export async function readAlumnusConsents(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  alumnusId: string,
): Promise<AlumnusConsents> {
  const a = await findAlumnusRow(tx, tenantId, alumnusId);
  if (!a) throw new AppError('not_found');
  const rows = await tx
    .select()
    .from(alumniConsents)
    .where(and(eq(alumniConsents.tenantId, tenantId), eq(alumniConsents.alumnusId, alumnusId)))
    .orderBy(desc(alumniConsents.grantedAt));
  // the newest stored version (null while the company has only ever shown the default one)
  const [notice] = await tx
    .select({ version: max(privacyNotices.version) })
    .from(privacyNotices)
    .where(eq(privacyNotices.tenantId, tenantId));
  const [invited] = await tx
    .select({ at: max(alumniInvitations.createdAt) })
    .from(alumniInvitations)
    .where(and(eq(alumniInvitations.tenantId, tenantId), eq(alumniInvitations.alumnusId, alumnusId)));
  await recordAudit(tx, actor, {
    action: 'alumnus.read',
    subjectType: 'alumnus',
    subjectId: alumnusId,
    detail: { part: 'consents' },
  });
  return {
    registeredAt: a.userId ? (a.registeredAt?.toISOString() ?? null) : null,
    currentNoticeVersion: notice?.version ?? null,
    lastInvitedAt: invited?.at ? new Date(invited.at).toISOString() : null,
    consents: consentPurposes.map((purpose) => {
      const latest = rows.find((r) => r.purpose === purpose);
      if (!latest)
        return { purpose, state: 'never', grantedAt: null, withdrawnAt: null, noticeVersion: null };
      return {
        purpose,
        state: latest.withdrawnAt ? 'withdrawn' : 'granted',
        grantedAt: latest.grantedAt.toISOString(),
        withdrawnAt: latest.withdrawnAt?.toISOString() ?? null,
        noticeVersion: latest.noticeVersion,
      };
    }),
  };
}
