/** The company's alumni network: its public page and its settings. */
export {
  findNetworkSettings,
  isProfileReviewDue,
  profileReviewMonthsOf,
  retireesAreAlumni,
  saveNetworkSettings,
} from './network-settings.js';
export type { NoticeOf } from './public-page.js';
export { networkRoutes } from './routes.js';
