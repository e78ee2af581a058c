import type { AuditAction } from '@kizuna/contract';
import type { Database, Tx } from '../../platform/db/database.js';

/**
 * Display names by id, read in the caller's transaction: in a company's transaction row-level
 * security lets a lookup see that company's rows only. Ids it does not know are left out.
 */
export type NameLookup = (tx: Tx, ids: string[]) => Promise<Map<string, string>>;

/**
 * How the log names what it shows. Audit is the base module every other one records into, so it
 * imports none of them: the composition root (app.ts) hands their lookups in.
 */
export interface AuditNames {
  /** Company names (each entry's company). */
  tenantNames: NameLookup;
  /**
   * Per subject type, the subject's name as it is now: an alumnus's name (an anonymized one's
   * placeholder), a staff member's, a segment's… A type without a lookup shows no name, unless
   * its entries record one (see `RECORDED_NAME`).
   */
  subjectNames: Partial<Record<string, NameLookup>>;
}

/** The columns naming needs from an entry. */
export interface Nameable {
  tenantId: string | null;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail: Record<string, unknown>;
}

export type Named<T> = T & { tenantName: string | null; subjectName: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Subject types whose entries carry the subject's name in `detail.name` when it was written (a
 * segment's, a mapping's): shown when the subject is gone (a deleted segment) or has no lookup.
 */
const RECORDED_NAME = new Set(['segment', 'import_mapping', 'tenant']);

/**
 * What only the member does, on their own record (the portal): the entry's actor is the person
 * the subject is. Their recorded name is replaced by the record's name as it is now, so after an
 * anonymization (APPI) the log shows the placeholder rather than the erased name.
 */
const MEMBERS_OWN: ReadonlySet<string> = new Set<AuditAction>([
  'alumnus.self_read',
  'alumnus.self_update',
  'alumnus.self_export',
  'alumnus.profile_confirm',
  'consent.change',
  'consent.opt_out',
]);

export function isMembersOwnAct(entry: Pick<Nameable, 'action' | 'subjectType' | 'detail'>): boolean {
  if (entry.subjectType !== 'alumnus') return false;
  if (MEMBERS_OWN.has(entry.action)) return true;
  // registering through an invitation or the public page (not a match made by staff)
  const via = entry.detail.via;
  return entry.action === 'alumnus.register' && (via === 'invitation' || via === 'self_registration');
}

/** Names the entries of one scope (one company's, or the operator's), in that scope's transaction. */
export async function nameEntries<T extends Nameable>(
  tx: Tx,
  names: AuditNames,
  rows: T[],
): Promise<Named<T>[]> {
  const tenantIds = [...new Set(rows.flatMap((r) => (r.tenantId ? [r.tenantId] : [])))];
  const tenantNames = tenantIds.length ? await names.tenantNames(tx, tenantIds) : new Map<string, string>();

  const idsByType = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!r.subjectId || !UUID.test(r.subjectId) || !names.subjectNames[r.subjectType]) continue;
    const ids = idsByType.get(r.subjectType) ?? new Set<string>();
    ids.add(r.subjectId);
    idsByType.set(r.subjectType, ids);
  }
  const found = new Map<string, Map<string, string>>();
  for (const [type, ids] of idsByType) found.set(type, await names.subjectNames[type]!(tx, [...ids]));

  return rows.map((r) => {
    const recorded =
      RECORDED_NAME.has(r.subjectType) && typeof r.detail.name === 'string' ? r.detail.name : null;
    const subjectName = (r.subjectId && found.get(r.subjectType)?.get(r.subjectId)) || recorded;
    return {
      ...r,
      actorName: isMembersOwnAct(r) && subjectName ? subjectName : r.actorName,
      tenantName: r.tenantId ? (tenantNames.get(r.tenantId) ?? null) : null,
      subjectName,
    };
  });
}

/**
 * Names entries of many companies (the operator's list): each company's in a transaction of its
 * own, so every lookup runs under that company's row-level security, as in its own log. Order kept.
 * Runs transactions one after another: never call it with a transaction open (PGlite).
 */
export async function nameEntriesAcrossTenants<T extends Nameable>(
  db: Database,
  names: AuditNames,
  rows: T[],
): Promise<Named<T>[]> {
  const byTenant = new Map<string | null, number[]>();
  rows.forEach((r, i) => {
    const list = byTenant.get(r.tenantId) ?? [];
    list.push(i);
    byTenant.set(r.tenantId, list);
  });
  const named: Named<T>[] = new Array(rows.length);
  for (const [tenantId, indexes] of byTenant) {
    const group = indexes.map((i) => rows[i]!);
    const run = (tx: Tx) => nameEntries(tx, names, group);
    const result = tenantId ? await db.withTenant(tenantId, run) : await db.withoutTenant(run);
    result.forEach((entry, j) => {
      named[indexes[j]!] = entry;
    });
  }
  return named;
}
