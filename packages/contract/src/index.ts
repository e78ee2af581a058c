export * from './audit.js';
export * from './common.js';
export * from './errors.js';
export * from './identity.js';
export * from './mail.js';
export * from './roles.js';
export * from './staff.js';
export * from './tenants.js';
