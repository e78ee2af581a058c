import { type FieldMessageKey, fieldMessages, type Locale } from '@kizuna/contract';
import type { z } from 'zod';
import type { FieldErrors } from './http';

/**
 * Checks form values with the contract's own schema (the one the server validates with) and
 * returns field messages in the user's language; empty when the values are valid.
 */
export function validateWith(
  schema: z.ZodType,
  values: Record<string, unknown>,
  locale: Locale,
): FieldErrors {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    // nested objects as dotted names (`returnConditions.earliestDate`); a list's items as the list
    const names = issue.path.filter((p): p is string => typeof p === 'string');
    const field = names.join('.');
    if (errors[field]) continue;
    const value = names.reduce<unknown>(
      (v, name) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[name] : undefined),
      values,
    );
    let key: FieldMessageKey;
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
      key = 'required';
    else if (issue.message in fieldMessages) key = issue.message as FieldMessageKey;
    else if (issue.code === 'too_small') key = 'too_short';
    else if (issue.code === 'too_big') key = 'too_long';
    else key = 'invalid_value';
    const params = issue as { minimum?: number | bigint; maximum?: number | bigint };
    errors[field] = fieldMessages[key][locale]
      .replace('{{min}}', String(params.minimum ?? ''))
      .replace('{{max}}', String(params.maximum ?? ''));
  }
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
