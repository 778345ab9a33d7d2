import { bounds, fleetModels, fleetOpenMetrics, shares, t0 } from '../__testUtils__/fleetData';
import { startPrometheus, type RunningPrometheus } from '../__testUtils__/prometheusServer';
import { PrometheusClient } from '../prometheus/PrometheusClient';
import { evaluateFleet } from './evaluateFleet';
import { targetOf } from './targets';

describe('evaluateFleet against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: fleetOpenMetrics() });
  }, 180_000);
  afterAll(() => prometheus?.stop());

  const targets = fleetModels.map(m => targetOf(m, { source: 'kserve', instance: 'default' }));

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

  it('compares with the baseline profile of the version current in an environment when the model says so', async () => {
    const client = new PrometheusClient({ name: 'default', url: prometheus.url, timeoutMs: 30_000 });
    const againstProd = fleetModels.map(m => ({ ...m, spec: { ...m.spec, monitoring: { ...m.spec.monitoring, reference: { environment: 'prod' } } } }));
    let cumulative = 0;
    const profile = {
      features: {
        tenure: { buckets: bounds.map((le, i) => ({ le: le === '+Inf' ? ('+Inf' as const) : Number(le), count: (cumulative += shares.usual[i] * 1000) })) },
        plan: { categories: { basic: 600, plus: 300, premium: 100 } },
      },
    };
    const baselines = new Map([
      ['model:default/steady', { version: '1.0.0', profile }],
      ['model:default/drifting', { version: '2.1.0', profile }],
      ['model:default/burning', {}],
    ]);
    const { results, queries } = await evaluateFleet(client, againstProd.map(m => targetOf(m, { source: 'kserve', instance: 'default' })), t0, baselines);
    expect(queries).toBe(9);
    const by = Object.fromEntries(results.map(r => [r.modelRef.replace('model:default/', ''), r.drift]));
    expect(by.steady).toMatchObject({ state: 'ok', reference: { environment: 'prod', version: '1.0.0' } });
    expect(by.drifting.features.map(f => [f.name, f.state])).toEqual([
      ['tenure', 'drifted'],
      ['plan', 'ok'],
    ]);
    expect(by.burning).toMatchObject({ state: 'no-data', features: [{ state: 'no-data', message: 'no baseline: no version is current in prod' }, { state: 'no-data' }] });
  });

  it('fails the whole cycle with the kind of failure once Prometheus is gone', async () => {
    const stopped = await startPrometheus({ openMetrics: '# EOF\n' });
    await stopped.stop();
    const client = new PrometheusClient({ name: 'default', url: stopped.url, timeoutMs: 5_000 });
    await expect(evaluateFleet(client, targets, t0)).rejects.toMatchObject({ name: 'PrometheusError', kind: 'network' });
  }, 120_000);
});
