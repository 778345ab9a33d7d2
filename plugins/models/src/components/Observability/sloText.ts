import type { SloSnapshot } from '@modelport/plugin-models-common';
import { percent } from './format';

/**
 * An objective's figures in words: the target, what was measured over the same window, and the error budget as
 * left or overspent ("target 99.90% over 30d, measured 98.00%, budget overspent 20x"), so that a negative
 * remainder never reads as an availability.
 */
export function sloSentence(slo: Pick<SloSnapshot, 'objective' | 'window' | 'errorRatio' | 'budgetRemaining'>): string {
  const target = `Target ${percent(slo.objective, 2)} over ${slo.window}`;
  if (slo.errorRatio === undefined || !Number.isFinite(slo.errorRatio)) return `${target}; nothing measured yet.`;
  const measured = `measured ${percent(1 - slo.errorRatio, 2)}`;
  const allowed = 1 - slo.objective;
  // The server's remainder when it gave one (the card's bar shows the same), else the same figure from the ratio.
  let spent = allowed > 0 ? slo.errorRatio / allowed : Infinity;
  if (slo.budgetRemaining !== undefined) spent = 1 - slo.budgetRemaining;
  if (spent <= 1) return `${target}, ${measured}: ${percent(1 - spent)} of the error budget left.`;
  const times = spent >= 10 ? spent.toFixed(0) : spent.toFixed(1);
  return `${target}, ${measured}: budget overspent ${times}x (${percent(slo.errorRatio, 2)} of requests failed where ${percent(allowed, 2)} are allowed).`;
}

export const BURN_RATE_LEGEND =
  'A burn rate says how fast the error budget is being spent: 1x spends exactly the whole budget over the objective\'s window. ' +
  'An alert fires when both its long and its short window burn faster than its factor; a page needs someone now, a ticket within working hours.';
