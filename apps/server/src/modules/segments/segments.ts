import type { AlumniFilter } from '@kizuna/contract';
import { alumniFilterSchema } from '@kizuna/contract';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { countAlumni } from '../alumni/index.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import { alumniSegments } from './tables.js';

function stored(filter: AlumniFilter): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
}

export async function listSegments(tx: Tx, tenantId: string) {
  const rows = await tx
    .select()
    .from(alumniSegments)
    .where(eq(alumniSegments.tenantId, tenantId))
    .orderBy(asc(alumniSegments.name));
  const out = [];
  for (const r of rows) {
    const filter = alumniFilterSchema.parse(r.filter);
    out.push({
      id: r.id,
      name: r.name,
      filter: r.filter,
      count: await countAlumni(tx, tenantId, filter),
      updatedAt: r.updatedAt.toISOString(),
    });
  }
  return out;
}

export async function saveSegment(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  input: { name: string; filter: AlumniFilter },
  segmentId?: string,
) {
  const [clash] = await tx
    .select({ id: alumniSegments.id })
    .from(alumniSegments)
    .where(and(eq(alumniSegments.tenantId, tenantId), eq(alumniSegments.name, input.name)));
  if (clash && clash.id !== segmentId)
    throw new AppError('conflict', [{ path: 'body.name', key: 'name_taken' }]);
  const values = { name: input.name, filter: stored(input.filter), updatedAt: new Date() };
  const [row] = segmentId
    ? await tx
        .update(alumniSegments)
        .set(values)
        .where(and(eq(alumniSegments.tenantId, tenantId), eq(alumniSegments.id, segmentId)))
        .returning()
    : await tx
        .insert(alumniSegments)
        .values({ tenantId, createdByUserId: actor.userId, ...values })
        .returning();
  if (!row) throw new AppError('not_found');
  await recordAudit(tx, actor, {
    action: segmentId ? 'segment.update' : 'segment.create',
    subjectType: 'segment',
    subjectId: row.id,
    detail: { name: row.name },
  });
  return {
    id: row.id,
    name: row.name,
    filter: row.filter,
    count: await countAlumni(tx, tenantId, input.filter),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function deleteSegment(tx: Tx, tenantId: string, actor: AuditActor, segmentId: string) {
  const [row] = await tx
    .delete(alumniSegments)
    .where(and(eq(alumniSegments.tenantId, tenantId), eq(alumniSegments.id, segmentId)))
    .returning({ id: alumniSegments.id, name: alumniSegments.name });
  if (!row) throw new AppError('not_found');
  await recordAudit(tx, actor, {
    action: 'segment.delete',
    subjectType: 'segment',
    subjectId: row.id,
    detail: { name: row.name },
  });
}
