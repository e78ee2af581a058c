import type { AcceptInvitation, CreateInvitation } from '@kizuna/contract';
import { and, desc, eq } from 'drizzle-orm';
import { todayInTokyo } from '../../platform/dates.js';
import type { Database, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { olderThanCursor, pageResult } from '../../platform/http.js';
import { KNOWN_RECIPIENT_LOCALE, localizedMail } from '../../platform/mail-templates.js';
import { hashToken, newToken, unsafeFindTenantByToken } from '../../platform/tokens.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import type { Mailer } from '../mail/index.js';
import { requireActiveTenant, tenantName } from '../tenants/index.js';
import { authUser, invitations, memberships } from './tables.js';
import { createUser, findUserByEmail } from './users.js';

export const INVITATION_TTL_DAYS = 7;

const roleLabel = {
  company_admin: { ja: '企業管理者', en: 'company admin' },
  company_staff: { ja: '企業スタッフ', en: 'company staff' },
  employee: { ja: '従業員', en: 'employee' },
} as const;

function statusOf(row: { status: 'pending' | 'accepted' | 'revoked'; expiresAt: Date }) {
  return row.status === 'pending' && row.expiresAt.getTime() < Date.now() ? ('expired' as const) : row.status;
}

/** A page of the company's staff invitations, newest first. */
export async function listInvitations(
  tx: Tx,
  tenantId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const rows = await tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      status: invitations.status,
      invitedByName: authUser.name,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .leftJoin(authUser, eq(authUser.id, invitations.invitedByUserId))
    .where(and(eq(invitations.tenantId, tenantId), olderThanCursor(invitations, page.cursor)))
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(page.limit + 1);
  const { items, nextCursor } = pageResult(rows, page.limit);
  const presented = items.map((r) => ({
    ...r,
    role: r.role as CreateInvitation['role'],
    status: statusOf(r),
    expiresAt: r.expiresAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
  }));
  return { items: presented, nextCursor };
}

export interface IssuedInvitation {
  id: string;
  email: string;
  role: CreateInvitation['role'];
  token: string;
  tenantId: string;
  tenantName: string;
}

/** 409 for an address with a pending invitation, saying when it was sent (a day in Japan). */
export function invitationPending(sentAt: Date) {
  return new AppError('invitation_pending', [
    { path: 'body.email', key: 'invitation_pending', params: { date: todayInTokyo(sentAt) } },
  ]);
}

/**
 * Issues an invitation. An address with a pending (unexpired) invitation answers 409
 * `invitation_pending` with the day it was sent, unless `replace` says to replace it (a resend):
 * then the old link stops working. Mail is sent after commit.
 */
export async function inviteStaff(tx: Tx, tenantId: string, actor: AuditActor, input: CreateInvitation) {
  const existing = await findUserByEmail(tx, input.email);
  if (existing) {
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(eq(memberships.userId, existing.id));
    if (member) throw new AppError('already_member', [{ path: 'body.email', key: 'already_member' }]);
  }
  const [pending] = await tx
    .select({ createdAt: invitations.createdAt, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        eq(invitations.email, input.email),
        eq(invitations.status, 'pending'),
      ),
    )
    .for('update');
  if (pending && !input.replace && pending.expiresAt.getTime() >= Date.now())
    throw invitationPending(pending.createdAt);
  await tx
    .update(invitations)
    .set({ status: 'revoked', updatedAt: new Date() })
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        eq(invitations.email, input.email),
        eq(invitations.status, 'pending'),
      ),
    );
  const { token, tokenHash } = newToken();
  const [row] = await tx
    .insert(invitations)
    .values({
      tenantId,
      email: input.email,
      role: input.role,
      tokenHash,
      invitedByUserId: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
    })
    .returning({ id: invitations.id });
  const companyName = await tenantName(tx, tenantId);
  await recordAudit(tx, actor, {
    action: 'invitation.create',
    subjectType: 'invitation',
    subjectId: row!.id,
    detail: { email: input.email, role: input.role, ...(pending ? { replaced: true } : {}) },
  });
  return { id: row!.id, email: input.email, role: input.role, token, tenantId, tenantName: companyName };
}

async function findInvitation(tx: Tx, tenantId: string, invitationId: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, invitationId)))
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

export async function reissueInvitation(tx: Tx, tenantId: string, actor: AuditActor, invitationId: string) {
  const row = await findInvitation(tx, tenantId, invitationId);
  if (row.status === 'accepted') throw new AppError('conflict');
  return inviteStaff(tx, tenantId, actor, {
    email: row.email,
    role: row.role as CreateInvitation['role'],
    replace: true,
  });
}

