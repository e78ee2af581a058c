import {
  type ConsentPurpose,
  consentPurposes,
  contactPurposes,
  REQUIRED_PURPOSE,
  type RegisterMember,
} from '@kizuna/contract';
import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { KNOWN_RECIPIENT_LOCALE, localizedMail } from '../../platform/mail-templates.js';
import { hashToken, newToken, unsafeFindTenantByToken } from '../../platform/tokens.js';
import {
  type AlumnusRow,
  columnsOf,
  findAlumnusRow,
  findAlumnusRowOfUser,
  inputOf,
  reachableMembers,
  setAlumnusFields,
} from '../alumni/index.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import { createUser, findUserByEmail, grantAlumnusMembership } from '../identity/index.js';
import type { Mailer } from '../mail/index.js';
import { isProfileReviewDue, profileReviewMonthsOf, retireesAreAlumni } from '../network/index.js';
import { requireActiveTenant, tenantById, tenantName } from '../tenants/index.js';
import { alumniConsents, alumniInvitations, privacyNotices } from './tables.js';

const INVITATION_DAYS = 30;

const DEFAULT_NOTICE = `【個人情報の取扱いについて】
当社は、アルムナイ（退職者）会員の皆さまの個人情報を、以下の利用目的の範囲で取り扱います。同意は目的ごとにいつでも撤回でき、会員ページからご自身の情報の確認・訂正・ダウンロード・削除のご依頼ができます。

[Handling of personal data]
We use our alumni members' personal data only for the purposes below. You can withdraw each consent at any time, and see, correct, download or ask us to delete your data from the member page.`;

function presentNotice(
  row: Pick<typeof privacyNotices.$inferSelect, 'version' | 'body' | 'purposes' | 'publishedAt'>,
) {
  return {
    version: row.version,
    body: row.body,
    purposes: row.purposes as ConsentPurpose[],
    publishedAt: row.publishedAt.toISOString(),
  };
}

async function newestNotice(tx: Tx, tenantId: string) {
  const [row] = await tx
    .select()
    .from(privacyNotices)
    .where(eq(privacyNotices.tenantId, tenantId))
    .orderBy(desc(privacyNotices.version))
    .limit(1);
  return row ?? null;
}

/** The notice a company has before it publishes one: version 1, every purpose, in force since the company began. */
async function defaultNotice(tx: Tx, tenantId: string) {
  const company = await tenantById(tx, tenantId);
  return {
    tenantId,
    version: 1,
    body: DEFAULT_NOTICE,
    purposes: [...consentPurposes],
    publishedAt: company?.createdAt ?? new Date(),
  };
}

/**
 * The notice in force, for reading: the newest published one, or the default (version 1) while
 * there is none — answered, not stored, so a read writes nothing.
 */
export async function currentNotice(tx: Tx, tenantId: string) {
  const row = await newestNotice(tx, tenantId);
  if (row) return presentNotice(row);
  return presentNotice(await defaultNotice(tx, tenantId));
}

/**
 * The notice in force, for a write that refers to it (a consent names its version, a publication
 * follows it): the default is stored as version 1 the first time, exactly as readers were shown it.
 */
async function storedNotice(tx: Tx, tenantId: string) {
  const row = await newestNotice(tx, tenantId);
  if (row) return presentNotice(row);
  await tx
    .insert(privacyNotices)
    .values(await defaultNotice(tx, tenantId))
    .onConflictDoNothing();
  const stored = await newestNotice(tx, tenantId);
  return presentNotice(stored!);
}

/** Publishes a new version: members are asked again for their consent. */
export async function publishNotice(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  input: { body: string; purposes: ConsentPurpose[] },
) {
  const current = await storedNotice(tx, tenantId);
  // of two publications at once, one takes the next version; the other answers 409 (the unique
  // version), not 500, and the person publishes again on top of the new one
  const [row] = await tx
    .insert(privacyNotices)
    .values({ tenantId, version: current.version + 1, body: input.body, purposes: input.purposes })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('conflict');
  await recordAudit(tx, actor, {
    action: 'privacy_notice.publish',
    subjectType: 'privacy_notice',
    subjectId: row.id,
    detail: { version: row.version },
  });
  return presentNotice(row);
}

