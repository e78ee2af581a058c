import { z } from 'zod';
import { idSchema, isoDateTime } from './common.js';

export const mailTransports = ['database', 'smtp'] as const;

export const outgoingMailSummarySchema = z
  .object({
    id: idSchema,
    /** Null once erased on the recipient's deletion request. */
    to: z.string().nullable(),
    subject: z.string(),
    transport: z.enum(mailTransports),
    sentAt: isoDateTime.nullable(),
    error: z.string().nullable(),
    /** When address and body were erased on the recipient's deletion request. */
    erasedAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'OutgoingMailSummary' });

/** One message; its body only when the outbox kept it (no SMTP, not erased). Reading it is audited. */
export const outgoingMailSchema = outgoingMailSummarySchema
  .extend({ text: z.string().nullable(), html: z.string().nullable() })
  .meta({ id: 'OutgoingMail' });

/** How mail leaves: kept in the database (bodies readable here) or sent over SMTP (no bodies kept). */
export const outboxSchema = z
  .object({ transport: z.enum(mailTransports), bodiesKept: z.boolean() })
  .meta({ id: 'Outbox' });
export type Outbox = z.infer<typeof outboxSchema>;
export type OutgoingMail = z.infer<typeof outgoingMailSchema>;
export type OutgoingMailSummary = z.infer<typeof outgoingMailSummarySchema>;

export const mailQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  to: z.string().trim().max(254).optional(),
});
export const mailParamsSchema = z.object({ mailId: idSchema });
