import type { AlumniFilter } from '@kizuna/contract';
import { and, count, eq, inArray, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { alumniConditions } from './records.js';
import { type AlumnusRow, alumni } from './tables.js';

/**
 * The alumni records as other modules reach them (membership, segments, the seed): whole rows by
 * id, by member or by address, a set of fields written back, counts and contacts for a filter.
 * Only this module reads or writes the alumni table itself.
 */

type Lock = { forUpdate?: boolean };

export async function findAlumnusRow(tx: Tx, tenantId: string, alumnusId: string, lock: Lock = {}) {
  const query = tx
    .select()
    .from(alumni)
    .where(and(eq(alumni.tenantId, tenantId), eq(alumni.id, alumnusId)));
  const [row] = lock.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** The record a member's account is linked to. */
export async function findAlumnusRowOfUser(tx: Tx, tenantId: string, userId: string, lock: Lock = {}) {
  const query = tx
    .select()
    .from(alumni)
    .where(and(eq(alumni.tenantId, tenantId), eq(alumni.userId, userId)));
  const [row] = lock.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function findAlumnusRowsByEmail(tx: Tx, tenantId: string, email: string, lock: Lock = {}) {
  const query = tx
    .select()
    .from(alumni)
    .where(and(eq(alumni.tenantId, tenantId), eq(alumni.email, email)));
  return lock.forUpdate ? await query.for('update') : await query;
}

/** Records that may be the same person as a registration (e-mail, name, employee number or kana). */
export async function findPossibleMatches(
  tx: Tx,
  tenantId: string,
  who: {
    email: string;
    familyName: string;
    givenName: string;
    employeeNumber?: string | null;
    familyNameKana?: string | null;
  },
  limit = 50,
) {
  const either: SQL[] = [
    eq(alumni.email, who.email),
    and(eq(alumni.familyName, who.familyName), eq(alumni.givenName, who.givenName))!,
  ];
  if (who.employeeNumber) either.push(eq(alumni.employeeNumber, who.employeeNumber));
  if (who.familyNameKana) either.push(eq(alumni.familyNameKana, who.familyNameKana));
  return tx
    .select()
    .from(alumni)
    .where(and(eq(alumni.tenantId, tenantId), isNull(alumni.anonymizedAt), or(...either)))
    .limit(limit);
}

/** Writes the given fields of one record and returns it as stored (the caller bumps the version). */
export async function setAlumnusFields(
  tx: Tx,
  tenantId: string,
  alumnusId: string,
  fields: Partial<Omit<AlumnusRow, 'id' | 'tenantId'>>,
): Promise<AlumnusRow> {
  const [row] = await tx
    .update(alumni)
    .set(fields)
    .where(and(eq(alumni.tenantId, tenantId), eq(alumni.id, alumnusId)))
    .returning();
  return row!;
}

/** How many alumni a filter matches now. */
export async function countAlumni(tx: Tx, tenantId: string, filter: AlumniFilter) {
  const [row] = await tx
    .select({ n: count() })
    .from(alumni)
    .where(and(...(await alumniConditions(tx, tenantId, filter))));
  return row?.n ?? 0;
}

/** What an invitation needs to know of each record a filter matches. */
export function invitationFactsOf(tx: Tx, tenantId: string, filter: AlumniFilter) {
  return alumniConditions(tx, tenantId, filter).then((where) =>
    tx
      .select({
        id: alumni.id,
        email: alumni.email,
        userId: alumni.userId,
        doNotContact: alumni.doNotContact,
        anonymizedAt: alumni.anonymizedAt,
        leaveType: alumni.leaveType,
      })
      .from(alumni)
      .where(and(...where)),
  );
}

/**
 * Of the given records, those that may be contacted now: registered, not do-not-contact, not
 * anonymized (consent is membership's to check, before it asks).
 */
export async function reachableMembers(tx: Tx, tenantId: string, alumnusIds: string[]) {
  if (alumnusIds.length === 0) return [];
  return tx
    .select({ id: alumni.id, email: alumni.email })
    .from(alumni)
    .where(
      and(
        eq(alumni.tenantId, tenantId),
        inArray(alumni.id, alumnusIds),
        isNotNull(alumni.userId),
        eq(alumni.doNotContact, false),
        isNull(alumni.anonymizedAt),
      ),
    );
}
