/** Importing leavers from CSV (CP932 or UTF-8): mapping, preview, apply, progress. */
export { applyImport, planImport } from './import.js';
export { alumniImportRoutes } from './routes.js';