export interface IssuedAlumnusInvitation {
  token: string;
  email: string;
  name: string;
  companyName: string;
  tenantId: string;
}

/** A registration link for one leaver; refused for do-not-contact, no e-mail, or already a member. */
export async function inviteAlumnus(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  alumnusId: string,
): Promise<IssuedAlumnusInvitation> {
  const a = await findAlumnusRow(tx, tenantId, alumnusId);
  if (!a) throw new AppError('not_found');
  if (a.anonymizedAt) throw new AppError('anonymized');
  if (a.leaveType === 'retirement' && !(await retireesAreAlumni(tx, tenantId)))
    throw new AppError('conflict', [{ path: 'alumnus', key: 'retiree_not_alumnus' }]);
  if (a.doNotContact) throw new AppError('conflict', [{ path: 'alumnus', key: 'do_not_contact' }]);
  if (!a.email) throw new AppError('conflict', [{ path: 'alumnus.email', key: 'no_email' }]);
  if (a.userId) throw new AppError('conflict', [{ path: 'alumnus', key: 'already_registered' }]);
  await tx
    .update(alumniInvitations)
    .set({ status: 'replaced' })
    .where(
      and(
        eq(alumniInvitations.tenantId, tenantId),
        eq(alumniInvitations.alumnusId, alumnusId),
        eq(alumniInvitations.status, 'pending'),
      ),
    );
  const { token, tokenHash } = newToken();
  // of two invitations at once, the second finds the first one's open link (the unique index
  // alumni_invitations_pending_uq) and answers 409: never two open links, never a 500
  const [issued] = await tx
    .insert(alumniInvitations)
    .values({
      tenantId,
      alumnusId,
      tokenHash,
      invitedByUserId: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    })
    .onConflictDoNothing()
    .returning({ id: alumniInvitations.id });
  if (!issued) throw new AppError('conflict');
  await recordAudit(tx, actor, { action: 'alumnus.invite', subjectType: 'alumnus', subjectId: alumnusId });
  const companyName = await tenantName(tx, tenantId);
  return {
    token,
    email: a.email,
    name: `${a.familyName} ${a.givenName}`,
    companyName: companyName,
    tenantId,
  };
}

export function sendAlumnusInvitation(mailer: Mailer, baseUrl: string, inv: IssuedAlumnusInvitation) {
  return mailer.trySend({
    to: inv.email,
    tenantId: inv.tenantId,
    ...localizedMail(
      KNOWN_RECIPIENT_LOCALE,
      {
        ja: `${inv.companyName} アルムナイ会員へのご招待`,
        en: `${inv.companyName} invites you to its alumni network`,
      },
      {
        ja: `${inv.name} 様\n\n${inv.companyName} のアルムナイ（退職者）会員にご招待します。求人・副業・イベントなどのご案内をお届けします。\n次のリンクから1分ほどで登録できます（${INVITATION_DAYS}日間有効）。ご登録いただかない場合、このメールを破棄してください。`,
        en: `Dear ${inv.name},\n\n${inv.companyName} invites you to join its alumni network for news of openings, side jobs and events.\nRegistering takes about a minute with this link (valid for ${INVITATION_DAYS} days). If you do not wish to join, ignore this e-mail.`,
      },
      `${baseUrl}/join/${inv.token}`,
    ),
  });
}

/** The records with an invitation still open that was sent within the last `days` days. */
export async function recentlyInvited(tx: Tx, tenantId: string, days: number) {
  const since = new Date(Date.now() - days * 86_400_000);
  const rows = await tx
    .select({ alumnusId: alumniInvitations.alumnusId })
    .from(alumniInvitations)
    .where(
      and(
        eq(alumniInvitations.tenantId, tenantId),
        eq(alumniInvitations.status, 'pending'),
        gt(alumniInvitations.createdAt, since),
      ),
    );
  return new Set(rows.map((r) => r.alumnusId));
}

/** The invitation's company, by the token's hash: the invitee has no session (crosses tenants by design). */
function unsafeFindInvitationTenant(db: Database, token: string) {
  return unsafeFindTenantByToken(db, alumniInvitations, alumniInvitations.tokenHash, token);
}

