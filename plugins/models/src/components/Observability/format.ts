import { DateTime } from 'luxon';

export function percent(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(digits)}%`;
}

export function number(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (value !== 0 && Math.abs(value) < 0.001) return value.toExponential(2);
  return value.toPrecision(3);
}

export function when(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** How long ago, in words ("5 minutes ago"), for figures whose age matters more than their clock time. */
export function ago(iso: string | undefined): string {
  return iso ? (DateTime.fromISO(iso).toRelative() ?? when(iso)) : '—';
}
