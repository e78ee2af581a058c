/** Outgoing mail: the mailer every module sends through, and the outbox routes. */
export { createMailer, type Mailer, type MailMessage } from './mailer.js';
export { mailRoutes } from './routes.js';
