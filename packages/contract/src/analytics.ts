import { z } from 'zod';
import { isoDateTime } from './common.js';

/** How far back the staff home counts imports. */
export const RECENT_IMPORT_DAYS = 30;

/**
 * The numbers the staff home shows for the active company today, each read when asked (nothing
 * is stored or written to answer them).
 */
export const homeFiguresSchema = z
  .object({
    alumni: z.number().int().meta({
      description:
        'Leaver records, anonymized ones excluded, and leavers at the retirement age unless `retireesCounted`',
    }),
    members: z.number().int().meta({ description: 'Of those, registered as members (会員)' }),
    joinRate: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .meta({ description: 'members / alumni, 0–1; null while there are no alumni' }),
    retireesCounted: z
      .boolean()
      .meta({ description: 'The company counts leavers at the retirement age (定年退職) as alumni' }),
    pendingRegistrations: z
      .number()
      .int()
      .meta({ description: 'Self-registrations confirmed by e-mail, waiting for a staff decision' }),
    invitationsThisMonth: z
      .number()
      .int()
      .meta({ description: 'Registration links mailed to leavers this calendar month in Japan' }),
    month: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .meta({ description: 'That month (Asia/Tokyo), `2026-04`' }),
    imports: z.object({
      recent: z
        .number()
        .int()
        .meta({ description: `CSV imports applied in the last ${RECENT_IMPORT_DAYS} days` }),
      lastAt: isoDateTime.nullable().meta({ description: 'When the last import was applied (any time)' }),
      lastCreated: z.number().int().nullable().meta({ description: 'Records the last import added' }),
      lastUpdated: z.number().int().nullable().meta({ description: 'Records the last import updated' }),
    }),
  })
  .meta({ id: 'HomeFigures' });
export type HomeFigures = z.infer<typeof homeFiguresSchema>;
