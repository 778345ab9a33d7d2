import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';

/*
 * A small fleet and four days of its metrics, for tests against a real Prometheus: see fleetOpenMetrics().
 */
export const t0 = new Date('2026-11-20T12:00:00Z');
const step = 5 * 60;
const steps = (4 * 86_400) / step;

function model(name: string, extra: { annotations?: Record<string, string> } = {}): ModelEntityV1alpha1 {
  return {
    apiVersion: 'modelport.io/v1alpha1',
    kind: 'Model',
    metadata: { name, namespace: 'default', annotations: { 'backstage.io/kubernetes-namespace': 'ml', ...extra.annotations } },
    spec: {
      type: 'classification',
      lifecycle: 'production',
      owner: 'group:default/ml',
      monitoring: {
        features: [
          { name: 'tenure', type: 'numerical' },
          { name: 'plan', type: 'categorical' },
        ],
        window: '1d',
        reference: { window: '2d', offset: '1d' },
      },
      slos: [
        { name: 'availability', objective: 0.999, window: '30d' },
        { name: 'latency', objective: 0.99, thresholdMs: 300, window: '30d' },
      ],
    },
  };
}

export const fleetModels = [
  model('steady'),
  model('burning'),
  model('drifting', { annotations: { 'modelport.io/metrics-source': 'seldon' } }),
  model('silent'),
];

export const bounds = ['10', '20', '30', '40', '50', '60', '80', '+Inf'];
export const shares = { usual: [0.1, 0.15, 0.2, 0.2, 0.15, 0.1, 0.07, 0.03], shifted: [0.02, 0.05, 0.1, 0.13, 0.2, 0.22, 0.18, 0.1] };

/**
 * Four days of metrics every 5 minutes: steady serves 1,000 requests per step with 0.05% errors; burning does the
 * same until two hours before t0, then fails 5%; drifting (on Seldon) is healthy but its tenure histogram shifts
 * in the last day; silent exports nothing.
 */
export function fleetOpenMetrics(): string {
  const lines: string[] = [];
  const counters = new Map<string, number>();
  const add = (series: string, increment: number, at: number) => {
    const value = (counters.get(series) ?? 0) + increment;
    counters.set(series, value);
    lines.push(`${series} ${value} ${at}`);
  };
  for (let i = 0; i <= steps; i++) {
    const at = t0.getTime() / 1000 - (steps - i) * step;
    const lastTwoHours = t0.getTime() / 1000 - at < 2 * 3600;
    const lastDay = t0.getTime() / 1000 - at < 86_400;
    for (const name of ['steady', 'burning']) {
      const errors = name === 'burning' && lastTwoHours ? 50 : 0.5;
      const svc = `service_name="${name}-predictor",namespace_name="ml"`;
      add(`revision_app_request_count{${svc},response_code_class="2xx"}`, 1000 - errors, at);
      add(`revision_app_request_count{${svc},response_code_class="5xx"}`, errors, at);
      add(`revision_app_request_latencies_bucket{${svc},le="300"}`, 998, at);
      add(`revision_app_request_latencies_bucket{${svc},le="+Inf"}`, 1000, at);
      add(`revision_app_request_latencies_count{${svc}}`, 1000, at);
    }
    add('seldon_model_infer_total{model="drifting",namespace="ml",code="200"}', 999.8, at);
    add('seldon_model_infer_total{model="drifting",namespace="ml",code="500"}', 0.2, at);
    add('seldon_model_infer_api_seconds_bucket{model="drifting",namespace="ml",le="0.3"}', 999, at);
    add('seldon_model_infer_api_seconds_bucket{model="drifting",namespace="ml",le="+Inf"}', 1000, at);
    add('seldon_model_infer_api_seconds_count{model="drifting",namespace="ml"}', 1000, at);
    for (const name of ['steady', 'burning', 'drifting']) {
      const shape = name === 'drifting' && lastDay ? shares.shifted : shares.usual;
      let cumulative = 0;
      bounds.forEach((le, b) => {
        cumulative += shape[b] * 200;
        add(`modelport_feature_value_bucket{model="${name}",feature="tenure",le="${le}"}`, cumulative, at);
      });
      for (const [category, n] of Object.entries({ basic: 120, plus: 60, premium: 20 })) {
        add(`modelport_feature_category_total{model="${name}",feature="plan",category="${category}"}`, n, at);
      }
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

