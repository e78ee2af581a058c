import { type InvitableRole, invitableRoles, type OperatorRole } from '@kizuna/contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import { authUser, invitations, memberships, operatorStaff } from './tables.js';

/** The company's staff: its admins, HR members and employees (alumni are members, not staff). */
export async function listStaff(tx: Tx, tenantId: string) {
  const rows = await tx
    .select({
      membershipId: memberships.id,
      userId: memberships.userId,
      name: authUser.name,
      email: authUser.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(authUser, eq(authUser.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), inArray(memberships.role, [...invitableRoles])))
    .orderBy(asc(memberships.role), asc(authUser.name));
  return rows.map((r) => ({ ...r, joinedAt: r.joinedAt.toISOString() }));
}

async function personOf(tx: Tx, userId: string) {
  const [user] = await tx
    .select({ name: authUser.name, email: authUser.email })
    .from(authUser)
    .where(eq(authUser.id, userId));
  return user ?? { name: null, email: null };
}

/**
 * Locks the company's admin rows (in one order, so concurrent changes queue instead of deadlocking)
 * and then the member of staff changed. Under PostgreSQL's read committed, a change waiting here
 * re-reads the rows after the one before it commits: of two concurrent demotions of the last two
 * admins, the second sees one admin left and is refused. Returns the number of admins and the row.
 */
async function lockStaffMember(tx: Tx, tenantId: string, membershipId: string) {
  const admins = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'company_admin')))
    .orderBy(asc(memberships.id))
    .for('update');
  const [row] = await tx
    .select({ id: memberships.id, userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.id, membershipId),
        inArray(memberships.role, [...invitableRoles]),
      ),
    )
    .for('update');
  if (!row) throw new AppError('not_found');
  return { adminCount: admins.length, row: row as typeof row & { role: InvitableRole } };
}

/**
 * Gives a member of staff another role; the company's last admin keeps theirs (409 `last_admin`).
 * Returns the user whose sessions the caller ends after commit, or null when nothing changed.
 */
export async function changeStaffRole(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  membershipId: string,
  role: InvitableRole,
) {
  const { adminCount, row } = await lockStaffMember(tx, tenantId, membershipId);
  if (row.role === role) return null;
  if (row.role === 'company_admin' && adminCount <= 1) throw new AppError('last_admin');
  await tx
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId)));
  const person = await personOf(tx, row.userId);
  await recordAudit(tx, actor, {
    action: 'staff.role_change',
    subjectType: 'membership',
    subjectId: membershipId,
    detail: { email: person.email, before: row.role, after: role },
  });
  return { userId: row.userId };
}

/** Removes a member of staff from the company (their account stays); never the last admin. */
export async function removeStaff(tx: Tx, tenantId: string, actor: AuditActor, membershipId: string) {
  const { adminCount, row } = await lockStaffMember(tx, tenantId, membershipId);
  if (row.role === 'company_admin' && adminCount <= 1) throw new AppError('last_admin');
  const person = await personOf(tx, row.userId);
  // the invitation they joined by stays in the list as accepted, no longer pointing at the membership
  await tx
    .update(invitations)
    .set({ acceptedMembershipId: null, updatedAt: new Date() })
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.acceptedMembershipId, membershipId)));
  await tx
    .delete(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId)));
  await recordAudit(tx, actor, {
    action: 'staff.remove',
    subjectType: 'membership',
    subjectId: membershipId,
    detail: { email: person.email, name: person.name, before: row.role, after: null },
  });
  return { userId: row.userId };
}

/*
 * The operator's staff. The application role may not touch `operator_staff` at all (no company
 * transaction may make someone operator staff), so these run on the owner connection, behind the
 * route's `operator-staff:manage`, each change and its audit entry (operator log) in one transaction.
 */

/** Operator admins and interviewers. */
export async function unsafeListOperatorStaff(db: Database) {
  const rows = await db.unsafeOwner
    .select({
      userId: operatorStaff.userId,
      name: authUser.name,
      email: authUser.email,
      role: operatorStaff.role,
      since: operatorStaff.createdAt,
    })
    .from(operatorStaff)
    .innerJoin(authUser, eq(authUser.id, operatorStaff.userId))
    .orderBy(asc(operatorStaff.role), asc(authUser.name));
  return rows.map((r) => ({ ...r, since: r.since.toISOString() }));
}

/** As `lockStaffMember`, for the operator's staff: every operator admin's row, then the one changed. */
async function lockOperatorStaffMember(tx: Tx, userId: string) {
  const admins = await tx
    .select({ userId: operatorStaff.userId })
    .from(operatorStaff)
    .where(eq(operatorStaff.role, 'operator_admin'))
    .orderBy(asc(operatorStaff.userId))
    .for('update');
  const [row] = await tx
    .select({ userId: operatorStaff.userId, role: operatorStaff.role })
    .from(operatorStaff)
    .where(eq(operatorStaff.userId, userId))
    .for('update');
  if (!row) throw new AppError('not_found');
  return { adminCount: admins.length, row };
}

/** Gives a member of the operator's staff another role; never the last operator admin. */
export async function unsafeChangeOperatorStaffRole(
  db: Database,
  actor: AuditActor,
  userId: string,
  role: OperatorRole,
) {
  return db.unsafeOwner.transaction(async (tx) => {
    const { adminCount, row } = await lockOperatorStaffMember(tx, userId);
    if (row.role === role) return null;
    if (row.role === 'operator_admin' && adminCount <= 1) throw new AppError('last_admin');
    await tx.update(operatorStaff).set({ role }).where(eq(operatorStaff.userId, userId));
    const person = await personOf(tx, userId);
    await recordAudit(tx, actor, {
      action: 'operator_staff.role_change',
      subjectType: 'operator_staff',
      subjectId: userId,
      detail: { email: person.email, name: person.name, before: row.role, after: role },
    });
    return { userId };
  });
}

/** Removes a member of the operator's staff (their account stays); never the last operator admin. */
export async function unsafeRemoveOperatorStaff(db: Database, actor: AuditActor, userId: string) {
  return db.unsafeOwner.transaction(async (tx) => {
    const { adminCount, row } = await lockOperatorStaffMember(tx, userId);
    if (row.role === 'operator_admin' && adminCount <= 1) throw new AppError('last_admin');
    const person = await personOf(tx, userId);
    await tx.delete(operatorStaff).where(eq(operatorStaff.userId, userId));
    await recordAudit(tx, actor, {
      action: 'operator_staff.remove',
      subjectType: 'operator_staff',
      subjectId: userId,
      detail: { email: person.email, name: person.name, before: row.role, after: null },
    });
    return { userId };
  });
}
