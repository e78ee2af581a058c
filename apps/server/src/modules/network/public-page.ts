import type { publicNetworkSchema } from '@kizuna/contract';
import type { z } from 'zod';
import type { Database, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { unsafeActiveTenantBySlug } from '../tenants/index.js';
import { findNetworkSettings } from './network-settings.js';

type PublicNetwork = z.infer<typeof publicNetworkSchema>;

/**
 * The privacy notice shown on the public page. It belongs to membership, which builds on this
 * module, so the composition root (app.ts) hands it in.
 */
export type NoticeOf = (tx: Tx, tenantId: string) => Promise<PublicNetwork['notice']>;

/** The public page: 404 unless the company is active and turned the page on (no session). */
export async function readPublicNetwork(
  db: Database,
  slug: string,
  noticeOf: NoticeOf,
): Promise<PublicNetwork> {
  const tenant = await unsafeActiveTenantBySlug(db, slug);
  return db.withTenant(tenant.id, async (tx) => {
    const settings = await findNetworkSettings(tx, tenant.id);
    if (!settings?.publicPageEnabled) throw new AppError('not_found');
    return {
      companyName: tenant.name,
      intro: settings.intro,
      notice: await noticeOf(tx, tenant.id),
      openPostings: null,
    };
  });
}
