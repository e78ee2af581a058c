import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { operatorOnly } from '../../platform/db/tenancy.js';

export const mailTransportEnum = pgEnum('mail_transport', ['database', 'smtp']);

/**
 * Every e-mail Kizuna sends. Without SMTP the row is the delivery (operator admins read it in
 * the UI); with SMTP it is the record of what went out. Operator-level: row-level security hides
 * it from every company transaction.
 */
export const outgoingMail = pgTable(
  'outgoing_mail',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id'),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    transport: mailTransportEnum('transport').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('outgoing_mail_created_idx').on(t.createdAt, t.id),
    index('outgoing_mail_to_idx').on(t.to),
    // written on the owner connection; read by the operator only (a company transaction sees none)
    operatorOnly(),
  ],
);
