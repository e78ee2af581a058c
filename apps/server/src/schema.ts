/** Every table, for drizzle's typed queries and drizzle-kit. Tables live with their module. */

export * from '../../modules/alumni/tables.js';
export * from '../../modules/audit/tables.js';
export * from '../../modules/identity/tables.js';
export * from '../../modules/mail/tables.js';
export * from '../../modules/tenants/tables.js';
export { appRole } from './tenancy.js';
