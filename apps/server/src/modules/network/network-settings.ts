import type { NetworkSettingsInput } from '@kizuna/contract';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import { tenantById } from '../tenants/index.js';
import { alumniNetworkSettings } from './tables.js';

export const DEFAULT_NETWORK_SETTINGS: NetworkSettingsInput = {
  publicPageEnabled: false,
  intro: '',
  profileReviewMonths: 12,
  retireesAreAlumni: false,
};

/** The company's network settings (defaults until saved). */
export async function findNetworkSettings(tx: Tx, tenantId: string) {
  const [row] = await tx
    .select()
    .from(alumniNetworkSettings)
    .where(eq(alumniNetworkSettings.tenantId, tenantId));
  return row ?? null;
}

async function present(tx: Tx, tenantId: string, row: typeof alumniNetworkSettings.$inferSelect | null) {
  const tenant = await tenantById(tx, tenantId);
  return {
    publicPageEnabled: row?.publicPageEnabled ?? DEFAULT_NETWORK_SETTINGS.publicPageEnabled,
    intro: row?.intro ?? DEFAULT_NETWORK_SETTINGS.intro,
    profileReviewMonths: row?.profileReviewMonths ?? DEFAULT_NETWORK_SETTINGS.profileReviewMonths,
    retireesAreAlumni: row?.retireesAreAlumni ?? DEFAULT_NETWORK_SETTINGS.retireesAreAlumni,
    slug: tenant!.slug,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

export async function readNetworkSettings(tx: Tx, tenantId: string) {
  return present(tx, tenantId, await findNetworkSettings(tx, tenantId));
}

export async function saveNetworkSettings(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  input: NetworkSettingsInput,
) {
  const values = { ...input, updatedAt: new Date() };
  const [row] = await tx
    .insert(alumniNetworkSettings)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: alumniNetworkSettings.tenantId, set: values })
    .returning();
  await recordAudit(tx, actor, {
    action: 'network_settings.update',
    subjectType: 'network_settings',
    subjectId: row!.id,
    detail: {
      publicPageEnabled: input.publicPageEnabled,
      profileReviewMonths: input.profileReviewMonths,
      retireesAreAlumni: input.retireesAreAlumni,
    },
  });
  return present(tx, tenantId, row!);
}

/**
 * "Is this still right?": due when the profile was last saved or confirmed (else registered)
 * more than `months` months ago; `0` turns the check off.
 */
export function isProfileReviewDue(
  row: { profileConfirmedAt: Date | null; registeredAt: Date | null; createdAt: Date },
  months: number,
  now = new Date(),
) {
  if (months <= 0) return false;
  const since = row.profileConfirmedAt ?? row.registeredAt ?? row.createdAt;
  const threshold = new Date(now);
  threshold.setUTCMonth(threshold.getUTCMonth() - months);
  return since.getTime() <= threshold.getTime();
}

/** Whether the company counts leavers at the retirement age (定年退職) as alumni. */
export async function retireesAreAlumni(tx: Tx, tenantId: string) {
  return (
    (await findNetworkSettings(tx, tenantId))?.retireesAreAlumni ?? DEFAULT_NETWORK_SETTINGS.retireesAreAlumni
  );
}

export async function profileReviewMonthsOf(tx: Tx, tenantId: string) {
  return (
    (await findNetworkSettings(tx, tenantId))?.profileReviewMonths ??
    DEFAULT_NETWORK_SETTINGS.profileReviewMonths
  );
}
