/** What the CLI's database commands use; imported lazily so `--help` does not load the database. */

export { exportAlumni, unsafeRekeyErasedEmailHashes } from '../modules/alumni/index.js';
export { applyImport, planImport } from '../modules/alumni-import/index.js';

import { unsafeCountMembers } from '../modules/identity/index.js';
import { listTenants as listTenantsWith } from '../modules/tenants/index.js';
import type { Database } from '../platform/db/database.js';

export { createUserWithRole, findUserByEmail } from '../modules/identity/index.js';
export { createTenant, findTenantBySlug } from '../modules/tenants/index.js';
export const listTenants = (db: Database) => listTenantsWith(db, unsafeCountMembers);
export { openDatabase } from '../platform/db/database.js';
export { maintainAfterBulkWrite } from '../platform/db/maintenance.js';
export { demoSignInLines, demoSignIns, seedDemo } from '../seed/demo.js';
