import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { findTenantBySlug, type TenantRow } from './use-cases.js';

/**
 * The active company behind a public page (the network page, self-registration) by its slug, read
 * on the owner connection: there is no session and the slug is the only key, so this crosses
 * companies by design. 404 when no company has the slug or it is not active. The caller then
 * reads inside that company's `withTenant`.
 */
export async function unsafeActiveTenantBySlug(db: Database, slug: string): Promise<TenantRow> {
  const tenant = await findTenantBySlug(db.unsafeOwner, slug);
  if (tenant?.status !== 'active') throw new AppError('not_found');
  return tenant;
}
