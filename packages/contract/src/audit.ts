import { z } from 'zod';
import { idSchema, isoDateTime } from './common.js';

export const auditEntrySchema = z
  .object({
    id: idSchema,
    tenantId: idSchema.nullable(),
    tenantName: z.string().nullable(),
    actorUserId: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string().meta({ description: 'Dotted verb, e.g. `invitation.create`' }),
    subjectType: z.string(),
    subjectId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  action: z.string().trim().max(100).optional(),
  tenantId: idSchema.optional().meta({ description: 'Operator view only: one company' }),
});
