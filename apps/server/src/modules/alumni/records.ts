import type { AlumniFilter, Alumnus, AlumnusInput, alumniSorts } from '@kizuna/contract';
import { and, asc, count, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { todayInTokyo } from '../../platform/dates.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http.js';
import { type AuditActor, recordAudit, subjectTimeline } from '../audit/index.js';
import { retireesAreAlumni } from '../network/index.js';
import {
  type AlumniDefinition,
  type EligibilityRules,
  eligibilityCondition,
  eligibilityUnknownCondition,
  evaluateEligibility,
  findPolicy,
  policyRulesOf,
} from '../rehire-policy/index.js';
import { searchGrams, searchQuery, searchTextOf } from './search-text.js';
import { type AlumnusRow, alumni } from './tables.js';

/** A stored record as the staff input it would have come from (for `columnsOf`). */
export function inputOf(row: AlumnusRow): AlumnusInput {
  return {
    familyName: row.familyName,
    givenName: row.givenName,
    familyNameKana: row.familyNameKana,
    givenNameKana: row.givenNameKana,
    email: row.email,
    phone: row.phone,
    employeeNumber: row.employeeNumber,
    department: row.department,
    position: row.position,
    joinedOn: row.joinedOn,
    leftOn: row.leftOn,
    leaveType: row.leaveType,
    leaveReasonCategory: row.leaveReasonCategory as AlumnusInput['leaveReasonCategory'],
    leaveReasonNote: row.leaveReasonNote,
    currentCompany: row.currentCompany,
    currentTitle: row.currentTitle,
    hasDecisionAuthority: row.hasDecisionAuthority,
    skills: row.skills,
    interests: row.interests as AlumnusInput['interests'],
    returnConditions: row.returnConditions,
    tags: row.tags,
    internalNotes: row.internalNotes,
    doNotContact: row.doNotContact,
    doNotContactReason: row.doNotContactReason,
  };
}

/** The stored columns of an input, with its search text and grams. */
export function columnsOf(input: AlumnusInput) {
  const searchText = searchTextOf([
    `${input.familyName}${input.givenName}`,
    input.familyNameKana || input.givenNameKana
      ? `${input.familyNameKana ?? ''}${input.givenNameKana ?? ''}`
      : null,
    input.email,
    input.employeeNumber,
  ]);
  return {
    familyName: input.familyName,
    givenName: input.givenName,
    familyNameKana: input.familyNameKana ?? null,
    givenNameKana: input.givenNameKana ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    employeeNumber: input.employeeNumber ?? null,
    department: input.department ?? null,
    position: input.position ?? null,
    joinedOn: input.joinedOn ?? null,
    leftOn: input.leftOn,
    leaveType: input.leaveType,
    leaveReasonCategory: input.leaveReasonCategory ?? null,
    leaveReasonNote: input.leaveReasonNote ?? null,
    currentCompany: input.currentCompany ?? null,
    currentTitle: input.currentTitle ?? null,
    hasDecisionAuthority: input.hasDecisionAuthority,
    skills: input.skills,
    interests: input.interests,
    returnConditions: input.returnConditions,
    tags: input.tags,
    internalNotes: input.internalNotes ?? null,
    doNotContact: input.doNotContact,
    doNotContactReason: input.doNotContact ? (input.doNotContactReason ?? null) : null,
    searchText,
    searchGrams: searchGrams(searchText),
  };
}
export type AlumnusColumns = ReturnType<typeof columnsOf>;

/** What a verdict is judged by: the company's rehire rules, and whom it counts as alumni. */
type Judging = EligibilityRules & AlumniDefinition;

async function judgingOf(tx: Tx, tenantId: string): Promise<Judging | null> {
  const policy = await findPolicy(tx, tenantId);
  return policy ? { ...policy, retireesAreAlumni: await retireesAreAlumni(tx, tenantId) } : null;
}

export function present(row: AlumnusRow, policy: Judging | null = null, today = todayInTokyo()): Alumnus {
  return {
    id: row.id,
    familyName: row.familyName,
    givenName: row.givenName,
    familyNameKana: row.familyNameKana,
    givenNameKana: row.givenNameKana,
    email: row.email,
    phone: row.phone,
    employeeNumber: row.employeeNumber,
    department: row.department,
    position: row.position,
    joinedOn: row.joinedOn,
    leftOn: row.leftOn,
    leaveType: row.leaveType,
    leaveReasonCategory: row.leaveReasonCategory as Alumnus['leaveReasonCategory'],
    leaveReasonNote: row.leaveReasonNote,
    currentCompany: row.currentCompany,
    currentTitle: row.currentTitle,
    hasDecisionAuthority: row.hasDecisionAuthority,
    skills: row.skills,
    interests: row.interests as Alumnus['interests'],
    returnConditions: row.returnConditions,
    tags: row.tags,
    internalNotes: row.internalNotes,
    doNotContact: row.doNotContact,
    doNotContactReason: row.doNotContactReason,
    isRegistered: row.userId !== null,
    anonymizedAt: row.anonymizedAt?.toISOString() ?? null,
    eligibility: policy ? evaluateEligibility(row, policy, today, policy) : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Employee numbers and e-mails are unique per company: say which field clashes. */
async function uniquenessProblems(tx: Tx, tenantId: string, input: AlumnusInput, exceptId?: string) {
  const problems: FieldProblem[] = [];
  const others = (cond: SQL) =>
    tx
      .select({ id: alumni.id })
      .from(alumni)
      .where(and(eq(alumni.tenantId, tenantId), cond, exceptId ? ne(alumni.id, exceptId) : undefined))
      .limit(1);
  if (input.employeeNumber && (await others(eq(alumni.employeeNumber, input.employeeNumber))).length)
    problems.push({ path: 'body.employeeNumber', key: 'employee_number_taken' });
  if (input.email && (await others(eq(alumni.email, input.email))).length)
    problems.push({ path: 'body.email', key: 'email_taken' });
  return problems;
}

export async function createAlumnus(tx: Tx, tenantId: string, actor: AuditActor, input: AlumnusInput) {
  const problems = await uniquenessProblems(tx, tenantId, input);
  if (problems.length) throw new AppError('conflict', problems);
  const [row] = await tx
    .insert(alumni)
    .values({ tenantId, ...columnsOf(input) })
    .returning();
  await recordAudit(tx, actor, { action: 'alumnus.create', subjectType: 'alumnus', subjectId: row!.id });
  return present(row!, await judgingOf(tx, tenantId));
}

async function findRow(tx: Tx, tenantId: string, alumnusId: string, forUpdate = false) {
  const query = tx
    .select()
    .from(alumni)
    .where(and(eq(alumni.tenantId, tenantId), eq(alumni.id, alumnusId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found');
  return row;
}

/** A detail read: every one is audited (personal data). */
export async function readAlumnus(tx: Tx, tenantId: string, actor: AuditActor, alumnusId: string) {
  const row = await findRow(tx, tenantId, alumnusId);
  await recordAudit(tx, actor, { action: 'alumnus.read', subjectType: 'alumnus', subjectId: alumnusId });
  return present(row, await judgingOf(tx, tenantId));
}

/**
 * The record's e-mail replaced by another the person proved is theirs (e.g. the verified address
 * of a registration request), with its search text. Audited with the address before and after,
 * and why (`because`: what asked for it).
 */
export async function changeAlumnusEmail(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  row: AlumnusRow,
  email: string,
  because: Record<string, string>,
) {
  const { searchText, searchGrams } = columnsOf({ ...inputOf(row), email });
  const [updated] = await tx
    .update(alumni)
    .set({ email, searchText, searchGrams, version: row.version + 1, updatedAt: new Date() })
    .where(and(eq(alumni.tenantId, tenantId), eq(alumni.id, row.id)))
    .returning();
  await recordAudit(tx, actor, {
    action: 'alumnus.email_change',
    subjectType: 'alumnus',
    subjectId: row.id,
    detail: { from: row.email, to: email, ...because },
  });
  return updated!;
}

const TRACKED: (keyof AlumnusColumns)[] = [
  'familyName',
  'givenName',
  'familyNameKana',
  'givenNameKana',
  'email',
  'phone',
  'employeeNumber',
  'department',
  'position',
  'joinedOn',
  'leftOn',
  'leaveType',
  'leaveReasonCategory',
  'leaveReasonNote',
  'currentCompany',
  'currentTitle',
  'hasDecisionAuthority',
  'skills',
  'interests',
  'returnConditions',
  'tags',
  'internalNotes',
  'doNotContact',
  'doNotContactReason',
];

/**
 * A value as compared for "did it change": object members in a fixed order (PostgreSQL's jsonb
 * hands them back in its own order) and unset members left out ({} and { location: null } are the
 * same return conditions), so only a real change counts.
 */
function comparable(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, comparable(v)] as const)
      .filter(([, v]) => v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return members.length ? Object.fromEntries(members) : null;
  }
  return value;
}

/** The fields whose values differ. */
export function changedFields(row: AlumnusRow, next: AlumnusColumns): (keyof AlumnusColumns)[] {
  return TRACKED.filter(
    (k) => JSON.stringify(comparable(row[k as keyof AlumnusRow])) !== JSON.stringify(comparable(next[k])),
  );
}

/** Saves an edit made on `version`; a concurrent edit since then is a conflict, not overwritten. */
export async function updateAlumnus(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  alumnusId: string,
  version: number,
  input: AlumnusInput,
) {
  const row = await findRow(tx, tenantId, alumnusId, true);
  if (row.anonymizedAt) throw new AppError('anonymized'); // erased on request: never filled in again
  if (row.version !== version) throw new AppError('conflict');
  const problems = await uniquenessProblems(tx, tenantId, input, alumnusId);
  if (problems.length) throw new AppError('conflict', problems);
  const next = columnsOf(input);
  const changed = changedFields(row, next);
  const policy = await judgingOf(tx, tenantId);
  if (changed.length === 0) return present(row, policy);
  const [updated] = await tx
    .update(alumni)
    .set({ ...next, version: row.version + 1, updatedAt: new Date() })
    .where(and(eq(alumni.tenantId, tenantId), eq(alumni.id, alumnusId)))
    .returning();
  // field names only: the log itself must not become a second copy of personal data
  await recordAudit(tx, actor, {
    action: 'alumnus.update',
    subjectType: 'alumnus',
    subjectId: alumnusId,
    detail: { fields: changed },
  });
  return present(updated!, policy);
}

/** A page of the record's history, from the audit log (reads left out). */
export async function alumnusTimeline(
  tx: Tx,
  tenantId: string,
  alumnusId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  await findRow(tx, tenantId, alumnusId);
  return subjectTimeline(
    tx,
    tenantId,
    { type: 'alumnus', id: alumnusId, readActions: ['alumnus.read', 'alumnus.self_read'] },
    page,
  );
}

/**
 * Up to this many matches, the search's ids come back to select the page by, and are counted; beyond,
 * the search stops and the list says "more than 1,000" (a broad name like 田中 in a large company
 * would otherwise visit every match only to count it).
 */
export const SEARCH_IDS_LIMIT = 1000;

/**
 * The alumni of the transaction's company whose search text contains the query: up to
 * SEARCH_IDS_LIMIT, their ids (a uuid[] literal) and how many; beyond, only that there are more.
 *
 * Under row-level security PostgreSQL uses only leakproof operators as index conditions, and the
 * array operator `@>` is not one: written in the list query, the grams' GIN index would never be
 * used. The SECURITY DEFINER function alumni_search_ids (migration 0005) runs the indexed search for
 * the transaction's own company — it reads app.tenant_id, never a parameter — and the list query,
 * still under the policy, selects those ids (uuid `=` is leakproof: primary key or a hashed filter,
 * and the planner sees how many there are).
 */
async function searchIds(
  tx: Tx,
  q: string,
): Promise<{ text: string; ids: string | null; count: number; capped: boolean } | null> {
  const query = searchQuery(q);
  if (!query) return null;
  const result = await tx.execute(
    sql`select case when n <= ${SEARCH_IDS_LIMIT} then ids::text end as ids, n from (select ids, cardinality(ids) as n from (select alumni_search_ids(${sql.param(query.grams)}::text[], ${query.text}, ${SEARCH_IDS_LIMIT + 1}) as ids) s) t`,
  );
  const [row] = (result as unknown as { rows: { ids: string | null; n: number | string }[] }).rows;
  const n = Number(row?.n ?? 0);
  return {
    text: query.text,
    ids: row?.ids ?? null,
    count: Math.min(n, SEARCH_IDS_LIMIT),
    capped: n > SEARCH_IDS_LIMIT,
  };
}

/**
 * The filter as SQL conditions, and when the name search is the only condition, how many match
 * (the search already counted them).
 */
async function filterConditions(
  tx: Tx,
  tenantId: string,
  filter: AlumniFilter,
): Promise<{ where: SQL[]; searchOnlyCount: { count: number; capped: boolean } | null }> {
  const where: SQL[] = [eq(alumni.tenantId, tenantId)];
  let searchCount: { count: number; capped: boolean } | null = null;
  if (filter.eligible !== undefined) {
    // without a policy there is nothing to be eligible under: the filter does not apply
    const policy = await judgingOf(tx, tenantId);
    if (policy) {
      const today = todayInTokyo();
      const condition = eligibilityCondition(policy, today, alumni, policy);
      // "not eligible" leaves out those whose verdict is unknown (no join date)
      where.push(
        filter.eligible
          ? condition
          : sql`not ${condition} and not ${eligibilityUnknownCondition(policy, today, alumni, policy)}`,
      );
    }
  }
  if (filter.q) {
    const found = await searchIds(tx, filter.q);
    if (found) {
      // Few matches: their ids (the primary key, or a hashed check on the sort's index). Many: the
      // text check itself on the sort's index, where matches are dense enough to fill a page soon
      // (sending thousands of ids back and forth costs more than it saves).
      where.push(
        found.count === 0
          ? sql`false`
          : found.ids !== null
            ? sql`${alumni.id} = any(${found.ids}::uuid[])`
            : sql`strpos(${alumni.searchText}, ${found.text}) > 0`,
      );
      searchCount = { count: found.count, capped: found.capped };
    }
  }
  if (filter.department) where.push(eq(alumni.department, filter.department));
  if (filter.leaveYear)
    where.push(
      sql`${alumni.leftOn} >= ${`${filter.leaveYear}-01-01`}::date and ${alumni.leftOn} < ${`${filter.leaveYear + 1}-01-01`}::date`,
    );
  if (filter.leaveType?.length) where.push(inArray(alumni.leaveType, filter.leaveType));
  if (filter.interest?.length) where.push(sql`${alumni.interests} && ${sql.param(filter.interest)}::text[]`);
  if (filter.tag?.length) where.push(sql`${alumni.tags} && ${sql.param(filter.tag)}::text[]`);
  if (filter.registered !== undefined)
    where.push(filter.registered ? sql`${alumni.userId} is not null` : sql`${alumni.userId} is null`);
  if (filter.hasDecisionAuthority !== undefined)
    where.push(eq(alumni.hasDecisionAuthority, filter.hasDecisionAuthority));
  if (filter.currentCompany) {
    const needle = filter.currentCompany.replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(sql`${alumni.currentCompany} ilike ${`%${needle}%`}`);
  }
  const searchOnly = searchCount !== null && where.length === 2;
  return { where, searchOnlyCount: searchOnly ? searchCount : null };
}

/** The filter as SQL conditions, shared by the list, the export and segments. */
export async function alumniConditions(tx: Tx, tenantId: string, filter: AlumniFilter): Promise<SQL[]> {
  return (await filterConditions(tx, tenantId, filter)).where;
}

type Sort = (typeof alumniSorts)[number];

/** Ordering and the keyset condition after the cursor's row, per sort (each backed by an index). */
function ordering(sort: Sort, tenantId: string, cursorId: string | null) {
  const after = (keys: SQL, direction: '<' | '>', subKeys: SQL) =>
    cursorId
      ? sql`(${keys}) ${sql.raw(direction)} (select ${subKeys} from ${alumni} c where c.tenant_id = ${tenantId} and c.id = ${cursorId})`
      : undefined;
  switch (sort) {
    case 'left_asc':
      return {
        orderBy: [asc(alumni.leftOn), asc(alumni.id)],
        after: after(sql`${alumni.leftOn}, ${alumni.id}`, '>', sql`c.left_on, c.id`),
      };
    case 'kana_asc': {
      // people with furigana first, in its order; then those without, by their written name
      // (the index alumni_kana_order_idx holds these keys)
      const noKana = sql`(${alumni.familyNameKana} is null)`;
      const fk = sql`coalesce(${alumni.familyNameKana}, ${alumni.familyName})`;
      const gk = sql`coalesce(${alumni.givenNameKana}, ${alumni.givenName})`;
      return {
        orderBy: [asc(noKana), asc(fk), asc(gk), asc(alumni.id)],
        after: after(
          sql`${noKana}, ${fk}, ${gk}, ${alumni.id}`,
          '>',
          sql`(c.family_name_kana is null), coalesce(c.family_name_kana, c.family_name), coalesce(c.given_name_kana, c.given_name), c.id`,
        ),
      };
    }
    case 'created_desc':
      return {
        orderBy: [desc(alumni.createdAt), desc(alumni.id)],
        after: after(sql`${alumni.createdAt}, ${alumni.id}`, '<', sql`c.created_at, c.id`),
      };
    default:
      return {
        orderBy: [desc(alumni.leftOn), desc(alumni.id)],
        after: after(sql`${alumni.leftOn}, ${alumni.id}`, '<', sql`c.left_on, c.id`),
      };
  }
}

/** The columns a list row shows, and what its rehire verdict needs. */
const summaryColumns = {
  id: alumni.id,
  familyName: alumni.familyName,
  givenName: alumni.givenName,
  familyNameKana: alumni.familyNameKana,
  givenNameKana: alumni.givenNameKana,
  email: alumni.email,
  employeeNumber: alumni.employeeNumber,
  department: alumni.department,
  position: alumni.position,
  joinedOn: alumni.joinedOn,
  leftOn: alumni.leftOn,
  leaveType: alumni.leaveType,
  leaveReasonCategory: alumni.leaveReasonCategory,
  currentCompany: alumni.currentCompany,
  hasDecisionAuthority: alumni.hasDecisionAuthority,
  interests: alumni.interests,
  tags: alumni.tags,
  doNotContact: alumni.doNotContact,
  userId: alumni.userId,
};
type SummaryRow = { [K in keyof typeof summaryColumns]: AlumnusRow[K] };

function presentSummary(row: SummaryRow, policy: Judging | null, today: string) {
  const { userId, joinedOn: _j, leaveReasonCategory: _r, ...shown } = row;
  return {
    ...shown,
    interests: row.interests as Alumnus['interests'],
    isRegistered: userId !== null,
    eligibility: policy ? evaluateEligibility(row, policy, today, policy) : null,
  };
}

/** The list counts matches up to this many; beyond it, the page says "more than". */
export const LIST_COUNT_LIMIT = 10_000;

/**
 * One page of the filtered list. The first page (no cursor) also counts the matches, up to
 * LIST_COUNT_LIMIT, or SEARCH_IDS_LIMIT when a name search is the only condition (`totalCapped` says
 * there are more); later pages answer `total: null`, the first page's count standing for the list.
 */
export async function listAlumni(
  tx: Tx,
  tenantId: string,
  query: AlumniFilter & { sort: Sort; limit: number; cursor?: string | undefined },
) {
  const cursorId = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && !cursorId)
    throw new AppError('validation_failed', [{ path: 'querystring.cursor', key: 'invalid_value' }]);
  const { where, searchOnlyCount } = await filterConditions(tx, tenantId, query);
  const { orderBy, after } = ordering(query.sort, tenantId, cursorId);
  // the company's rehire rules ride along with the page (one statement fewer per request)
  const rules = policyRulesOf(tenantId);
  // The page's ids first, then their rows: the ids can come from the sort's index alone (an index-only
  // scan, the search's ids checked against a hash), and only the page's rows are read from the table.
  const pageIds = tx
    .select({ id: alumni.id })
    .from(alumni)
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(query.limit + 1);
  const rows = await tx
    .select({ ...summaryColumns, rules })
    .from(alumni)
    .where(and(eq(alumni.tenantId, tenantId), inArray(alumni.id, pageIds)))
    .orderBy(...orderBy);
  let counted: number | null = null;
  let capped = false;
  if (!cursorId) {
    if (searchOnlyCount !== null) {
      // the search counted its matches, up to SEARCH_IDS_LIMIT
      counted = searchOnlyCount.count;
      capped = searchOnlyCount.capped;
    } else {
      const upTo = tx
        .select({ one: sql`1` })
        .from(alumni)
        .where(and(...where))
        .limit(LIST_COUNT_LIMIT + 1)
        .as('matches');
      const [found] = await tx.select({ n: count() }).from(upTo);
      counted = Math.min(found?.n ?? 0, LIST_COUNT_LIMIT);
      capped = (found?.n ?? 0) > LIST_COUNT_LIMIT;
    }
  }
  const rules0 = rows[0]?.rules ?? null;
  const policy = rules0 ? { ...rules0, retireesAreAlumni: await retireesAreAlumni(tx, tenantId) } : null;
  const today = todayInTokyo();
  const items = rows.slice(0, query.limit).map(({ rules: _, ...r }) => presentSummary(r, policy, today));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null,
    total: counted,
    totalCapped: capped,
  };
}
