/** People and their access: sign-in (better-auth), sessions, roles, staff invitations. */
export { type ActiveTenant, type Actor, registerAccessControl } from './access.js';
export { type Auth, createAuth, registerAuthRoutes } from './auth.js';
export {
  grantAlumnusMembership,
  revokeAlumnusMembership,
  unsafeRemoveUserWithoutRoles,
  userEmail,
} from './members.js';
export { invitationNames, membershipNames } from './names.js';
export { identityRoutes } from './routes.js';
export { startMemberSession } from './sessions.js';
export { createUser, createUserWithRole, findUserByEmail, unsafeCountMembers } from './users.js';
