/** Figures about the company's alumni work, read from the modules that own the data (the staff home). */
export { homeFigures } from './home-figures.js';
export { analyticsRoutes } from './routes.js';
