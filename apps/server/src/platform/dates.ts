/**
 * Dates as the product's users count them: in Japan (Asia/Tokyo), whatever the server's zone.
 * The sv-SE locale writes ISO dates; the formatter is made once (building one costs ~0.3 ms).
 */
const tokyoDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' });

/** `YYYY-MM-DD` in Japan: the day shown in the UI, counted in rehire months and stamped on files. */
export function todayInTokyo(now = new Date()): string {
  return tokyoDate.format(now);
}
