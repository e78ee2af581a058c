/** The audit module's public face: how every other module records what it did, and its routes. */
export { unsafeEraseActorName } from './erase.js';
export { actionFigures } from './figures.js';
export type { AuditNames, NameLookup } from './names.js';
export {
  type AuditActor,
  type AuditEvent,
  auditActorOf,
  recordAudit,
  recordAuditForSubjects,
  recordAuditMany,
} from './record-audit.js';
export { auditRoutes } from './routes.js';
export { subjectTimeline } from './timeline.js';
