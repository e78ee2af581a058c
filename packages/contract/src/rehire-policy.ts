import { z } from 'zod';
import { leaveReasonCategories, leaveTypes } from './alumni.js';
import { isoDateTime } from './common.js';

/** The rehire policy (再雇用条件) a company sets; the verdict per alumnus is in alumni.ts (`eligibilitySchema`). */
export const rehirePolicyInputSchema = z.object({
  allowedLeaveTypes: z
    .array(z.enum(leaveTypes))
    .max(leaveTypes.length)
    .default([])
    .meta({ description: 'Empty: every leave type' }),
  minTenureMonths: z.number().int().min(0).max(600).default(0),
  minMonthsSinceLeaving: z.number().int().min(0).max(600).default(0),
  excludedLeaveReasons: z.array(z.enum(leaveReasonCategories)).max(12).default([]),
  excludeDoNotContact: z.boolean().default(true),
  explanation: z.string().max(10_000, { error: 'too_long' }).default(''),
  published: z.boolean().default(false),
});
export type RehirePolicyInput = z.infer<typeof rehirePolicyInputSchema>;

export const rehirePolicySchema = rehirePolicyInputSchema
  .extend({
    version: z.number().int(),
    hasShareLink: z.boolean(),
    updatedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'RehirePolicy' });
export type RehirePolicy = z.infer<typeof rehirePolicySchema>;

/** What employees see: the published explanation and the rules in words. */
export const publishedRehirePolicySchema = z
  .object({
    companyName: z.string(),
    explanation: z.string(),
    allowedLeaveTypes: z.array(z.enum(leaveTypes)),
    minTenureMonths: z.number().int(),
    minMonthsSinceLeaving: z.number().int(),
    excludedLeaveReasons: z.array(z.enum(leaveReasonCategories)),
    updatedAt: isoDateTime,
  })
  .meta({ id: 'PublishedRehirePolicy' });
