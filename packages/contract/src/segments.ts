import { z } from 'zod';
import { alumniFilterSchema } from './alumni.js';
import { idSchema, isoDateTime } from './common.js';

/** Segments (セグメント): saved audiences of alumni, and inviting a whole segment. */
export const segmentInputSchema = z.object({
  name: z.string().trim().min(1, { error: 'required' }).max(100, { error: 'too_long' }),
  filter: alumniFilterSchema,
});
export const segmentSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    filter: z.record(z.string(), z.unknown()),
    count: z.number().int().meta({ description: 'How many alumni match now' }),
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Segment' });
export const segmentParamsSchema = z.object({ segmentId: idSchema });

// ---- invitations to a whole segment

export const segmentInvitationQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false)
    .meta({ description: 'Count only: nobody is invited' }),
});
export const segmentInvitationResultSchema = z
  .object({
    invited: z.number().int().meta({ description: 'Invited now (or would be, on a dry run)' }),
    skipped: z.object({
      registered: z.number().int(),
      doNotContact: z.number().int(),
      noEmail: z.number().int(),
      alreadyInvited: z.number().int().meta({ description: 'A pending invitation from the last 7 days' }),
      anonymized: z.number().int(),
      retired: z
        .number()
        .int()
        .meta({ description: 'Left at the retirement age, while the company does not count them as alumni' }),
    }),
    mailNotSent: z.number().int().meta({ description: 'Invitations recorded but refused by SMTP' }),
  })
  .meta({ id: 'SegmentInvitationResult' });
