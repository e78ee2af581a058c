import { and, eq, isNull, or } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import {
  type AlumnusRow,
  erasedEmailHash,
  findAlumnusRow,
  searchGrams,
  setAlumnusFields,
} from '../alumni/index.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import { revokeAlumnusMembership, unsafeRemoveUserWithoutRoles, userEmail } from '../identity/index.js';
import { myAlumnus } from './membership.js';
import { alumniConsents, alumniInvitations, alumniRegistrationRequests } from './tables.js';

/** What stays in place of the name of an anonymized person. */
export const ERASED_NAME = '削除済み';

/** SHA-256 of a normalized e-mail: recognizes a returning address without keeping it. */

/**
 * Anonymizes a leaver record in the caller's transaction. Kept: employee number, join and leave
 * dates, leave type and reason category, department and position (employment facts, and what
 * the statistics count). Cleared: names (a placeholder stays), kana, e-mail, phone, current
 * company and title, skills, interests, return conditions, tags, notes, the leave reason note,
 * the search text. The record is marked do-not-contact; every consent is withdrawn (the rows
 * stay as proof of what was agreed and when), pending invitations are revoked, self-registration
 * requests of the person are deleted and the alumnus membership is removed. The audit entry
 * carries no erased value. Returns the member's user id, for `unsafeRemoveAnonymizedUser` after commit.
 */
export async function anonymizeRecord(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  row: AlumnusRow,
  detail: { source: 'member' | 'staff'; reason?: string },
) {
  if (row.anonymizedAt) throw new AppError('anonymized');
  const now = new Date();
  const userId = row.userId;
  await setAlumnusFields(tx, tenantId, row.id, {
    familyName: ERASED_NAME,
    givenName: '',
    familyNameKana: null,
    givenNameKana: null,
    email: null,
    phone: null,
    leaveReasonNote: null,
    currentCompany: null,
    currentTitle: null,
    hasDecisionAuthority: false,
    skills: [],
    interests: [],
    returnConditions: {},
    tags: [],
    internalNotes: null,
    directoryFields: [],
    doNotContact: true,
    doNotContactReason: '削除依頼により匿名化 / anonymized on a deletion request',
    userId: null,
    profileConfirmedAt: null,
    searchText: '',
    searchGrams: searchGrams(''),
    anonymizedAt: now,
    erasedEmailHash: row.email ? erasedEmailHash(row.email) : row.erasedEmailHash,
    version: row.version + 1,
    updatedAt: now,
  });
  await tx
    .update(alumniConsents)
    .set({ withdrawnAt: now })
    .where(
      and(
        eq(alumniConsents.tenantId, tenantId),
        eq(alumniConsents.alumnusId, row.id),
        isNull(alumniConsents.withdrawnAt),
      ),
    );
  await tx
    .update(alumniInvitations)
    .set({ status: 'revoked' })
    .where(
      and(
        eq(alumniInvitations.tenantId, tenantId),
        eq(alumniInvitations.alumnusId, row.id),
        eq(alumniInvitations.status, 'pending'),
      ),
    );
  await tx
    .delete(alumniRegistrationRequests)
    .where(
      and(
        eq(alumniRegistrationRequests.tenantId, tenantId),
        or(
          eq(alumniRegistrationRequests.alumnusId, row.id),
          row.email ? eq(alumniRegistrationRequests.email, row.email) : undefined,
        ),
      ),
    );
  if (userId) await revokeAlumnusMembership(tx, tenantId, userId);
  await recordAudit(tx, actor, {
    action: 'alumnus.anonymize',
    subjectType: 'alumnus',
    subjectId: row.id,
    detail: { source: detail.source, ...(detail.reason ? { reason: detail.reason } : {}) },
  });
  return { userId };
}

/** Deletion on request by the member, who confirms by typing the e-mail address on record. */
export async function requestDeletion(
  tx: Tx,
  tenantId: string,
  userId: string,
  ip: string,
  confirmEmail: string,
) {
  const a = await myAlumnus(tx, tenantId, userId, true);
  const onRecord = (a.email ?? (await userEmail(tx, userId)) ?? '').toLowerCase();
  if (!confirmEmail || confirmEmail.trim().toLowerCase() !== onRecord)
    throw new AppError('validation_failed', [{ path: 'body.confirmEmail', key: 'email_mismatch' }]);
  // the entry names no one: the person's name is what is being erased
  return anonymizeRecord(tx, tenantId, { userId, name: `${ERASED_NAME}（本人）`, ip }, a, {
    source: 'member',
  });
}

/** Staff anonymize a record when a deletion request reaches them another way (phone, letter). */
export async function anonymizeAlumnus(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  alumnusId: string,
  input: { version: number; reason: string },
) {
  const row = await findAlumnusRow(tx, tenantId, alumnusId, { forUpdate: true });
  if (!row) throw new AppError('not_found');
  if (row.anonymizedAt) throw new AppError('anonymized');
  if (row.version !== input.version) throw new AppError('conflict');
  return anonymizeRecord(tx, tenantId, actor, row, { source: 'staff', reason: input.reason });
}

/**
 * After the anonymization committed: the person's account goes when it has no other company
 * or operator role (its sessions and sign-in methods go with it). The application role may not
 * delete users, hence the owner connection — never while a transaction is open.
 */
export async function unsafeRemoveAnonymizedUser(db: Database, userId: string | null) {
  if (userId) await unsafeRemoveUserWithoutRoles(db, userId);
}
