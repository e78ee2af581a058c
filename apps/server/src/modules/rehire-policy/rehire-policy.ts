import type { RehirePolicyInput, RehireRule } from '@kizuna/contract';
import { and, type Column, eq, type SQL, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newToken, unsafeFindTenantByToken } from '../../platform/tokens.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import { requireActiveTenant, tenantName } from '../tenants/index.js';
import { rehirePolicies } from './tables.js';

export type PolicyRow = typeof rehirePolicies.$inferSelect;
/** What a rehire verdict reads of the company's policy (evaluateEligibility). */
export type EligibilityRules = Pick<
  PolicyRow,
  | 'allowedLeaveTypes'
  | 'minTenureMonths'
  | 'minMonthsSinceLeaving'
  | 'excludedLeaveReasons'
  | 'excludeDoNotContact'
>;

/** The columns of a person's record the rules read, in whichever table holds them. */
export type EligibilityColumns = Record<keyof EligibilityFacts, Column>;

export interface EligibilityFacts {
  leaveType: string;
  joinedOn: string | null;
  leftOn: string;
  leaveReasonCategory: string | null;
  doNotContact: boolean;
}

/** `date + N months` as PostgreSQL computes it (the day clamps to the month's end). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/**
 * Eligible for rehiring under the policy, or the first rule that says no. The SQL filter
 * (`eligibilityCondition`) states the same rules; a test holds the two together.
 */
/** Who the company counts as alumni (network settings): retirees only when it says so. */
export interface AlumniDefinition {
  retireesAreAlumni: boolean;
}

export function evaluateEligibility(
  a: EligibilityFacts,
  p: EligibilityRules,
  today: string,
  counted: AlumniDefinition = { retireesAreAlumni: false },
): { eligible: boolean | null; rule: RehireRule | null } {
  const no = (rule: RehireRule) => ({ eligible: false, rule });
  if (a.leaveType === 'retirement' && !counted.retireesAreAlumni) return no('retiree');
  if (p.allowedLeaveTypes.length > 0 && !p.allowedLeaveTypes.includes(a.leaveType)) return no('leave_type');
  // without a join date the tenure cannot be told: unless another rule decides, the verdict is unknown
  const tenureUnknown = p.minTenureMonths > 0 && !a.joinedOn;
  if (p.minTenureMonths > 0 && a.joinedOn && addMonths(a.joinedOn, p.minTenureMonths) > a.leftOn)
    return no('tenure');
  if (p.minMonthsSinceLeaving > 0 && addMonths(a.leftOn, p.minMonthsSinceLeaving) > today)
    return no('months_since_leaving');
  if (a.leaveReasonCategory && p.excludedLeaveReasons.includes(a.leaveReasonCategory))
    return no('leave_reason');
  if (p.excludeDoNotContact && a.doNotContact) return no('do_not_contact');
  if (tenureUnknown) return { eligible: null, rule: 'join_date_missing' };
  return { eligible: true, rule: null };
}

function ruleConditions(
  p: EligibilityRules,
  today: string,
  alumni: EligibilityColumns,
  counted: AlumniDefinition,
) {
  const tenure =
    p.minTenureMonths > 0
      ? sql`(${alumni.joinedOn} is not null and (${alumni.joinedOn} + make_interval(months => ${p.minTenureMonths}))::date <= ${alumni.leftOn})`
      : null;
  const others: SQL[] = [sql`true`];
  if (!counted.retireesAreAlumni) others.push(sql`${alumni.leaveType}::text <> 'retirement'`);
  if (p.allowedLeaveTypes.length > 0)
    others.push(sql`${alumni.leaveType}::text = any(${sql.param(p.allowedLeaveTypes)}::text[])`);
  if (p.minMonthsSinceLeaving > 0)
    others.push(
      sql`(${alumni.leftOn} + make_interval(months => ${p.minMonthsSinceLeaving}))::date <= ${today}::date`,
    );
  if (p.excludedLeaveReasons.length > 0)
    others.push(
      sql`not (coalesce(${alumni.leaveReasonCategory}, '') = any(${sql.param(p.excludedLeaveReasons)}::text[]))`,
    );
  if (p.excludeDoNotContact) others.push(sql`not ${alumni.doNotContact}`);
  return { tenure, others: sql`(${sql.join(others, sql` and `)})` };
}

/** The same rules as SQL over the given columns (the alumni table's): who is eligible. */
export function eligibilityCondition(
  p: EligibilityRules,
  today: string,
  alumni: EligibilityColumns,
  counted: AlumniDefinition,
): SQL {
  const { tenure, others } = ruleConditions(p, today, alumni, counted);
  return tenure ? sql`(${others} and ${tenure})` : others;
}

/** Who cannot be told (no join date while the policy asks for a tenure, and no other rule decides). */
export function eligibilityUnknownCondition(
  p: EligibilityRules,
  today: string,
  alumni: EligibilityColumns,
  counted: AlumniDefinition,
): SQL {
  if (p.minTenureMonths <= 0) return sql`false`;
  return sql`(${ruleConditions(p, today, alumni, counted).others} and ${alumni.joinedOn} is null)`;
}

/**
 * The company's rules as one JSON value inside another statement (a list page reads its rows and
 * the rules in one round trip); null without a policy.
 */
