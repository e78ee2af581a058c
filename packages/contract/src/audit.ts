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

/**
 * Every action the server writes to the audit log. `recordAudit` accepts only these, and the web
 * app's labels are typed by this list, so a new action without a ja/en label fails the typecheck.
 */
export const auditActions = [
  'tenant.create',
  'tenant.update',
  'tenant.suspend',
  'tenant.reactivate',
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
  'audit.read_all',
  'alumnus.create',
  'alumnus.read',
  'alumnus.update',
  'alumnus.import_create',
  'alumnus.import_update',
  'alumni.import',
  'alumni.export',
  'alumni.mapping_save',
  'segment.create',
  'segment.update',
  'segment.delete',
  'segment.invite',
  'rehire_policy.update',
  'rehire_policy.share_link',
  'privacy_notice.publish',
  'network_settings.update',
  'alumnus.invite',
  'alumnus.register',
  'alumnus.self_read',
  'alumnus.self_update',
  'alumnus.self_export',
  'alumnus.profile_confirm',
  'alumnus.anonymize',
  'consent.change',
  'consent.opt_out',
  'registration_request.queue',
  'registration_request.read',
  'registration_request.match',
  'registration_request.create_record',
  'registration_request.reject',
] as const;
export type AuditAction = (typeof auditActions)[number];
