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
  // The paved road's model server, measured by its own request metrics (modelport_requests_total and
  // modelport_request_duration_seconds), as in KServe's Standard mode without a queue-proxy.
  model('served', { annotations: { 'modelport.io/metrics-source': 'modelport' } }),
];

/**
 * More models on the same Prometheus: steady's traffic with bucket bounds spelt as Prometheus 3 stores them
 * (`300.0`) and in scientific notation (`3e+02`); a model that went quiet three days before t0; and one with a
 * custom objective of useful answers.
 */
export const moreModels = {
  normalized: model('normalized'),
  scientific: model('scientific'),
  quiet: model('quiet'),
  answering: {
    ...model('answering'),
    spec: {
      ...model('answering').spec,
      slos: [
        {
          name: 'useful-answers',
          indicator: 'custom' as const,
          objective: 0.9,
          window: '7d',
          query: { good: 'sum(increase(answers_total{useful="true"}[{{.window}}]))', total: 'sum(increase(answers_total[{{.window}}]))' },
        },
      ],
    },
  },
};

/** A model like `answering`, with other queries for its custom objective. */
export function customModel(name: string, good: string, total = 'sum(increase(answers_total[{{.window}}]))'): ModelEntityV1alpha1 {
  const [slo] = moreModels.answering.spec.slos;
  return { ...moreModels.answering, metadata: { ...moreModels.answering.metadata, name }, spec: { ...moreModels.answering.spec, slos: [{ ...slo, query: { good, total } }] } };
}

/** Passes every check of the query, and fails when Prometheus runs it: many-to-many matching. */
export const manyToManyQuery = 'sum(increase(revision_app_request_count[{{.window}}]) / on () increase(revision_app_request_count[{{.window}}]))';

/** When the quiet model served its last requests. */
export const quietSince = new Date(t0.getTime() - 3 * 86_400_000);

export const bounds = ['10', '20', '30', '40', '50', '60', '80', '+Inf'];
export const shares = { usual: [0.1, 0.15, 0.2, 0.2, 0.15, 0.1, 0.07, 0.03], shifted: [0.02, 0.05, 0.1, 0.13, 0.2, 0.22, 0.18, 0.1] };

/** A bound as Prometheus 3 stores classic histogram buckets: `300.0`. */
function floatFormat(le: string): string {
  return le === '+Inf' ? le : Number(le).toFixed(1);
}

/** A bound as some exporters write it: `3e+02`. */
function scientificFormat(le: string): string {
  return le === '+Inf' ? le : Number(le).toExponential().replace(/e\+?(-?)(\d)$/, 'e+$10$2').replace('e+-', 'e-');
}

/**
 * Four days of metrics every 5 minutes: steady serves 1,000 requests per step with 0.05% errors; burning does the
 * same until two hours before t0, then fails 5%; drifting (on Seldon) is healthy but its tenure histogram shifts
 * in the last day; silent exports nothing; served exports its own request metrics. The models of `moreModels` are described there.
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
    const spelt = { steady: (le: string) => le, burning: (le: string) => le, quiet: (le: string) => le, normalized: floatFormat, scientific: scientificFormat };
    for (const [name, bound] of Object.entries(spelt)) {
      const traffic = name === 'quiet' && at > quietSince.getTime() / 1000 ? 0 : 1;
      const errors = name === 'burning' && lastTwoHours ? 50 : 0.5;
      const svc = `service_name="${name}-predictor",namespace_name="ml"`;
      add(`revision_app_request_count{${svc},response_code_class="2xx"}`, (1000 - errors) * traffic, at);
      add(`revision_app_request_count{${svc},response_code_class="5xx"}`, errors * traffic, at);
      add(`revision_app_request_latencies_bucket{${svc},le="${bound('300')}"}`, 998 * traffic, at);
      add(`revision_app_request_latencies_bucket{${svc},le="${bound('+Inf')}"}`, 1000 * traffic, at);
      add(`revision_app_request_latencies_count{${svc}}`, 1000 * traffic, at);
    }
    add('answers_total{model="answering",useful="true"}', 95, at);
    add('answers_total{model="answering",useful="false"}', 5, at);
    add('seldon_model_infer_total{model="drifting",namespace="ml",code="200"}', 999.8, at);
    add('seldon_model_infer_total{model="drifting",namespace="ml",code="500"}', 0.2, at);
    add('seldon_model_infer_api_seconds_bucket{model="drifting",namespace="ml",le="0.3"}', 999, at);
    add('seldon_model_infer_api_seconds_bucket{model="drifting",namespace="ml",le="+Inf"}', 1000, at);
    add('seldon_model_infer_api_seconds_count{model="drifting",namespace="ml"}', 1000, at);
    // served: 0.5 server errors and one client error (not spent) in every 1,000 requests; 995 within 300 ms.
    add('modelport_requests_total{model="served",namespace="ml",code="200"}', 998.5, at);
    add('modelport_requests_total{model="served",namespace="ml",code="400"}', 1, at);
    add('modelport_requests_total{model="served",namespace="ml",code="503"}', 0.5, at);
    add('modelport_request_duration_seconds_bucket{model="served",namespace="ml",le="0.3"}', 995, at);
    add('modelport_request_duration_seconds_bucket{model="served",namespace="ml",le="+Inf"}', 1000, at);
    add('modelport_request_duration_seconds_count{model="served",namespace="ml"}', 1000, at);
    for (const [name, bound] of Object.entries({ steady: (le: string) => le, burning: (le: string) => le, drifting: (le: string) => le, normalized: floatFormat, scientific: scientificFormat })) {
      const shape = name === 'drifting' && lastDay ? shares.shifted : shares.usual;
      let cumulative = 0;
      bounds.forEach((le, b) => {
        cumulative += shape[b] * 200;
        add(`modelport_feature_value_bucket{model="${name}",feature="tenure",le="${bound(le)}"}`, cumulative, at);
      });
      for (const [category, n] of Object.entries({ basic: 120, plus: 60, premium: 20 })) {
        add(`modelport_feature_category_total{model="${name}",feature="plan",category="${category}"}`, n, at);
      }
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

