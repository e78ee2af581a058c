/**
 * Dates as the product's users count them: in Japan (Asia/Tokyo), whatever the server's zone.
 * The sv-SE locale writes ISO dates; the formatter is made once (building one costs ~0.3 ms).
 */
const tokyoDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' });

/** `YYYY-MM-DD` in Japan: the day shown in the UI, counted in rehire months and stamped on files. */
export function todayInTokyo(now = new Date()): string {
  return tokyoDate.format(now);
}

const tokyoMinute = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** `YYYY-MM-DD HH:MM` in Japan, for a moment told to people (e.g. when a mail was asked for). */
export function minuteInTokyo(at = new Date()): string {
  return tokyoMinute.format(at);
}