async function pendingInvitation(tx: Tx, tenantId: string, token: string) {
  const [inv] = await tx
    .select()
    .from(alumniInvitations)
    .where(and(eq(alumniInvitations.tenantId, tenantId), eq(alumniInvitations.tokenHash, hashToken(token))))
    .for('update');
  if (inv?.status !== 'pending' || inv.expiresAt.getTime() < Date.now())
    throw new AppError('invitation_invalid');
  const a = await findAlumnusRow(tx, tenantId, inv.alumnusId);
  if (!a || a.userId || a.doNotContact || a.anonymizedAt || !a.email)
    throw new AppError('invitation_invalid');
  return { inv, alumnus: a };
}

export async function previewAlumnusInvitation(db: Database, token: string) {
  const tenantId = await unsafeFindInvitationTenant(db, token);
  if (!tenantId) throw new AppError('invitation_invalid');
  return db.withTenant(tenantId, async (tx) => {
    await requireActiveTenant(tx, tenantId);
    const { inv, alumnus: a } = await pendingInvitation(tx, tenantId, token);
    const companyName = await tenantName(tx, tenantId);
    return {
      companyName: companyName,
      familyName: a.familyName,
      givenName: a.givenName,
      email: a.email!,
      hasAccount: (await findUserByEmail(tx, a.email!)) !== null,
      notice: await currentNotice(tx, tenantId),
      expiresAt: inv.expiresAt.toISOString(),
    };
  });
}

async function grant(
  tx: Tx,
  tenantId: string,
  alumnusId: string,
  purposes: ConsentPurpose[],
  noticeVersion: number,
) {
  if (purposes.length === 0) return;
  await tx
    .insert(alumniConsents)
    .values(purposes.map((purpose) => ({ tenantId, alumnusId, purpose, noticeVersion })));
}

/**
 * Registration: confirms the name, records the interests and each consent with the notice
 * version, creates the account (or reuses one) and the alumnus membership. One transaction;
 * the route signs the member in after it commits (the user and company it returns).
 */
export async function registerMember(db: Database, token: string, input: RegisterMember, ip: string) {
  const tenantId = await unsafeFindInvitationTenant(db, token);
  if (!tenantId) throw new AppError('invitation_invalid');
  return db.withTenant(tenantId, async (tx) => {
    await requireActiveTenant(tx, tenantId);
    const { inv, alumnus: a } = await pendingInvitation(tx, tenantId, token);
    const notice = await storedNotice(tx, tenantId);
    if (input.noticeVersion !== notice.version) throw new AppError('conflict'); // a newer notice: read it first
    const user = await registerOnRecord(tx, tenantId, a, input, { ip, via: 'invitation' });
    await tx
      .update(alumniInvitations)
      .set({ status: 'accepted' })
      .where(and(eq(alumniInvitations.tenantId, tenantId), eq(alumniInvitations.id, inv.id)));
    return { email: a.email!, hasPassword: !!input.password, userId: user.id, tenantId };
  });
}

/**
 * Makes the person on a leaver record a member: the confirmed name (search text recomputed),
 * the interests, each consent with the current notice version, the account (created, or the
 * existing one with this e-mail) and the alumnus membership. The caller checked that the record
 * may be registered and holds the transaction; invitation, self-registration and the staff
 * queue all register through here.
 */
export async function registerOnRecord(
  tx: Tx,
  tenantId: string,
  a: AlumnusRow,
  input: Pick<RegisterMember, 'familyName' | 'givenName' | 'interests' | 'consents' | 'password'>,
  options: {
    ip: string;
    via: 'invitation' | 'self_registration' | 'staff_match' | 'staff_create';
    actor?: AuditActor;
    /** The notice the person read (a self-registration may predate a newer one: then they are asked again). */
    noticeVersion?: number;
  },
) {
  const current = await storedNotice(tx, tenantId);
  const [read] = options.noticeVersion
    ? await tx
        .select()
        .from(privacyNotices)
        .where(and(eq(privacyNotices.tenantId, tenantId), eq(privacyNotices.version, options.noticeVersion)))
    : [];
  const notice = read ? presentNotice(read) : current;
  const purposes = input.consents.filter((p) => notice.purposes.includes(p));
  let user = await findUserByEmail(tx, a.email!);
  if (!user)
    user = await createUser(tx, {
      email: a.email!,
      name: `${input.familyName} ${input.givenName}`,
      password: input.password,
    });
  await grantAlumnusMembership(tx, tenantId, user.id);
  const next = columnsOf({
    ...inputOf(a),
    familyName: input.familyName,
    givenName: input.givenName,
    interests: input.interests,
  });
  await setAlumnusFields(tx, tenantId, a.id, {
    familyName: next.familyName,
    givenName: next.givenName,
    interests: next.interests,
    searchText: next.searchText,
    searchGrams: next.searchGrams,
    userId: user.id,
    registeredAt: new Date(),
    version: a.version + 1,
    updatedAt: new Date(),
  });
  await grant(tx, tenantId, a.id, purposes, notice.version);
  await recordAudit(tx, options.actor ?? { userId: user.id, name: user.name, ip: options.ip }, {
    action: 'alumnus.register',
    subjectType: 'alumnus',
    subjectId: a.id,
    detail: { consents: purposes, noticeVersion: notice.version, via: options.via },
  });
  return user;
}

