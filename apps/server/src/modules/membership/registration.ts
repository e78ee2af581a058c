import {
  type ConsentPurpose,
  type IdentityConfirmation,
  identifyingAttributes,
  type Locale,
  type MatchAttribute,
  type SelfRegistration,
} from '@kizuna/contract';
import { and, count, desc, eq, gt, sql } from 'drizzle-orm';
import { minuteInTokyo } from '../../platform/dates.js';
import type { Database, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { olderThanCursor, pageResult } from '../../platform/http.js';
import { KNOWN_RECIPIENT_LOCALE, localizedMail } from '../../platform/mail-templates.js';
import { hashToken, newToken, unsafeFindTenantByToken } from '../../platform/tokens.js';
import {
  type AlumnusRow,
  changeAlumnusEmail,
  createAlumnus,
  findAlumnusRow,
  findAlumnusRowsByEmail,
  findPossibleMatches,
  normalizeSearchText,
} from '../alumni/index.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import type { Mailer } from '../mail/index.js';
import { findNetworkSettings } from '../network/index.js';
import { requireActiveTenant, tenantName, unsafeActiveTenantBySlug } from '../tenants/index.js';
import { currentNotice, registerOnRecord } from './membership.js';
import { alumniRegistrationRequests } from './tables.js';

const VERIFY_HOURS = 24;
/** At most this many registrations per address and company per hour are mailed (quietly: still 202). */
const PER_ADDRESS_PER_HOUR = 3;
type RequestRow = typeof alumniRegistrationRequests.$inferSelect;

/** The company of a verification link, by the token's hash (no session). */
function unsafeFindRequestTenant(db: Database, token: string) {
  return unsafeFindTenantByToken(db, alumniRegistrationRequests, alumniRegistrationRequests.tokenHash, token);
}

export interface IssuedVerification {
  token: string;
  email: string;
  name: string;
  companyName: string;
  tenantId: string;
}

/**
 * A registration from the public page: kept `unverified` until the e-mailed link is followed.
 * The answer never depends on whether the address is known (no account enumeration); beyond a
 * few per hour per address nothing more is mailed.
 */
export async function submitSelfRegistration(
  db: Database,
  slug: string,
  input: SelfRegistration,
): Promise<IssuedVerification | null> {
  const tenant = await unsafeActiveTenantBySlug(db, slug);
  return db.withTenant(tenant.id, async (tx) => {
    const settings = await findNetworkSettings(tx, tenant.id);
    if (!settings?.publicPageEnabled) throw new AppError('not_found');
    const notice = await currentNotice(tx, tenant.id);
    if (input.noticeVersion !== notice.version) throw new AppError('conflict'); // a newer notice: read it first
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(alumniRegistrationRequests)
      .where(
        and(
          eq(alumniRegistrationRequests.tenantId, tenant.id),
          eq(alumniRegistrationRequests.email, input.email),
          gt(alumniRegistrationRequests.createdAt, new Date(Date.now() - 3_600_000)),
        ),
      );
    if ((recent?.n ?? 0) >= PER_ADDRESS_PER_HOUR) return null;
    const { token, tokenHash } = newToken();
    await tx.insert(alumniRegistrationRequests).values({
      tenantId: tenant.id,
      email: input.email,
      familyName: input.familyName,
      givenName: input.givenName,
      familyNameKana: toKatakana(input.familyNameKana),
      givenNameKana: toKatakana(input.givenNameKana),
      employeeNumber: input.employeeNumber ? input.employeeNumber.normalize('NFKC') : null,
      leaveYear: input.leaveYear,
      department: input.department,
      interests: input.interests,
      consents: input.consents.filter((p) => notice.purposes.includes(p)),
      noticeVersion: notice.version,
      tokenHash,
      expiresAt: new Date(Date.now() + VERIFY_HOURS * 3_600_000),
    });
    return {
      token,
      email: input.email,
      name: `${input.familyName} ${input.givenName}`,
      companyName: tenant.name,
      tenantId: tenant.id,
    };
  });
}

/** Furigana stored as staff records keep it: full-width katakana. */
function toKatakana(v: string | null) {
  if (!v) return null;
  return v.normalize('NFKC').replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/**
 * The confirmation link, in the language of the registration's request (`locale`). It says who
 * asked, from which address and when, and that nothing happens unless the link is followed: the
 * public form takes any address, so a stranger may receive it.
 */
export function sendVerificationMail(
  mailer: Mailer,
  baseUrl: string,
  v: IssuedVerification,
  locale: Locale,
  asked: { ip: string; at?: Date },
) {
  const when = minuteInTokyo(asked.at);
  return mailer.trySend({
    to: v.email,
    tenantId: v.tenantId,
    ...localizedMail(
      locale,
      {
        ja: `${v.companyName} アルムナイ会員登録のメールアドレス確認`,
        en: `Confirm your e-mail for the ${v.companyName} alumni network`,
      },
      {
        ja: `${v.name} 様\n\n${v.companyName} のアルムナイ会員登録を受け付けました。次のリンクからメールアドレスを確認すると登録が進みます（${VERIFY_HOURS}時間有効）。\n\nこの登録は ${when}（日本時間）に、IP アドレス ${asked.ip} から「${v.name}」のお名前で、${v.companyName} の公開ページで申し込まれました。\nお心当たりがない場合は、このメールを破棄してください。リンクを開かない限り、何も登録されず、これ以上のご連絡もしません。`,
        en: `Dear ${v.name},\n\nWe received your registration for the ${v.companyName} alumni network. Confirm your e-mail address with this link to continue (valid for ${VERIFY_HOURS} hours).\n\nThis registration was made on ${v.companyName}'s public page on ${when} (Japan time), from the IP address ${asked.ip}, in the name of "${v.name}".\nIf you did not register, ignore this e-mail: unless the link is opened nothing is registered and you will not hear from us again.`,
      },
      `${baseUrl}/network/verify/${v.token}`,
    ),
  });
}

async function unverifiedRequest(tx: Tx, tenantId: string, token: string) {
  const [req] = await tx
    .select()
    .from(alumniRegistrationRequests)
    .where(
      and(
        eq(alumniRegistrationRequests.tenantId, tenantId),
        eq(alumniRegistrationRequests.tokenHash, hashToken(token)),
      ),
    )
    .for('update');
  if (req?.status !== 'unverified' || req.expiresAt.getTime() < Date.now())
    throw new AppError('verification_invalid');
  return req;
}

export async function previewVerification(db: Database, token: string) {
  const tenantId = await unsafeFindRequestTenant(db, token);
  if (!tenantId) throw new AppError('verification_invalid');
  return db.withTenant(tenantId, async (tx) => {
    await requireActiveTenant(tx, tenantId);
    const req = await unverifiedRequest(tx, tenantId, token);
    const companyName = await tenantName(tx, tenantId);
    return { companyName: companyName, email: req.email, expiresAt: req.expiresAt.toISOString() };
  });
}

/** May this record be registered now? (The reasons are the field errors staff see.) */
function registrationRefusal(a: AlumnusRow) {
  if (a.anonymizedAt) return 'anonymized';
  if (a.userId) return 'already_registered';
  if (a.doNotContact) return 'do_not_contact';
  return null;
}

/**
 * The e-mailed link followed: when exactly one leaver record has this address and may be
 * registered, the person becomes a member on it at once, as an invitation would do (`member`:
 * the route signs them in after commit); otherwise the request waits for staff (`pending`).
 */
export async function verifySelfRegistration(db: Database, token: string, ip: string) {
  const tenantId = await unsafeFindRequestTenant(db, token);
  if (!tenantId) throw new AppError('verification_invalid');
  return db.withTenant(tenantId, async (tx) => {
    await requireActiveTenant(tx, tenantId);
    const req = await unverifiedRequest(tx, tenantId, token);
    const companyName = await tenantName(tx, tenantId);
    const records = await findAlumnusRowsByEmail(tx, tenantId, req.email, { forUpdate: true });
    const now = new Date();
    const only = records.length === 1 ? records[0]! : null;
    if (only && !registrationRefusal(only)) {
      const user = await registerOnRecord(tx, tenantId, only, requestInput(req), {
        ip,
        via: 'self_registration',
        noticeVersion: req.noticeVersion,
      });
      await tx
        .update(alumniRegistrationRequests)
        .set({ status: 'matched', verifiedAt: now, alumnusId: only.id, decidedAt: now })
        .where(
          and(eq(alumniRegistrationRequests.tenantId, tenantId), eq(alumniRegistrationRequests.id, req.id)),
        );
      return {
        status: 'registered' as const,
        companyName: companyName,
        email: req.email,
        member: { userId: user.id, tenantId },
      };
    }
    await tx
      .update(alumniRegistrationRequests)
      .set({ status: 'pending', verifiedAt: now })
      .where(
        and(eq(alumniRegistrationRequests.tenantId, tenantId), eq(alumniRegistrationRequests.id, req.id)),
      );
    await recordAudit(
      tx,
      { userId: null, name: `${req.familyName} ${req.givenName}`, ip },
      { action: 'registration_request.queue', subjectType: 'registration_request', subjectId: req.id },
    );
    return { status: 'queued' as const, companyName: companyName, email: req.email, member: null };
  });
}

function requestInput(req: RequestRow) {
  return {
    familyName: req.familyName,
    givenName: req.givenName,
    interests: req.interests as SelfRegistration['interests'],
    consents: req.consents as ConsentPurpose[],
  };
}

// ---- staff: the queue of self-registrations to match (照合待ち)

function presentRequest(r: RequestRow) {
  return {
    id: r.id,
    status: r.status as 'pending' | 'matched' | 'rejected',
    email: r.email,
    familyName: r.familyName,
    givenName: r.givenName,
    familyNameKana: r.familyNameKana,
    givenNameKana: r.givenNameKana,
    employeeNumber: r.employeeNumber,
    leaveYear: r.leaveYear,
    department: r.department,
    interests: r.interests as SelfRegistration['interests'],
    verifiedAt: (r.verifiedAt ?? r.createdAt).toISOString(),
    alumnusId: r.alumnusId,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}

/** A page of one status's requests, newest first, with how many have that status in all. */
export async function listRegistrationRequests(
  tx: Tx,
  tenantId: string,
  query: { status: 'pending' | 'matched' | 'rejected'; limit: number; cursor?: string | undefined },
) {
  const inStatus = and(
    eq(alumniRegistrationRequests.tenantId, tenantId),
    eq(alumniRegistrationRequests.status, query.status),
  );
  const rows = await tx
    .select()
    .from(alumniRegistrationRequests)
    .where(and(inStatus, olderThanCursor(alumniRegistrationRequests, query.cursor)))
    .orderBy(desc(alumniRegistrationRequests.createdAt), desc(alumniRegistrationRequests.id))
    .limit(query.limit + 1);
  const [counted] = await tx.select({ total: count() }).from(alumniRegistrationRequests).where(inStatus);
  const { items, nextCursor } = pageResult(rows, query.limit);
  return { items: items.map(presentRequest), nextCursor, total: counted?.total ?? 0 };
}

async function findRequest(tx: Tx, tenantId: string, requestId: string, forUpdate = false) {
  const query = tx
    .select()
    .from(alumniRegistrationRequests)
    .where(
      and(
        eq(alumniRegistrationRequests.tenantId, tenantId),
        eq(alumniRegistrationRequests.id, requestId),
        // an unverified request is not the company's to see yet
        sql`${alumniRegistrationRequests.status} <> 'unverified'`,
      ),
    );
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found');
  return row;
}

/** What a leaver record has in common with a request: e-mail, employee number, name, kana, leave year. */
function matchedOn(r: RequestRow, a: AlumnusRow): MatchAttribute[] {
  const on: MatchAttribute[] = [];
  if (a.email === r.email) on.push('email');
  if (r.employeeNumber && a.employeeNumber === r.employeeNumber) on.push('employee_number');
  if (
    normalizeSearchText(`${a.familyName}${a.givenName}`) ===
    normalizeSearchText(`${r.familyName}${r.givenName}`)
  )
    on.push('name');
  if (
    (r.familyNameKana || r.givenNameKana) &&
    normalizeSearchText(`${a.familyNameKana ?? ''}${a.givenNameKana ?? ''}`) ===
      normalizeSearchText(`${r.familyNameKana ?? ''}${r.givenNameKana ?? ''}`)
  )
    on.push('kana');
  if (r.leaveYear && a.leftOn.startsWith(`${r.leaveYear}-`)) on.push('leave_year');
  return on;
}

/** Neither the verified address nor the employee number: the record may be a namesake's. */
const needsConfirmation = (on: MatchAttribute[]) =>
  !on.some((a) => identifyingAttributes.includes(a as never));

/** Leaver records that may be this person: same e-mail, employee number, exact name or exact kana. */
async function candidatesFor(tx: Tx, tenantId: string, r: RequestRow) {
  const rows = await findPossibleMatches(tx, tenantId, r);
  return rows
    .map((a) => {
      const on = matchedOn(r, a);
      return {
        alumnusId: a.id,
        familyName: a.familyName,
        givenName: a.givenName,
        familyNameKana: a.familyNameKana,
        givenNameKana: a.givenNameKana,
        employeeNumber: a.employeeNumber,
        department: a.department,
        leftOn: a.leftOn,
        isRegistered: a.userId !== null,
        doNotContact: a.doNotContact,
        matchedOn: on,
        needsConfirmation: needsConfirmation(on),
      };
    })
    .filter((c) => c.matchedOn.some((a) => a !== 'leave_year'))
    .sort((x, y) => y.matchedOn.length - x.matchedOn.length);
}

/** One request with its candidate records. Audited: it shows personal data. */
export async function readRegistrationRequest(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  requestId: string,
) {
  const r = await findRequest(tx, tenantId, requestId);
  await recordAudit(tx, actor, {
    action: 'registration_request.read',
    subjectType: 'registration_request',
    subjectId: r.id,
  });
  return { ...presentRequest(r), candidates: await candidatesFor(tx, tenantId, r) };
}

async function pendingRequest(tx: Tx, tenantId: string, requestId: string) {
  const r = await findRequest(tx, tenantId, requestId, true);
  if (r.status !== 'pending') throw new AppError('conflict', [{ path: 'requestId', key: 'already_decided' }]);
  return r;
}

export interface DecidedRegistration {
  email: string;
  name: string;
  companyName: string;
  tenantId: string;
  outcome: 'registered' | 'rejected';
}

async function decided(tx: Tx, tenantId: string, r: RequestRow, outcome: DecidedRegistration['outcome']) {
  const companyName = await tenantName(tx, tenantId);
  return {
    mail: {
      email: r.email,
      name: `${r.familyName} ${r.givenName}`,
      companyName: companyName,
      tenantId,
      outcome,
    },
  };
}

/**
 * Registers the person on the record staff chose; the verified address becomes the record's
 * (audited with before and after). A record that shares neither the verified address nor the
 * employee number is taken only with staff's confirmation of a second attribute: a name alone
 * would hand a namesake's record, and the company's mail to it, to whoever typed that name.
 */
export async function matchRegistrationRequest(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  requestId: string,
  alumnusId: string,
  confirmation: { attribute: IdentityConfirmation; note: string } | null = null,
) {
  const r = await pendingRequest(tx, tenantId, requestId);
  if (!r.verifiedAt) throw new AppError('conflict', [{ path: 'requestId', key: 'verification_invalid' }]);
  const a = await findAlumnusRow(tx, tenantId, alumnusId, { forUpdate: true });
  if (!a) throw new AppError('validation_failed', [{ path: 'body.alumnusId', key: 'invalid_value' }]);
  const refusal = registrationRefusal(a);
  if (refusal) throw new AppError('conflict', [{ path: 'body.alumnusId', key: refusal }]);
  const on = matchedOn(r, a);
  if (needsConfirmation(on) && !confirmation)
    throw new AppError('conflict', [{ path: 'body.confirmation', key: 'identity_confirmation_required' }]);
  if (a.email !== r.email) {
    const [clash] = await findAlumnusRowsByEmail(tx, tenantId, r.email);
    if (clash) throw new AppError('conflict', [{ path: 'body.alumnusId', key: 'email_taken' }]);
    const updated = await changeAlumnusEmail(tx, tenantId, actor, a, r.email, {
      via: 'registration_request',
      requestId: r.id,
    });
    Object.assign(a, updated);
  }
  return finishMatch(tx, tenantId, actor, r, a, 'staff_match', {
    matchedOn: on,
    ...(needsConfirmation(on) && confirmation
      ? { confirmedBy: confirmation.attribute, confirmationNote: confirmation.note }
      : {}),
  });
}

async function finishMatch(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  r: RequestRow,
  a: AlumnusRow,
  via: 'staff_match' | 'staff_create',
  how: Record<string, unknown> = {},
) {
  await registerOnRecord(tx, tenantId, a, requestInput(r), {
    ip: actor.ip ?? '',
    via,
    actor,
    noticeVersion: r.noticeVersion,
  });
  const [updated] = await tx
    .update(alumniRegistrationRequests)
    .set({ status: 'matched', alumnusId: a.id, decidedAt: new Date(), decidedByUserId: actor.userId })
    .where(and(eq(alumniRegistrationRequests.tenantId, tenantId), eq(alumniRegistrationRequests.id, r.id)))
    .returning();
  await recordAudit(tx, actor, {
    action: via === 'staff_match' ? 'registration_request.match' : 'registration_request.create_record',
    subjectType: 'registration_request',
    subjectId: r.id,
    detail: { alumnusId: a.id, ...how },
  });
  return {
    request: { ...presentRequest(updated!), candidates: await candidatesFor(tx, tenantId, updated!) },
    ...(await decided(tx, tenantId, r, 'registered')),
  };
}

/** No record fits: staff create one from the request (with the leave date), then register the person. */
export async function createRecordFromRequest(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  requestId: string,
  input: { leftOn: string; leaveType: 'voluntary' | 'company' | 'contract_end' | 'other' },
) {
  const r = await pendingRequest(tx, tenantId, requestId);
  const created = await createAlumnus(tx, tenantId, actor, {
    familyName: r.familyName,
    givenName: r.givenName,
    familyNameKana: r.familyNameKana,
    givenNameKana: r.givenNameKana,
    email: r.email,
    employeeNumber: r.employeeNumber,
    department: r.department,
    leftOn: input.leftOn,
    leaveType: input.leaveType,
    hasDecisionAuthority: false,
    skills: [],
    interests: r.interests as SelfRegistration['interests'],
    returnConditions: {},
    tags: [],
    doNotContact: false,
  });
  const a = await findAlumnusRow(tx, tenantId, created.id);
  return finishMatch(tx, tenantId, actor, r, a!, 'staff_create');
}

export async function rejectRegistrationRequest(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  requestId: string,
  reason: string,
) {
  const r = await pendingRequest(tx, tenantId, requestId);
  const [updated] = await tx
    .update(alumniRegistrationRequests)
    .set({
      status: 'rejected',
      decisionReason: reason || null,
      decidedAt: new Date(),
      decidedByUserId: actor.userId,
    })
    .where(and(eq(alumniRegistrationRequests.tenantId, tenantId), eq(alumniRegistrationRequests.id, r.id)))
    .returning();
  await recordAudit(tx, actor, {
    action: 'registration_request.reject',
    subjectType: 'registration_request',
    subjectId: r.id,
  });
  return {
    request: { ...presentRequest(updated!), candidates: [] },
    ...(await decided(tx, tenantId, r, 'rejected')),
  };
}

/**
 * After commit: "registration complete, sign in here", or a polite notice of the refusal. Staff
 * decide, so the mail is in the language stored for the person — none is stored yet: Japanese.
 */
export function sendDecisionMail(mailer: Mailer, baseUrl: string, d: DecidedRegistration) {
  if (d.outcome === 'registered')
    return mailer.trySend({
      to: d.email,
      tenantId: d.tenantId,
      ...localizedMail(
        KNOWN_RECIPIENT_LOCALE,
        {
          ja: `${d.companyName} アルムナイ会員登録が完了しました`,
          en: `You are now a member of the ${d.companyName} alumni network`,
        },
        {
          ja: `${d.name} 様\n\n${d.companyName} のアルムナイ会員登録が完了しました。次のリンクから、このメールアドレス宛てのログインリンクでサインインできます。`,
          en: `Dear ${d.name},\n\nYour registration with the ${d.companyName} alumni network is complete. Sign in with a link sent to this address here:`,
        },
        `${baseUrl}/sign-in`,
      ),
    });
  return mailer.trySend({
    to: d.email,
    tenantId: d.tenantId,
    ...localizedMail(
      KNOWN_RECIPIENT_LOCALE,
      {
        ja: `${d.companyName} アルムナイ会員登録について`,
        en: `About your registration with the ${d.companyName} alumni network`,
      },
      {
        ja: `${d.name} 様\n\n${d.companyName} のアルムナイ会員にご登録いただき、ありがとうございました。大変恐縮ですが、退職者の記録と照合できなかったため、今回はご登録を承ることができませんでした。ご不明な点は、在籍時の人事担当までお問い合わせください。`,
        en: `Dear ${d.name},\n\nThank you for registering with the ${d.companyName} alumni network. We are sorry, but we could not match you to our records of former employees, so we cannot complete the registration this time. Please contact the HR department you worked with if you have questions.`,
      },
    ),
  });
}
