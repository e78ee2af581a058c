import { z } from 'zod';
import { idSchema, isoDateTime } from './common.js';

export const mailTransports = ['database', 'smtp'] as const;

export const outgoingMailSummarySchema = z
  .object({
    id: idSchema,
    to: z.string(),
    subject: z.string(),
    transport: z.enum(mailTransports),
    sentAt: isoDateTime.nullable(),
    error: z.string().nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'OutgoingMailSummary' });

export const outgoingMailSchema = outgoingMailSummarySchema
  .extend({ text: z.string(), html: z.string().nullable() })
  .meta({ id: 'OutgoingMail' });
export type OutgoingMail = z.infer<typeof outgoingMailSchema>;
export type OutgoingMailSummary = z.infer<typeof outgoingMailSummarySchema>;

export const mailQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  to: z.string().trim().max(254).optional(),
});
export const mailParamsSchema = z.object({ mailId: idSchema });
