import {
  type ImportDefaults,
  type ImportValueMaps,
  importDefaultsSchema,
  importValueMapsSchema,
} from '@kizuna/contract';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import type { ColumnMapping } from './import.js';
import { alumniImportMappings } from './tables.js';

/** A saved mapping: the columns, the values for all rows, the file's own values read as ours. */
export interface SavedMapping {
  columns: ColumnMapping;
  defaults: ImportDefaults;
  values: ImportValueMaps;
}

type Row = typeof alumniImportMappings.$inferSelect;

function presentMapping(r: Row) {
  return {
    id: r.id,
    name: r.name,
    columns: r.columns as ColumnMapping,
    // stored by an earlier version of the contract, read leniently: what no longer fits is dropped
    defaults: importDefaultsSchema.catch({}).parse(r.defaults),
    values: importValueMapsSchema.catch({}).parse(r.values),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listMappings(tx: Tx, tenantId: string) {
  const rows = await tx
    .select()
    .from(alumniImportMappings)
    .where(eq(alumniImportMappings.tenantId, tenantId))
    .orderBy(asc(alumniImportMappings.name));
  return rows.map(presentMapping);
}

/** Saves a custom mapping under a name (replacing one of the same name). */
export async function saveMapping(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  name: string,
  mapping: SavedMapping,
) {
  const { columns, defaults, values } = mapping;
  const [row] = await tx
    .insert(alumniImportMappings)
    .values({ tenantId, name, columns, defaults, values })
    .onConflictDoUpdate({
      target: [alumniImportMappings.tenantId, alumniImportMappings.name],
      set: { columns, defaults, values, updatedAt: new Date() },
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'alumni.mapping_save',
    subjectType: 'import_mapping',
    subjectId: row!.id,
    detail: { name },
  });
  return presentMapping(row!);
}

export async function findMapping(tx: Tx, tenantId: string, name: string): Promise<SavedMapping | null> {
  const [row] = await tx
    .select()
    .from(alumniImportMappings)
    .where(and(eq(alumniImportMappings.tenantId, tenantId), eq(alumniImportMappings.name, name)));
  if (!row) return null;
  const { columns, defaults, values } = presentMapping(row);
  return { columns, defaults, values };
}
