import { z } from 'zod';
import { idSchema, isoDateTime } from './common.js';
import { operatingModels, tenantStatuses } from './identity.js';

export const slugSchema = z
  .string()
  .trim()
  .min(2, { error: 'too_short' })
  .max(40, { error: 'too_long' })
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, { error: 'invalid_slug' });

export const tenantNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'required' })
  .max(100, { error: 'too_long' });

export const tenantSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    slug: z.string(),
    status: z.enum(tenantStatuses),
    operatingModel: z.enum(operatingModels),
    memberCount: z.number().int(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Tenant' });
export type Tenant = z.infer<typeof tenantSchema>;

export const createTenantSchema = z.object({
  name: tenantNameSchema,
  slug: slugSchema,
  operatingModel: z.enum(operatingModels).default('broadcast'),
});
export type CreateTenant = z.infer<typeof createTenantSchema>;

export const updateTenantSchema = z
  .object({
    name: tenantNameSchema.optional(),
    status: z.enum(tenantStatuses).optional(),
    operatingModel: z.enum(operatingModels).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: 'required' });
export type UpdateTenant = z.infer<typeof updateTenantSchema>;

export const tenantParamsSchema = z.object({ tenantId: idSchema });
