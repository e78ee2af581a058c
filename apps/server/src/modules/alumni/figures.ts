import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { alumni } from './tables.js';

/**
 * The company's alumni in two numbers, in one statement: the records that still stand for a
 * person (anonymized ones excluded; leavers at the retirement age only if the company counts
 * them as alumni) and, of those, the registered members.
 */
export async function countAlumniAndMembers(
  tx: Tx,
  tenantId: string,
  counted: { retireesAreAlumni: boolean },
) {
  const [row] = await tx
    .select({
      alumni: sql<number>`count(*)`.mapWith(Number),
      members: sql<number>`count(*) filter (where ${alumni.userId} is not null)`.mapWith(Number),
    })
    .from(alumni)
    .where(
      and(
        eq(alumni.tenantId, tenantId),
        isNull(alumni.anonymizedAt),
        counted.retireesAreAlumni ? undefined : ne(alumni.leaveType, 'retirement'),
      ),
    );
  return { alumni: row?.alumni ?? 0, members: row?.members ?? 0 };
}
