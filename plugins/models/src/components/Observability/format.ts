import { DateTime } from 'luxon';

export function percent(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** Three significant digits, never an exponent: below 1e-6 a figure is noise and says so ("< 0.000001"). */
export function number(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (value !== 0 && Math.abs(value) < 1e-6) return value > 0 ? '< 0.000001' : '> -0.000001';
  return Number(value.toPrecision(3)).toLocaleString('en-US', { maximumSignificantDigits: 3, useGrouping: false });
}

export function when(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** How long ago, in words ("5 minutes ago"), for figures whose age matters more than their clock time. */
export function ago(iso: string | undefined): string {
  return iso ? (DateTime.fromISO(iso).toRelative() ?? when(iso)) : '—';
}