export function policyRulesOf(tenantId: string) {
  return sql<EligibilityRules | null>`(select json_build_object('allowedLeaveTypes', p.allowed_leave_types, 'minTenureMonths', p.min_tenure_months, 'minMonthsSinceLeaving', p.min_months_since_leaving, 'excludedLeaveReasons', p.excluded_leave_reasons, 'excludeDoNotContact', p.exclude_do_not_contact) from ${rehirePolicies} p where p.tenant_id = ${tenantId})`;
}

export async function findPolicy(tx: Tx, tenantId: string): Promise<PolicyRow | null> {
  const [row] = await tx.select().from(rehirePolicies).where(eq(rehirePolicies.tenantId, tenantId));
  return row ?? null;
}

const DEFAULTS: RehirePolicyInput = {
  allowedLeaveTypes: [],
  minTenureMonths: 0,
  minMonthsSinceLeaving: 0,
  excludedLeaveReasons: [],
  excludeDoNotContact: true,
  explanation: '',
  published: false,
};

export function presentPolicy(row: PolicyRow | null) {
  if (!row) return { ...DEFAULTS, version: 0, hasShareLink: false, updatedAt: null };
  return {
    allowedLeaveTypes: row.allowedLeaveTypes as RehirePolicyInput['allowedLeaveTypes'],
    minTenureMonths: row.minTenureMonths,
    minMonthsSinceLeaving: row.minMonthsSinceLeaving,
    excludedLeaveReasons: row.excludedLeaveReasons as RehirePolicyInput['excludedLeaveReasons'],
    excludeDoNotContact: row.excludeDoNotContact,
    explanation: row.explanation,
    published: row.published,
    version: row.version,
    hasShareLink: row.shareTokenHash !== null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Saves the policy edited at `version` (0: none yet); a newer edit answers conflict. The check is
 * the statement's own: the UPDATE matches only the version the client loaded, and the first save
 * inserts only while the company has none (its unique key), so of two concurrent saves of one
 * version exactly one is stored and the other answers 409 — never both, never a lost one.
 */
export async function saveRehirePolicy(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  version: number,
  input: RehirePolicyInput,
) {
  const values = { ...input, updatedAt: new Date() };
  const [row] =
    version === 0
      ? await tx
          .insert(rehirePolicies)
          .values({ tenantId, ...values })
          .onConflictDoNothing({ target: rehirePolicies.tenantId })
          .returning()
      : await tx
          .update(rehirePolicies)
          .set({ ...values, version: sql`${rehirePolicies.version} + 1` })
          .where(and(eq(rehirePolicies.tenantId, tenantId), eq(rehirePolicies.version, version)))
          .returning();
  if (!row) throw new AppError('conflict');
  await recordAudit(tx, actor, {
    action: 'rehire_policy.update',
    subjectType: 'rehire_policy',
    subjectId: row.id,
    detail: { published: input.published, version: row.version },
  });
  return presentPolicy(row);
}

/** A new shareable internal link (the previous one stops working). */
export async function makeShareLink(tx: Tx, tenantId: string, actor: AuditActor, baseUrl: string) {
  const current = await findPolicy(tx, tenantId);
  if (!current) throw new AppError('not_found');
  const { token, tokenHash } = newToken(24);
  await tx
    .update(rehirePolicies)
    .set({ shareTokenHash: tokenHash })
    .where(eq(rehirePolicies.tenantId, tenantId));
  await recordAudit(tx, actor, {
    action: 'rehire_policy.share_link',
    subjectType: 'rehire_policy',
    subjectId: current.id,
  });
  return { url: `${baseUrl}/rehire-policy/${token}` };
}

async function published(tx: Tx, tenantId: string) {
  const row = await findPolicy(tx, tenantId);
  if (!row?.published) throw new AppError('not_found');
  const companyName = await tenantName(tx, tenantId);
  return {
    companyName: companyName,
    explanation: row.explanation,
    allowedLeaveTypes: row.allowedLeaveTypes as RehirePolicyInput['allowedLeaveTypes'],
    minTenureMonths: row.minTenureMonths,
    minMonthsSinceLeaving: row.minMonthsSinceLeaving,
    excludedLeaveReasons: row.excludedLeaveReasons as RehirePolicyInput['excludedLeaveReasons'],
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The published explanation, for the company's employees and staff. */
export function readPublishedPolicy(tx: Tx, tenantId: string) {
  return published(tx, tenantId);
}

/**
 * The published explanation through a shareable internal link. The link's company is found by
 * the token's hash (no session: crosses tenants by design); the read runs in that company's scope.
 */
export async function readPolicyByShareLink(db: Database, token: string) {
  const tenantId = await unsafeFindPolicyTenantByShareToken(db, token);
  if (!tenantId) throw new AppError('not_found');
  return db.withTenant(tenantId, async (tx) => {
    await requireActiveTenant(tx, tenantId);
    return published(tx, tenantId);
  });
}

function unsafeFindPolicyTenantByShareToken(db: Database, token: string) {
  return unsafeFindTenantByToken(
    db,
    rehirePolicies,
    rehirePolicies.shareTokenHash,
    token,
    eq(rehirePolicies.published, true),
  );
}
