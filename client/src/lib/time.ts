const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When a post or comment was written, as people say it: "just now", "5 minutes ago",
 * "3 hours ago", "2 days ago" for the last week, then the date (with the year when not this year).
 */
export function relativeTime(iso: string, now: Date, locale: string): string {
  const then = new Date(iso);
  const elapsed = now.getTime() - then.getTime();
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (elapsed < MINUTE) return relative.format(0, 'second');
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day');
  const sameYear = then.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(locale, { year: sameYear ? undefined : 'numeric', month: 'short', day: 'numeric' }).format(then);
}

/** The full date and time, for the tooltip. */
export function fullTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}
