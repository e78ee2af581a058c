/** Becoming and being a member: invitations, registration, privacy notice and consents, portal, deletion. */
export { alumnusConsentRoutes } from './consent-routes.js';
export { countInvitationsSince, countPendingRegistrations } from './figures.js';
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
