import { and, eq, isNull, or } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { unsafeAsOwner } from '../../platform/db/owner.js';
import { AppError } from '../../platform/errors.js';
import {
  type AlumnusRow,
  erasedEmailHash,
  findAlumnusRow,
  searchGrams,
  setAlumnusFields,
} from '../alumni/index.js';
import { type AuditActor, recordAudit, unsafeEraseActorName } from '../audit/index.js';
import {
  findUserByEmail,
  revokeAlumnusMembership,
  unsafeRemoveUserWithoutRoles,
  userEmail,
} from '../identity/index.js';
import { unsafeEraseMailTo } from '../mail/index.js';
import { myAlumnus } from './membership.js';
import { alumniConsents, alumniInvitations, alumniRegistrationRequests } from './tables.js';

/** What stays in place of the name of an anonymized person. */
export const ERASED_NAME = '削除済み';

/** How the person appears in the audit log after the deletion: their own acts keep this name. */
export const ERASED_ACTOR = `${ERASED_NAME}（本人）`;

/**
 * Anonymizes a leaver record in the caller's transaction, and erases the person everywhere else
 * the company kept them, in the same transaction (APPI: a deletion that deletes). Kept: employee
 * number, join and leave dates, leave type and reason category, department and position
 * (employment facts, and what the statistics count). Cleared: names (a placeholder stays), kana,
 * e-mail (a keyed hash stays, erasure.ts), phone, current company and title, skills, interests,
 * return conditions, tags, notes, the leave reason note, the search text. The record is marked
 * do-not-contact; every consent is withdrawn (the rows stay as proof of what was agreed and when),
 * pending invitations are revoked, self-registration requests of the person are deleted and the
 * alumnus membership is removed. The audit entry carries no erased value. Then {@link erasePerson}.
 * `secret` is the server secret (config), which keys the erased address's hash.
 */
export async function anonymizeRecord(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  row: AlumnusRow,
  detail: { source: 'member' | 'staff'; reason?: string },
  secret: string,
) {
  if (row.anonymizedAt) throw new AppError('anonymized');
  const now = new Date();
  const userId = row.userId;
  const accountEmail = userId ? await userEmail(tx, userId) : null;
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
    erasedEmailHash: row.email ? erasedEmailHash(secret, row.email) : row.erasedEmailHash,
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
  const requests = await tx
    .delete(alumniRegistrationRequests)
    .where(
      and(
        eq(alumniRegistrationRequests.tenantId, tenantId),
        or(
          eq(alumniRegistrationRequests.alumnusId, row.id),
          row.email ? eq(alumniRegistrationRequests.email, row.email) : undefined,
        ),
      ),
    )
    .returning({ id: alumniRegistrationRequests.id, email: alumniRegistrationRequests.email });
  if (userId) await revokeAlumnusMembership(tx, tenantId, userId);
  await recordAudit(tx, actor, {
    action: 'alumnus.anonymize',
    subjectType: 'alumnus',
    subjectId: row.id,
    detail: { source: detail.source, ...(detail.reason ? { reason: detail.reason } : {}) },
  });
  const addresses = [row.email, accountEmail, ...requests.map((r) => r.email)].filter(
    (a): a is string => !!a,
  );
  return erasePerson(tx, tenantId, {
    userId,
    addresses,
    registrationRequestIds: requests.map((r) => r.id),
  });
}

/**
 * The rest of a deletion, in its transaction with the owner's rights (`unsafeAsOwner`,
 * platform/db/owner.ts): the application role may neither rewrite the audit log (append-only,
 * 0002_grants.sql), nor delete accounts, nor reach the operator-level outbox — on purpose, so no
 * grant is widened for this one path. Every statement names the company and the person.
 * - the company's audit log: the person's name is replaced by {@link ERASED_ACTOR} in every entry
 *   they acted in and in their queued self-registrations (action, subject, time and the opaque
 *   actor id stay); the record's timeline reads the same entries;
 * - the account goes when it has no other company or operator role (sessions and sign-in methods
 *   with it): in this transaction, so a deletion never stops half-way with a live account;
 * - the company's mail to the person's addresses loses address and body (the greeting names them),
 *   and so does mail outside any company (sign-in links, resets) once no account has the address.
 */
async function erasePerson(
  tx: Tx,
  tenantId: string,
  person: { userId: string | null; addresses: string[]; registrationRequestIds: string[] },
) {
  const { userId, addresses } = person;
  // who else still signs in with one of these addresses (another person's account is never touched)
  const keptAccount = async () => {
    for (const address of addresses) if (await findUserByEmail(tx, address)) return true;
    return false;
  };
  return unsafeAsOwner(tx, async () => {
    await unsafeEraseActorName(tx, tenantId, person, ERASED_ACTOR);
    const accountRemoved = userId ? await unsafeRemoveUserWithoutRoles(tx, userId) : false;
    const withoutCompany = userId ? accountRemoved : !(await keptAccount());
    await unsafeEraseMailTo(tx, tenantId, addresses, { withoutCompany });
    return { userId, accountRemoved };
  });
}

/** Deletion on request by the member, who confirms by typing the e-mail address on record. */
export async function requestDeletion(
  tx: Tx,
  tenantId: string,
  userId: string,
  ip: string,
  confirmEmail: string,
  secret: string,
) {
  const a = await myAlumnus(tx, tenantId, userId, true);
  const onRecord = (a.email ?? (await userEmail(tx, userId)) ?? '').toLowerCase();
  if (!confirmEmail || confirmEmail.trim().toLowerCase() !== onRecord)
    throw new AppError('validation_failed', [{ path: 'body.confirmEmail', key: 'email_mismatch' }]);
  // the entry names no one: the person's name is what is being erased
  return anonymizeRecord(tx, tenantId, { userId, name: ERASED_ACTOR, ip }, a, { source: 'member' }, secret);
}

/** Staff anonymize a record when a deletion request reaches them another way (phone, letter). */
export async function anonymizeAlumnus(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  alumnusId: string,
  input: { version: number; reason: string },
  secret: string,
) {
  const row = await findAlumnusRow(tx, tenantId, alumnusId, { forUpdate: true });
  if (!row) throw new AppError('not_found');
  if (row.anonymizedAt) throw new AppError('anonymized');
  if (row.version !== input.version) throw new AppError('conflict');
  return anonymizeRecord(tx, tenantId, actor, row, { source: 'staff', reason: input.reason }, secret);
}
