import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import type { ColumnMapping } from './import.js';
import { alumniImportMappings } from './tables.js';

export async function listMappings(tx: Tx, tenantId: string) {
  const rows = await tx
    .select()
    .from(alumniImportMappings)
    .where(eq(alumniImportMappings.tenantId, tenantId))
    .orderBy(asc(alumniImportMappings.name));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    columns: r.columns as ColumnMapping,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** Saves a custom mapping under a name (replacing one of the same name). */
export async function saveMapping(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  name: string,
  columns: ColumnMapping,
) {
  const [row] = await tx
    .insert(alumniImportMappings)
    .values({ tenantId, name, columns })
    .onConflictDoUpdate({
      target: [alumniImportMappings.tenantId, alumniImportMappings.name],
      set: { columns, updatedAt: new Date() },
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'alumni.mapping_save',
    subjectType: 'import_mapping',
    subjectId: row!.id,
    detail: { name },
  });
  return {
    id: row!.id,
    name: row!.name,
    columns: row!.columns as ColumnMapping,
    updatedAt: row!.updatedAt.toISOString(),
  };
}

export async function findMapping(tx: Tx, tenantId: string, name: string) {
  const [row] = await tx
    .select()
    .from(alumniImportMappings)
    .where(and(eq(alumniImportMappings.tenantId, tenantId), eq(alumniImportMappings.name, name)));
  return (row?.columns as ColumnMapping | undefined) ?? null;
}
