import type { Locale } from '@kizuna/contract';

const TIME_ZONE = 'Asia/Tokyo';
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, kind: 'date' | 'dateTime' | 'dateTimeSeconds') {
  const key = `${locale}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    const tag = locale === 'ja' ? 'ja-JP' : 'en-GB';
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? {
            timeZone: TIME_ZONE,
            year: 'numeric',
            month: locale === 'ja' ? '2-digit' : 'short',
            day: '2-digit',
          }
        : {
            timeZone: TIME_ZONE,
            year: 'numeric',
            month: locale === 'ja' ? '2-digit' : 'short',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            ...(kind === 'dateTimeSeconds' ? { second: '2-digit' } : {}),
            hourCycle: 'h23',
          };
    f = new Intl.DateTimeFormat(tag, options);
    cache.set(key, f);
  }
  return f;
}

/** A date in Japan time, e.g. 2026/05/01 (ja) or 01 May 2026 (en). */
export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  return formatter(locale, 'date').format(new Date(iso));
}

/** Date and time in Japan time, e.g. 2026/05/01 14:03 (ja) or 01 May 2026, 14:03 (en). */
export function formatDateTime(iso: string | null | undefined, locale: Locale, seconds = false): string {
  if (!iso) return '—';
  return formatter(locale, seconds ? 'dateTimeSeconds' : 'dateTime').format(new Date(iso));
}
