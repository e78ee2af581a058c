/** Companies (tenants): created and suspended by the operator; every other module belongs to one. */
export { unsafeActiveTenantBySlug } from './public-company.js';
export { tenantRoutes } from './routes.js';
export { requireActiveTenant } from './suspension.js';
export {
  type CountMembers,
  createTenant,
  findTenantBySlug,
  getTenant,
  listTenants,
  type TenantRow,
  tenantById,
  tenantName,
  tenantNames,
  tenantsByIds,
  unsafeCountTenants,
  updateTenant,
} from './use-cases.js';