/** The signed-in member's own record. */
export async function myAlumnus(tx: Tx, tenantId: string, userId: string, forUpdate = false) {
  const a = await findAlumnusRowOfUser(tx, tenantId, userId, { forUpdate });
  if (!a) throw new AppError('not_found');
  return a;
}

async function consentState(tx: Tx, tenantId: string, alumnusId: string) {
  const rows = await tx
    .select()
    .from(alumniConsents)
    .where(and(eq(alumniConsents.tenantId, tenantId), eq(alumniConsents.alumnusId, alumnusId)))
    .orderBy(desc(alumniConsents.grantedAt));
  return consentPurposes.map((purpose) => {
    const latest = rows.find((r) => r.purpose === purpose);
    return {
      purpose,
      granted: !!latest && latest.withdrawnAt === null,
      noticeVersion: latest?.noticeVersion ?? null,
      changedAt: (latest?.withdrawnAt ?? latest?.grantedAt)?.toISOString() ?? null,
    };
  });
}

/** The member's own view: what the company keeps about them, their consents, the notice. */
export async function portalMe(tx: Tx, tenantId: string, userId: string) {
  const a = await myAlumnus(tx, tenantId, userId);
  const consents = await consentState(tx, tenantId, a.id);
  const notice = await currentNotice(tx, tenantId);
  const companyName = await tenantName(tx, tenantId);
  const required = consents.find((c) => c.purpose === REQUIRED_PURPOSE);
  return {
    companyName: companyName,
    alumnusId: a.id,
    familyName: a.familyName,
    givenName: a.givenName,
    email: a.email,
    interests: a.interests as RegisterMember['interests'],
    doNotContact: a.doNotContact,
    consents,
    notice,
    needsConsent: !required?.granted || (required.noticeVersion ?? 0) < notice.version,
    profileReviewDue: isProfileReviewDue(a, await profileReviewMonthsOf(tx, tenantId)),
  };
}

/** The do-not-contact reason an opt-out writes; only this one is lifted when the member grants contact again. */
export const OPT_OUT_REASON = '本人が連絡停止を選択 / opted out by the member';

/**
 * Sets exactly these consents under the current notice: new ones granted, others withdrawn.
 * Granting a contact purpose after an opt-out resumes contact; a do-not-contact set by staff stays.
 */
export async function setConsents(
  tx: Tx,
  tenantId: string,
  userId: string,
  ip: string,
  granted: ConsentPurpose[],
  noticeVersion: number,
) {
  const a = await myAlumnus(tx, tenantId, userId);
  const notice = await storedNotice(tx, tenantId);
  if (noticeVersion !== notice.version) throw new AppError('conflict');
  const before = await consentState(tx, tenantId, a.id);
  const wanted = new Set(granted.filter((p) => notice.purposes.includes(p)));
  const withdraw = before.filter((c) => c.granted && !wanted.has(c.purpose)).map((c) => c.purpose);
  const renew = before
    .filter((c) => wanted.has(c.purpose) && (!c.granted || c.noticeVersion !== notice.version))
    .map((c) => c.purpose);
  const now = new Date();
  // every change closes the open row and, for a grant, opens one under the current notice
  const closing = [...withdraw, ...renew];
  if (closing.length)
    await tx
      .update(alumniConsents)
      .set({ withdrawnAt: now })
      .where(
        and(
          eq(alumniConsents.tenantId, tenantId),
          eq(alumniConsents.alumnusId, a.id),
          inArray(alumniConsents.purpose, closing),
          isNull(alumniConsents.withdrawnAt),
        ),
      );
  await grant(tx, tenantId, a.id, renew, notice.version);
  const contactResumed =
    a.doNotContact &&
    a.doNotContactReason === OPT_OUT_REASON &&
    renew.some((p) => contactPurposes.includes(p));
  if (contactResumed)
    await setAlumnusFields(tx, tenantId, a.id, {
      doNotContact: false,
      doNotContactReason: null,
      version: a.version + 1,
      updatedAt: now,
    });
  if (withdraw.length || renew.length)
    await recordAudit(
      tx,
      { userId, name: `${a.familyName} ${a.givenName}`, ip },
      {
        action: 'consent.change',
        subjectType: 'alumnus',
        subjectId: a.id,
        detail: { withdrawn: withdraw, granted: renew, noticeVersion: notice.version, contactResumed },
      },
    );
  return portalMe(tx, tenantId, userId);
}

