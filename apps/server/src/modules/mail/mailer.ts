import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../platform/db/database.js';
import { outgoingMail } from './tables.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  tenantId?: string | null;
}

export interface Mailer {
  readonly transport: 'database' | 'smtp';
  /**
   * Records the message and, with SMTP configured, delivers it. Throws when delivery fails (the
   * failure is recorded first). Returns the record's id.
   */
  send(message: MailMessage): Promise<string>;
  /** Like send, but a failed delivery is reported as `false` instead of thrown. */
  trySend(message: MailMessage): Promise<boolean>;
  close(): void;
}

/**
 * Every message is recorded in `outgoing_mail` (owner connection: mail is operator-level).
 * Without SMTP that record is the delivery, body included, readable by operator admins in the UI
 * (development and demos: config.ts refuses production without SMTP). With SMTP the record keeps
 * what delivery needs — recipient, subject, status, times, error — and never the body: it holds
 * sign-in, password-reset and invitation links that whoever reads the outbox could use.
 */
export function createMailer(db: Database, options: { smtpUrl?: string | undefined; from: string }): Mailer {
  const transporter: Transporter | null = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : null;
  const transport = transporter ? 'smtp' : 'database';
  const mailer: Mailer = {
    transport,
    async trySend(message) {
      try {
        await mailer.send(message);
        return true;
      } catch {
        return false;
      }
    },
    async send(message) {
      let sentAt: Date | null = new Date();
      let error: string | null = null;
      if (transporter) {
        try {
          await transporter.sendMail({
            from: options.from,
            to: message.to,
            subject: message.subject,
            text: message.text,
            ...(message.html ? { html: message.html } : {}),
          });
        } catch (e) {
          sentAt = null;
          error = (e as Error).message.slice(0, 500);
        }
      }
      const [row] = await db.unsafeOwner
        .insert(outgoingMail)
        .values({
          tenantId: message.tenantId ?? null,
          to: message.to.trim().toLowerCase(),
          subject: message.subject,
          // the body only where the row is the delivery
          text: transporter ? null : message.text,
          html: transporter ? null : (message.html ?? null),
          transport,
          sentAt,
          error,
        })
        .returning({ id: outgoingMail.id });
      if (error) throw new Error(`SMTP delivery to ${message.to} failed: ${error}`);
      return row!.id;
    },
    close() {
      transporter?.close();
    },
  };
  return mailer;
}
