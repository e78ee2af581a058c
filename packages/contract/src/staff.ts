import { z } from 'zod';
import {
  emailSchema,
  idSchema,
  isoDateTime,
  pageOf,
  pageQuerySchema,
  passwordSchema,
  personNameSchema,
} from './common.js';
import { invitableRoles, operatorRoles, tenantRoles } from './roles.js';

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

export const staffParamsSchema = z.object({ membershipId: idSchema });

/** A company admin gives a member of staff another role (never the last admin's). */
export const changeStaffRoleSchema = z
  .object({ role: z.enum(invitableRoles) })
  .meta({ id: 'ChangeStaffRole' });
export type ChangeStaffRole = z.infer<typeof changeStaffRoleSchema>;

/** The operator's own staff (operator admins and interviewers), managed by operator admins. */
export const operatorStaffMemberSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(operatorRoles),
    since: isoDateTime,
  })
  .meta({ id: 'OperatorStaffMember' });
export type OperatorStaffMember = z.infer<typeof operatorStaffMemberSchema>;

export const operatorStaffParamsSchema = z.object({ userId: z.string().min(1).max(100) });

export const changeOperatorStaffRoleSchema = z
  .object({ role: z.enum(operatorRoles) })
  .meta({ id: 'ChangeOperatorStaffRole' });
export type ChangeOperatorStaffRole = z.infer<typeof changeOperatorStaffRoleSchema>;

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

/** The company's staff invitations, newest first, a page at a time (`nextCursor` for the next). */
export const invitationListQuerySchema = pageQuerySchema;
export const invitationPageSchema = pageOf(invitationSchema).meta({ id: 'InvitationPage' });
export type InvitationPage = z.infer<typeof invitationPageSchema>;

export const createInvitationSchema = z.object({
  email: emailSchema,
  role: z.enum(invitableRoles),
  replace: z.boolean().optional().meta({
    description:
      'Replace a pending invitation to the same address (its link stops working); without it, a pending invitation answers 409 invitation_pending',
  }),
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
