import { windowSeconds } from './windows';

export type AlertSeverity = 'critical' | 'warning';

/**
 * The multiwindow, multi-burn-rate alerts of Google's SRE workbook (chapter 5): a page when 2% of the error
 * budget burns within an hour or 5% within six hours, a ticket when 10% burns within a day or within three days;
 * each checked over its long window and, so that the alert stops soon after the burning does, a short window of a
 * twelfth of it. For a 30-day objective the burn-rate factors are the workbook's 14.4, 6, 3 and 1.
 */
export const MULTIWINDOW_ALERTS: ReadonlyArray<{ severity: AlertSeverity; long: string; short: string; budgetShare: number }> = [
  { severity: 'critical', long: '1h', short: '5m', budgetShare: 0.02 },
  { severity: 'critical', long: '6h', short: '30m', budgetShare: 0.05 },
  { severity: 'warning', long: '1d', short: '2h', budgetShare: 0.1 },
  { severity: 'warning', long: '3d', short: '6h', budgetShare: 0.1 },
];

/** Every window an evaluation of these alerts needs, besides the objective's own window. */
export const ALERT_WINDOWS = [...new Set(MULTIWINDOW_ALERTS.flatMap(a => [a.short, a.long]))];

/** The burn rate at which an alert fires: its share of the budget spent within its long window. */
export function burnRateFactor(alert: { long: string; budgetShare: number }, sloWindow: string): number {
  return (alert.budgetShare * windowSeconds(sloWindow)) / windowSeconds(alert.long);
}
