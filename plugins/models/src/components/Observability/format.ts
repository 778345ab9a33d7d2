import { DateTime } from 'luxon';

export function percent(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** Three significant digits, never an exponent: below 1e-6 a figure is noise and says so ("< 0.000001"). */
export function number(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (value !== 0 && Math.abs(value) < 1e-6) return value > 0 ? '< 0.000001' : '> -0.000001';
  return value.toLocaleString('en-US', { maximumSignificantDigits: 3, useGrouping: false });
}

/** The fields toLocaleString() shows by default; one formatter, as building one per call was a page's hot spot. */
let clockFormat: Intl.DateTimeFormat | undefined;

/** The clock time in the reader's locale, as `Date.prototype.toLocaleString()` writes it. */
export function when(iso: string | undefined): string {
  if (!iso) return '—';
  clockFormat ??= new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return clockFormat.format(new Date(iso));
}

/** The words `ago` wrote within the current second, by time. */
let agoCache: { second: number; words: Map<string, string> } = { second: NaN, words: new Map() };

/**
 * How long ago, in words ("5 minutes ago"), for figures whose age matters more than their clock time. Within a
 * minute either way it is "just now": "0 seconds ago", or "in 2 seconds" from a clock a little behind the server's,
 * would read as an error.
 */
export function ago(iso: string | undefined, now?: DateTime): string {
  if (!iso) return '—';
  if (now) return agoFrom(iso, now);
  // Words written within the current second are written again as they were (at most a second behind): a page of
  // rows asks for the same few times again and again, and luxon's arithmetic for each was a visible share of the
  // explorer's render.
  const second = Math.floor(Date.now() / 1000);
  if (agoCache.second !== second) agoCache = { second, words: new Map() };
  let words = agoCache.words.get(iso);
  if (words === undefined) {
    words = agoFrom(iso, DateTime.now());
    agoCache.words.set(iso, words);
  }
  return words;
}

function agoFrom(iso: string, now: DateTime): string {
  const t = DateTime.fromISO(iso);
  if (Math.abs(now.diff(t).as('seconds')) < 60) return 'just now';
  return t.toRelative({ base: now }) ?? when(iso);
}

/** The clock time with seconds and its time zone, for trails an auditor reads ("Dec 3, 2026, 2:58:10 PM UTC"). */
export function zoned(iso: string): string {
  const t = DateTime.fromISO(iso);
  return `${t.toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS)} ${t.toFormat('ZZZZ')}`;
}

/** "3 days ago (Nov 30, 2026, 10:12:03 AM UTC)". */
export function agoZoned(iso: string): string {
  return `${ago(iso)} (${zoned(iso)})`;
}
