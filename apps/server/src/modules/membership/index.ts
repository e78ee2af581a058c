/** Becoming and being a member: invitations, registration, privacy notice and consents, portal, deletion. */
export {
  contactableMembers,
  currentNotice,
  type IssuedAlumnusInvitation,
  inviteAlumnus,
  recentlyInvited,
  registerOnRecord,
  sendAlumnusInvitation,
} from './membership.js';
export { membershipRoutes } from './routes.js';
