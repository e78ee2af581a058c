import { z } from 'zod';
import { idSchema, passwordSchema } from './common.js';
import { operatorRoles, permissions, roles, tenantRoles } from './roles.js';

export const tenantStatuses = ['active', 'suspended'] as const;
export const operatingModels = ['broadcast', 'community'] as const;

export const membershipSchema = z.object({
  tenantId: idSchema,
  tenantName: z.string(),
  tenantSlug: z.string(),
  tenantStatus: z.enum(tenantStatuses),
  role: z.enum(tenantRoles),
});

export const meSchema = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    operatorRole: z.enum(operatorRoles).nullable(),
    memberships: z.array(membershipSchema),
    activeTenant: z
      .object({
        id: idSchema,
        name: z.string(),
        slug: z.string(),
        status: z.enum(tenantStatuses),
        role: z.enum(roles).meta({ description: 'The role the user acts with inside this company' }),
      })
      .nullable(),
    permissions: z.array(z.enum(permissions)),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const setActiveTenantSchema = z.object({ tenantId: idSchema });

/** A signed-in user changes their password; their other sessions end. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(128),
    newPassword: passwordSchema,
  })
  .meta({ id: 'ChangePassword' });
export type ChangePassword = z.infer<typeof changePasswordSchema>;
