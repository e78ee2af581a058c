import { z } from 'zod';
import { emailSchema, idSchema, isoDateTime, passwordSchema, personNameSchema } from './common.js';
import { invitableRoles, tenantRoles } from './roles.js';

export const staffMemberSchema = z
  .object({
    membershipId: idSchema,
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(tenantRoles),
    joinedAt: isoDateTime,
  })
  .meta({ id: 'StaffMember' });
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const invitationStatuses = ['pending', 'accepted', 'revoked', 'expired'] as const;

export const invitationSchema = z
  .object({
    id: idSchema,
    email: z.string(),
    role: z.enum(invitableRoles),
    status: z.enum(invitationStatuses),
    invitedByName: z.string().nullable(),
    expiresAt: isoDateTime,
    createdAt: isoDateTime,
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof invitationSchema>;

export const createInvitationSchema = z.object({
  email: emailSchema,
  role: z.enum(invitableRoles),
});
export type CreateInvitation = z.infer<typeof createInvitationSchema>;

export const invitationIssuedSchema = z
  .object({
    id: idSchema,
    mailSent: z
      .boolean()
      .meta({ description: 'False when the mail server refused; the invitation can be resent' }),
  })
  .meta({ id: 'InvitationIssued' });

export const invitationParamsSchema = z.object({ invitationId: idSchema });
export const invitationTokenParamsSchema = z.object({ token: z.string().min(10).max(200) });

/** What an invitee sees before accepting (no session needed). */
export const invitationPreviewSchema = z
  .object({
    tenantName: z.string(),
    email: z.string(),
    role: z.enum(invitableRoles),
    hasAccount: z.boolean().meta({ description: 'True when the e-mail already has a Kizuna account' }),
    expiresAt: isoDateTime,
  })
  .meta({ id: 'InvitationPreview' });
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const acceptInvitationSchema = z.object({
  name: personNameSchema.optional(),
  password: passwordSchema.optional(),
});
export type AcceptInvitation = z.infer<typeof acceptInvitationSchema>;
