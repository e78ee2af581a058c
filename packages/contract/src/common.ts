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

/**
 * Furigana (フリガナ): katakana or hiragana, the long vowel mark ー, the iteration marks, the
 * middle dot ・ and spaces. Checked after NFKC, so half-width ｶﾀｶﾅ and the full-width space pass;
 * romaji (Tanaka) does not.
 */
const KANA = /^[\u3041-\u3096\u309D\u309E\u30A1-\u30FA\u30FB\u30FC\u30FD\u30FE ]*$/;
export function isKana(value: string): boolean {
  return KANA.test(value.normalize('NFKC'));
}

/** A furigana field: trimmed, at most `max` characters, kana only (`invalid_kana`). */
export const kanaSchema = (max: number) =>
  z.string().trim().max(max, { error: 'too_long' }).refine(isKana, { error: 'invalid_kana' });

/** Phone numbers: digits, +, -, spaces and parentheses, with at least one digit (empty passes). */
const PHONE = /^[\d+\-() ]*\d[\d+\-() ]*$/;
export function isPhone(value: string): boolean {
  return value === '' || PHONE.test(value);
}

/**
 * A phone field: full-width digits and signs (０９０－１２３４) become half-width (NFKC), then
 * at most 30 characters of digits, +, -, spaces and parentheses (`invalid_phone`).
 */
export const phoneSchema = z
  .string()
  .transform((v) => v.normalize('NFKC').trim())
  .pipe(z.string().max(30, { error: 'too_long' }).refine(isPhone, { error: 'invalid_phone' }));

// no custom message keys: the length checks' own issues carry the limits the messages name
export const passwordSchema = z.string().min(10).max(128);