export async function revokeInvitation(tx: Tx, tenantId: string, actor: AuditActor, invitationId: string) {
  const row = await findInvitation(tx, tenantId, invitationId);
  if (row.status !== 'pending') throw new AppError('conflict');
  await tx
    .update(invitations)
    .set({ status: 'revoked', updatedAt: new Date() })
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, invitationId)));
  await recordAudit(tx, actor, {
    action: 'invitation.revoke',
    subjectType: 'invitation',
    subjectId: invitationId,
    detail: { email: row.email },
  });
}

export function invitationUrl(baseUrl: string, token: string) {
  return `${baseUrl}/invitations/${token}`;
}

/** Mails the link; false when delivery failed (the invitation stays pending for a resend). */
export async function sendInvitationMail(mailer: Mailer, baseUrl: string, invitation: IssuedInvitation) {
  const role = roleLabel[invitation.role];
  return mailer.trySend({
    to: invitation.email,
    tenantId: invitation.tenantId,
    ...localizedMail(
      KNOWN_RECIPIENT_LOCALE,
      {
        ja: `${invitation.tenantName} から Kizuna への招待`,
        en: `${invitation.tenantName} invites you to Kizuna`,
      },
      {
        ja: `${invitation.tenantName} の${role.ja}として Kizuna に招待されました。\n${INVITATION_TTL_DAYS}日以内に次のリンクから登録してください。`,
        en: `You have been invited to Kizuna as ${role.en} of ${invitation.tenantName}.\nAccept within ${INVITATION_TTL_DAYS} days with this link.`,
      },
      invitationUrl(baseUrl, invitation.token),
    ),
  });
}

/**
 * The invitation's company, found by the token's hash. An invitee has no session yet, so this
 * crosses tenants by design; everything after it runs inside that company's RLS scope.
 */
function unsafeFindInvitationTenant(db: Database, token: string) {
  return unsafeFindTenantByToken(db, invitations, invitations.tokenHash, token);
}

async function pendingInvitation(tx: Tx, token: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashToken(token)))
    .for('update');
  if (!row || statusOf(row) !== 'pending') throw new AppError('invitation_invalid');
  return row;
}

export async function previewInvitation(db: Database, token: string) {
  const tenantId = await unsafeFindInvitationTenant(db, token);
  if (!tenantId) throw new AppError('invitation_invalid');
  return db.withTenant(tenantId, async (tx) => {
    await requireActiveTenant(tx, tenantId);
    const row = await pendingInvitation(tx, token);
    return {
      tenantName: await tenantName(tx, tenantId),
      email: row.email,
      role: row.role as CreateInvitation['role'],
      hasAccount: (await findUserByEmail(tx, row.email)) !== null,
      expiresAt: row.expiresAt.toISOString(),
    };
  });
}

/** Accepts: creates the account when needed, the membership, and marks the invitation used. */
export async function acceptInvitation(db: Database, token: string, input: AcceptInvitation, ip: string) {
  const tenantId = await unsafeFindInvitationTenant(db, token);
  if (!tenantId) throw new AppError('invitation_invalid');
  return db.withTenant(tenantId, async (tx) => {
    await requireActiveTenant(tx, tenantId);
    const row = await pendingInvitation(tx, token);
    let user = await findUserByEmail(tx, row.email);
    const createdAccount = !user;
    if (!user) {
      const fields = [];
      if (!input.name) fields.push({ path: 'body.name', key: 'required' });
      if (!input.password) fields.push({ path: 'body.password', key: 'required' });
      if (fields.length) throw new AppError('validation_failed', fields);
      user = await createUser(tx, { email: row.email, name: input.name!, password: input.password! });
    }
    const [already] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(eq(memberships.userId, user.id));
    if (already) throw new AppError('already_member');
    const [membership] = await tx
      .insert(memberships)
      .values({ tenantId, userId: user.id, role: row.role })
      .returning({ id: memberships.id });
    await tx
      .update(invitations)
      .set({ status: 'accepted', acceptedMembershipId: membership!.id, updatedAt: new Date() })
      .where(eq(invitations.id, row.id));
    await recordAudit(
      tx,
      { userId: user.id, name: user.name, ip },
      {
        action: 'invitation.accept',
        subjectType: 'membership',
        subjectId: membership!.id,
        detail: { email: row.email, role: row.role, createdAccount },
      },
    );
    return { email: row.email, createdAccount };
  });
}
