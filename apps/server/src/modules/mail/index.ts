/** Outgoing mail: the mailer every module sends through, the outbox routes, erasure on deletion. */
export { unsafeEraseMailTo } from './erase.js';
export { createMailer, type Mailer, type MailMessage } from './mailer.js';
export { mailRoutes } from './routes.js';
