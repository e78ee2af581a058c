/** Alumni records: the registry itself (records, Japanese search, timeline, export). */
export {
  columnArrays,
  findAlumniByNumberOrEmail,
  findErasedEmails,
  insertAlumniBatch,
  updateAlumniBatch,
} from './bulk.js';
export { erasedEmailHash, unsafeRekeyErasedEmailHashes } from './erasure.js';
export { exportAlumni } from './export.js';
export { countAlumniAndMembers } from './figures.js';
export { alumnusNames } from './names.js';
export {
  type AlumnusColumns,
  alumniConditions,
  changeAlumnusEmail,
  changedFields,
  columnsOf,
  createAlumnus,
  inputOf,
  listAlumni,
  present,
  readAlumnus,
} from './records.js';
export { alumniRoutes } from './routes.js';
export {
  countAlumni,
  findAlumnusRow,
  findAlumnusRowOfUser,
  findAlumnusRowsByEmail,
  findPossibleMatches,
  invitationFactsOf,
  reachableMembers,
  setAlumnusFields,
} from './rows.js';
export { normalizeSearchText, searchGrams } from './search-text.js';
export type { AlumnusRow } from './tables.js';
