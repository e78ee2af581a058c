/** Alumni records: the registry itself (records, Japanese search, timeline, export). */
export { erasedEmailHash } from './erasure.js';
export { exportAlumni } from './export.js';
export {
  type AlumnusColumns,
  alumniConditions,
  changedFields,
  columnsOf,
  createAlumnus,
  listAlumni,
  present,
  readAlumnus,
} from './records.js';
export { alumniRoutes } from './routes.js';
export { normalizeSearchText, searchGrams } from './search-text.js';
