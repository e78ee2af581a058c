/** The company's rehire policy (出戻り条件): its rules, the verdict for one person, the share link. */
export {
  type AlumniDefinition,
  type EligibilityRules,
  eligibilityCondition,
  eligibilityUnknownCondition,
  evaluateEligibility,
  findPolicy,
  type PolicyRow,
  policyRulesOf,
  presentPolicy,
  saveRehirePolicy,
} from './rehire-policy.js';
export { rehirePolicyRoutes } from './routes.js';
