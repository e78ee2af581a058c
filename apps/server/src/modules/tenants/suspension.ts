import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { tenants } from './tables.js';

/**
 * Refuses what a suspended company owns to whoever holds one of its links: staff and alumni
 * invitations, registration confirmations, the rehire policy's share link. They answer
 * `tenant_suspended` (403), as the company's signed-in staff are answered, and change nothing; the
 * same link works again once the operator reactivates the company. Call it first inside the
 * company's own transaction (where its row, and only its row, is readable).
 */
export async function requireActiveTenant(tx: Tx, tenantId: string): Promise<void> {
  const [row] = await tx.select({ status: tenants.status }).from(tenants).where(eq(tenants.id, tenantId));
  if (!row) throw new AppError('not_found');
  if (row.status !== 'active') throw new AppError('tenant_suspended');
}
