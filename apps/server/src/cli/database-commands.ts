/** What the CLI's database commands use; imported lazily so `--help` does not load the database. */

export { exportAlumni } from '../modules/alumni/export.js';
export { applyImport, planImport } from '../modules/alumni-import/import.js';
export { createUserWithRole, findUserByEmail } from '../modules/identity/users.js';
export { createTenant, findTenantBySlug, listTenants } from '../modules/tenants/use-cases.js';
export { openDatabase } from '../platform/db/database.js';
export { demoSignIns, seedDemo } from '../seed/demo.js';
