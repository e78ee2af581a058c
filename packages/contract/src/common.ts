import { z } from 'zod';

export const idSchema = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor returned as `nextCursor` by the previous page. */
  cursor: z.string().max(200).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const okSchema = z.object({ ok: z.literal(true) });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'invalid_email' }).max(254, { error: 'too_long' }));

export const personNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'required' })
  .max(100, { error: 'too_long' });

export const passwordSchema = z.string().min(10, { error: 'too_short' }).max(128, { error: 'too_long' });
