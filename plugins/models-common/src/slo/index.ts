export { windowSeconds } from './windows';
export type { AlertSeverity } from './burnRates';
export { ALERT_WINDOWS, MULTIWINDOW_ALERTS } from './burnRates';
export type { BurnRateWindow, EventCounts, SloEvaluation, SloState } from './evaluateSlo';
export { evaluateSlo, SILENCE_WINDOW } from './evaluateSlo';
