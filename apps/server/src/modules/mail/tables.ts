import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { operatorOnly } from '../../platform/db/tenancy.js';

export const mailTransportEnum = pgEnum('mail_transport', ['database', 'smtp']);

/**
 * Every e-mail Kizuna sends. Without SMTP (development and demos only: production requires SMTP)
 * the row is the delivery, body included (operator admins read it in the UI); with SMTP it is the
 * record of what went out — recipient, subject, status, times, error — and never the body, which
 * holds sign-in, reset and invitation links. After the recipient's deletion request the row also
 * loses its address and body (`erased_at`). Operator-level: row-level security hides it from every
 * company transaction.
 */
export const outgoingMail = pgTable(
  'outgoing_mail',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id'),
    /** The recipient; null once erased on their deletion request. */
    to: text('to'),
    subject: text('subject').notNull(),
    /** The body, kept only by the database transport (no SMTP); null otherwise and once erased. */
    text: text('text'),
    html: text('html'),
    transport: mailTransportEnum('transport').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    error: text('error'),
    /** When address and body were erased on the recipient's deletion request. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('outgoing_mail_created_idx').on(t.createdAt, t.id),
    index('outgoing_mail_to_idx').on(t.to),
    // written on the owner connection; read by the operator only (a company transaction sees none)
    operatorOnly(),
  ],
);
