/** Saved audiences of alumni (segments) and inviting a segment at once. */
export { segmentRoutes } from './routes.js';
export { saveSegment } from './segments.js';
