import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import { startPrometheus, type RunningPrometheus } from '../__testUtils__/prometheusServer';
import { PrometheusClient } from '../prometheus/PrometheusClient';
import { evaluateFleet } from './evaluateFleet';
import { targetOf } from './targets';

const t0 = new Date('2026-11-20T12:00:00Z');
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

const models = [
  model('steady'),
  model('burning'),
  model('drifting', { annotations: { 'modelport.io/metrics-source': 'seldon' } }),
  model('silent'),
];

const bounds = ['10', '20', '30', '40', '50', '60', '80', '+Inf'];
const shares = { usual: [0.1, 0.15, 0.2, 0.2, 0.15, 0.1, 0.07, 0.03], shifted: [0.02, 0.05, 0.1, 0.13, 0.2, 0.22, 0.18, 0.1] };

/**
 * Four days of metrics every 5 minutes: steady serves 1,000 requests per step with 0.05% errors; burning does the
 * same until two hours before t0, then fails 5%; drifting (on Seldon) is healthy but its tenure histogram shifts
 * in the last day; silent exports nothing.
 */
function openMetrics(): string {
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

describe('evaluateFleet against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: openMetrics() });
  }, 180_000);
  afterAll(() => prometheus?.stop());

  const targets = models.map(m => targetOf(m, { source: 'kserve', instance: 'default' }));

  it('classifies a stable, a burning, a drifting and a silent model with one query per window', async () => {
    const client = new PrometheusClient({ name: 'default', url: prometheus.url, timeoutMs: 30_000 });
    const { results, queries } = await evaluateFleet(client, targets, t0);
    // 7 alerting windows + the 30-day objective window + the current and reference drift windows.
    expect(queries).toBe(10);
    const by = Object.fromEntries(results.map(r => [r.modelRef.replace('model:default/', ''), r]));

    expect(by.steady.slo.state).toBe('ok');
    expect(by.steady.slo.objectives[0].budgetRemaining).toBeCloseTo(0.5, 2);
    expect(by.steady.slo.objectives[1]).toMatchObject({ state: 'ok', budgetRemaining: expect.closeTo(0.8, 2) });
    expect(by.steady.drift).toMatchObject({ state: 'ok', window: '1d', reference: { window: '2d', offset: '1d' } });
    expect(by.steady.drift.features.map(f => [f.name, f.state, f.test])).toEqual([
      ['tenure', 'ok', 'wasserstein'],
      ['plan', 'ok', 'jensenshannon'],
    ]);

    expect(by.burning.slo.state).toBe('critical');
    expect(by.burning.slo.objectives[0].burnRates.filter(b => b.firing).map(b => `${b.long}/${b.short}`)).toContain('1h/5m');
    expect(by.burning.drift.state).toBe('ok');

    expect(by.drifting.slo.state).toBe('ok');
    expect(by.drifting.drift.state).toBe('drifted');
    expect(by.drifting.drift.features[0]).toMatchObject({ name: 'tenure', state: 'drifted', test: 'wasserstein', score: expect.any(Number) });
    expect(by.drifting.drift.features[1]).toMatchObject({ name: 'plan', state: 'ok' });

    expect(by.silent.slo).toMatchObject({ state: 'no-data', objectives: [{ reason: 'no availability events over 30d' }, { reason: 'no latency events over 30d' }] });
    expect(by.silent.drift.state).toBe('no-data');
    expect(results.every(r => r.evaluatedAt === t0.toISOString())).toBe(true);
  });

  it('fails the whole cycle with the kind of failure once Prometheus is gone', async () => {
    const stopped = await startPrometheus({ openMetrics: '# EOF\n' });
    await stopped.stop();
    const client = new PrometheusClient({ name: 'default', url: stopped.url, timeoutMs: 5_000 });
    await expect(evaluateFleet(client, targets, t0)).rejects.toMatchObject({ name: 'PrometheusError', kind: 'network' });
  }, 120_000);
});
