import type { ModelsApiSchemas } from '../schema';

/** @public */
export type AlertSeverity = ModelsApiSchemas['AlertSeverity'];

/**
 * The multiwindow, multi-burn-rate alerts of Google's SRE workbook (chapter 5): page when the error budget burns
 * 14.4 times too fast over an hour or 6 times over six hours, file a ticket at 3 times over a day or at the
 * budget's pace over three days; each checked over its long window and, so that the alert stops soon after the
 * burning does, a short window of a twelfth of it. The workbook derives the factors for a 30-day objective (2%,
 * 5% and 10% of the budget in the long window); Modelport keeps them for every objective window, so that a
 * factor never drops below 1 (a model burning slower than its budget allows never alerts).
 *
 * @public
 */
export const MULTIWINDOW_ALERTS: ReadonlyArray<{ severity: AlertSeverity; long: string; short: string; factor: number }> = [
  { severity: 'critical', long: '1h', short: '5m', factor: 14.4 },
  { severity: 'critical', long: '6h', short: '30m', factor: 6 },
  { severity: 'warning', long: '1d', short: '2h', factor: 3 },
  { severity: 'warning', long: '3d', short: '6h', factor: 1 },
];

/**
 * Every window an evaluation of these alerts needs, besides the objective's own window.
 *
 * @public
 */
export const ALERT_WINDOWS = [...new Set(MULTIWINDOW_ALERTS.flatMap(a => [a.short, a.long]))];
