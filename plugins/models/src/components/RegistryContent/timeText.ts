import { DateTime } from 'luxon';

/** A moment as a person reads it in a trail: how long ago, and the clock time with its time zone. */
export function moment(iso: string): { relative: string; absolute: string } {
  const t = DateTime.fromISO(iso);
  return { relative: t.toRelative() ?? '', absolute: `${t.toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS)} ${t.toFormat('ZZZZ')}` };
}

/** "3 days ago (Nov 30, 2026, 10:12:03 AM UTC)". */
export function momentText(iso: string): string {
  const { relative, absolute } = moment(iso);
  return `${relative} (${absolute})`;
}