/** One step, nothing to fill in: every contact consent withdrawn and the record marked do-not-contact. */
export async function optOutOfContact(tx: Tx, tenantId: string, userId: string, ip: string) {
  const a = await myAlumnus(tx, tenantId, userId);
  await tx
    .update(alumniConsents)
    .set({ withdrawnAt: new Date() })
    .where(
      and(
        eq(alumniConsents.tenantId, tenantId),
        eq(alumniConsents.alumnusId, a.id),
        inArray(alumniConsents.purpose, contactPurposes),
        isNull(alumniConsents.withdrawnAt),
      ),
    );
  await setAlumnusFields(tx, tenantId, a.id, {
    doNotContact: true,
    doNotContactReason: OPT_OUT_REASON,
    version: a.version + 1,
    updatedAt: new Date(),
  });
  await recordAudit(
    tx,
    { userId, name: `${a.familyName} ${a.givenName}`, ip },
    { action: 'consent.opt_out', subjectType: 'alumnus', subjectId: a.id },
  );
  return portalMe(tx, tenantId, userId);
}

/** The member's data as kept by the company (internal notes excluded: they are staff working notes). Audited. */
export async function exportMyData(tx: Tx, tenantId: string, userId: string, ip: string) {
  const a = await myAlumnus(tx, tenantId, userId);
  const consents = await tx
    .select()
    .from(alumniConsents)
    .where(and(eq(alumniConsents.tenantId, tenantId), eq(alumniConsents.alumnusId, a.id)))
    .orderBy(alumniConsents.grantedAt);
  await recordAudit(
    tx,
    { userId, name: `${a.familyName} ${a.givenName}`, ip },
    { action: 'alumnus.self_export', subjectType: 'alumnus', subjectId: a.id },
  );
  const {
    internalNotes: _n,
    searchText: _s,
    searchGrams: _g,
    tenantId: _t,
    userId: _u,
    erasedEmailHash: _h,
    anonymizedAt: _z,
    ...record
  } = a;
  return {
    exportedAt: new Date().toISOString(),
    record,
    consents: consents.map((c) => ({
      purpose: c.purpose,
      noticeVersion: c.noticeVersion,
      grantedAt: c.grantedAt,
      withdrawnAt: c.withdrawnAt,
    })),
  };
}

/**
 * The members who may be contacted for a purpose now: registered, not do-not-contact, not
 * anonymized, with an open (not withdrawn) consent to that purpose. Every contact path (postings,
 * events, surveys, news) selects its audience through here, so a withdrawal or an opt-out takes
 * effect at once.
 */
export async function contactableMembers(
  tx: Tx,
  tenantId: string,
  purpose: ConsentPurpose,
  alumnusIds?: string[],
) {
  const consented = await tx
    .selectDistinct({ alumnusId: alumniConsents.alumnusId })
    .from(alumniConsents)
    .where(
      and(
        eq(alumniConsents.tenantId, tenantId),
        eq(alumniConsents.purpose, purpose),
        isNull(alumniConsents.withdrawnAt),
        alumnusIds ? inArray(alumniConsents.alumnusId, alumnusIds) : undefined,
      ),
    );
  const rows = await reachableMembers(
    tx,
    tenantId,
    consented.map((r) => r.alumnusId),
  );
  return rows;
}
