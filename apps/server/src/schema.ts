/** Every table, for drizzle-kit (migrations). Tables live with their module; queries import them from there. */

export * from './modules/alumni/tables.js';
export * from './modules/alumni-import/tables.js';
export * from './modules/audit/tables.js';
export * from './modules/identity/tables.js';
export * from './modules/mail/tables.js';
export * from './modules/membership/tables.js';
export * from './modules/network/tables.js';
export * from './modules/rehire-policy/tables.js';
export * from './modules/segments/tables.js';
export * from './modules/tenants/tables.js';
export { appRole } from './platform/db/tenancy.js';
export { rateLimitCounters } from './platform/rate-limit.js';
