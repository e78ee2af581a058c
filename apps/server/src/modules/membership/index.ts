/** Becoming and being a member: invitations, registration, privacy notice and consents, portal, deletion. */
export {
  contactableMembers,
  currentNotice,
  type IssuedAlumnusInvitation,
  inviteAlumnus,
  registerOnRecord,
  sendAlumnusInvitation,
} from './membership.js';
export { membershipRoutes } from './routes.js';
