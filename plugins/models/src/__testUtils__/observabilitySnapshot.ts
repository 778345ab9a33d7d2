import type { ModelObservability } from '@modelport/plugin-models-common';

/** The instant the fixtures' figures are of. */
export const evaluatedAt = '2026-11-26T10:00:00.000Z';

/** A model's observability snapshot: an availability objective and two features, in the state asked for. */
export function snapshot(modelRef: string, options: { budget?: number; sloState?: 'ok' | 'critical' | 'no-data'; drift?: 'ok' | 'drifted' } = {}): ModelObservability {
  const firing = options.sloState === 'critical';
  return {
    modelRef,
    evaluatedAt,
    prometheus: 'default',
    slo: {
      state: options.sloState ?? 'ok',
      objectives: [
        {
          name: 'availability',
          indicator: 'availability',
          objective: 0.999,
          window: '30d',
          state: options.sloState ?? 'ok',
          budgetRemaining: options.budget ?? 0.5,
          errorRatio: 0.0005,
          burnRates: [
            { severity: 'critical', long: '1h', short: '5m', factor: 14.4, longBurnRate: firing ? 20 : 0.5, shortBurnRate: firing ? 21 : 0.5, firing },
            { severity: 'warning', long: '1d', short: '2h', factor: 3, longBurnRate: 0.5, shortBurnRate: 0.5, firing: false },
          ],
        },
      ],
    },
    drift: {
      state: options.drift ?? 'ok',
      window: '1d',
      reference: { window: '7d', offset: '1d' },
      features: [
        { name: 'tenure_months', type: 'numerical', role: 'feature', state: options.drift ?? 'ok', test: 'wasserstein', score: options.drift === 'drifted' ? 0.31 : 0.02, threshold: 0.1 },
        { name: 'plan', type: 'categorical', role: 'feature', state: 'no-data', message: 'no current observations of modelport_feature_category_total{feature="plan"}' },
      ],
    },
  };
}
