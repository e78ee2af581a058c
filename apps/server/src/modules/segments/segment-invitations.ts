import { alumniFilterSchema } from '@kizuna/contract';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { invitationFactsOf } from '../alumni/index.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import type { Mailer } from '../mail/index.js';
import {
  type IssuedAlumnusInvitation,
  inviteAlumnus,
  recentlyInvited,
  sendAlumnusInvitation,
} from '../membership/index.js';
import { retireesAreAlumni } from '../network/index.js';
import { alumniSegments } from './tables.js';

/** A pending invitation younger than this is not sent again. */
export const REINVITE_AFTER_DAYS = 7;

/**
 * Invites everyone in a segment who may be invited: not anonymized, not registered, not
 * do-not-contact, with an e-mail, and without a pending invitation from the last 7 days (in
 * that order of reasons). A dry run only counts. Each invitation is audited as
 * `alumnus.invite` (the record's timeline shows it), the batch as `segment.invite`.
 */
export async function inviteSegment(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  segmentId: string,
  dryRun: boolean,
) {
  const [segment] = await tx
    .select()
    .from(alumniSegments)
    .where(and(eq(alumniSegments.tenantId, tenantId), eq(alumniSegments.id, segmentId)));
  if (!segment) throw new AppError('not_found');
  const filter = alumniFilterSchema.parse(segment.filter);
  const rows = await invitationFactsOf(tx, tenantId, filter);
  const recent = await recentlyInvited(tx, tenantId, REINVITE_AFTER_DAYS);
  const retireesCount = await retireesAreAlumni(tx, tenantId);
  const skipped = {
    registered: 0,
    doNotContact: 0,
    noEmail: 0,
    alreadyInvited: 0,
    anonymized: 0,
    retired: 0,
  };
  const invitable: string[] = [];
  for (const r of rows) {
    if (r.anonymizedAt) skipped.anonymized++;
    else if (r.leaveType === 'retirement' && !retireesCount) skipped.retired++;
    else if (r.userId) skipped.registered++;
    else if (r.doNotContact) skipped.doNotContact++;
    else if (!r.email) skipped.noEmail++;
    else if (recent.has(r.id)) skipped.alreadyInvited++;
    else invitable.push(r.id);
  }
  const issued: IssuedAlumnusInvitation[] = [];
  if (!dryRun) {
    for (const id of invitable) issued.push(await inviteAlumnus(tx, tenantId, actor, id));
    await recordAudit(tx, actor, {
      action: 'segment.invite',
      subjectType: 'segment',
      subjectId: segmentId,
      detail: { name: segment.name, invited: issued.length, skipped },
    });
  }
  return { invited: invitable.length, skipped, issued };
}

/** After commit: one mail per invitation; returns how many SMTP refused (recorded for a resend). */
export async function sendSegmentInvitations(
  mailer: Mailer,
  baseUrl: string,
  issued: IssuedAlumnusInvitation[],
) {
  let notSent = 0;
  for (const inv of issued) if (!(await sendAlumnusInvitation(mailer, baseUrl, inv))) notSent++;
  return notSent;
}
