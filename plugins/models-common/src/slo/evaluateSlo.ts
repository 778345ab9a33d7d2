import type { ModelsApiSchemas } from '../schema';
import { MULTIWINDOW_ALERTS } from './burnRates';

/**
 * Bad and total events counted over one window; a window without events has no error ratio.
 *
 * @public
 */
export type EventCounts = { bad: number; total: number };

/**
 * `no-traffic`: see the SloState schema of the models API's OpenAPI document, where the states are described.
 *
 * @public
 */
export type SloState = ModelsApiSchemas['SloState'];

/**
 * Without events in this window, a model is silent: neither page alert has a short window left to fire on.
 *
 * @public
 */
export const SILENCE_WINDOW = '1h';

/** @public */
export type BurnRateWindow = ModelsApiSchemas['BurnRateWindow'];

/** @public */
export type SloEvaluation = {
  state: SloState;
  /** The share of the error budget left over the objective's window: 1 untouched, 0 spent, below 0 overspent. */
  budgetRemaining?: number;
  /** Bad events over total events over the objective's window. */
  errorRatio?: number;
  burnRates: BurnRateWindow[];
};

function errorRatio(counts: EventCounts | undefined): number | undefined {
  if (!counts || !(counts.total > 0)) return undefined;
  return Math.min(Math.max(counts.bad / counts.total, 0), 1);
}

/**
 * Evaluates one objective from event counts per window (keys such as `5m`, `1h`, `30d`). An alert fires when
 * the burn rate exceeds its factor over both its long and its short window, as the SRE workbook's alerting rules
 * do; a window without events does not fire and has no burn rate. Without events over the objective's window the
 * state is no-data, and without events in the last hour no-traffic: nothing is shown as healthy that was not
 * measured.
 *
 * @public
 */
export function evaluateSlo(options: { objective: number; window: string; counts: Record<string, EventCounts | undefined> }): SloEvaluation {
  const budget = 1 - options.objective;
  const burn = (window: string) => {
    const ratio = errorRatio(options.counts[window]);
    return ratio === undefined ? undefined : ratio / budget;
  };
  const burnRates = MULTIWINDOW_ALERTS.map(alert => {
    const factor = alert.factor;
    const longBurnRate = burn(alert.long);
    const shortBurnRate = burn(alert.short);
    const firing = longBurnRate !== undefined && shortBurnRate !== undefined && longBurnRate > factor && shortBurnRate > factor;
    return { severity: alert.severity, long: alert.long, short: alert.short, factor, longBurnRate, shortBurnRate, firing };
  });
  const overall = errorRatio(options.counts[options.window]);
  if (overall === undefined) return { state: 'no-data', burnRates };
  let state: SloState = errorRatio(options.counts[SILENCE_WINDOW]) === undefined ? 'no-traffic' : 'ok';
  if (burnRates.some(b => b.firing && b.severity === 'warning')) state = 'warning';
  if (burnRates.some(b => b.firing && b.severity === 'critical')) state = 'critical';
  return { state, errorRatio: overall, budgetRemaining: 1 - overall / budget, burnRates };
}
