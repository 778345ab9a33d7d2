import { checkSliQuery, type ModelEntityV1alpha1, type ModelObservability } from '@modelport/plugin-models-common';
import { bounds, customModel, fleetModels, fleetOpenMetrics, manyToManyQuery, moreModels, quietSince, shares, t0 } from '../__testUtils__/fleetData';
import { startPrometheus, type RunningPrometheus } from '@internal/test-fixtures';
import { PrometheusClient, PrometheusError } from '../prometheus/PrometheusClient';
import { evaluateFleet } from './evaluateFleet';
import { targetOf } from './targets';

describe('evaluateFleet against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: fleetOpenMetrics() });
  }, 180_000);
  afterAll(() => prometheus?.stop());

  const targets = fleetModels.map(m => targetOf(m, { source: 'kserve', instance: 'default' }));

  it('classifies a stable, a burning, a drifting, a silent and a self-measured model with one query per window', async () => {
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
    // Seldon: 0.2 of every 1,000 requests answered 500 (code 200 does not spend the budget) against 99.9%.
    expect(by.drifting.slo.objectives[0].budgetRemaining).toBeCloseTo(0.8, 2);
    expect(by.drifting.drift.state).toBe('drifted');
    expect(by.drifting.drift.features[0]).toMatchObject({ name: 'tenure', state: 'drifted', test: 'wasserstein', score: expect.any(Number) });
    expect(by.drifting.drift.features[1]).toMatchObject({ name: 'plan', state: 'ok' });

    // The model server's own metrics: 0.5 server errors in 1,000 (the 400 is the client's) against 99.9%, and 995
    // of 1,000 within 300 ms (le="0.3" seconds) against 99%.
    expect(by.served.slo.objectives.map(o => [o.state, o.budgetRemaining])).toEqual([
      ['ok', expect.closeTo(0.5, 2)],
      ['ok', expect.closeTo(0.5, 2)],
    ]);

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

  describe('one model cannot touch another', () => {
    const client = () => new PrometheusClient({ name: 'default', url: prometheus.url, timeoutMs: 30_000 });
    const others = [...fleetModels, ...Object.values(moreModels)];
    const evaluate = async (models: ModelEntityV1alpha1[], suspects: string[] = [], via = client()) =>
      evaluateFleet(via, models.map(m => targetOf(m, { source: 'kserve', instance: 'default' })), t0, new Map(), suspects);
    const byName = (results: ModelObservability[]) => Object.fromEntries(results.map(r => [r.modelRef.replace('model:default/', ''), r]));
    let alone: Record<string, ModelObservability>;
    beforeAll(async () => {
      alone = byName((await evaluate(others)).results);
    });

    it('reads latency and feature buckets by value: 300, 300.0 and 3e+02 give the same figures', () => {
      const figures = (r: ModelObservability) => ({ slo: r.slo, drift: r.drift });
      expect(alone.steady.slo.state).toBe('ok');
      expect(figures(alone.normalized)).toEqual(figures(alone.steady));
      expect(figures(alone.scientific)).toEqual(figures(alone.steady));
    });

    it('says since when a model has had no traffic, with its budget from before and no invented burn rate', () => {
      const [availability, latency] = alone.quiet.slo.objectives;
      expect(alone.quiet.slo.state).toBe('no-traffic');
      for (const objective of [availability, latency]) {
        expect(objective).toMatchObject({ state: 'no-traffic', budgetRemaining: expect.any(Number) });
        const since = Date.parse(objective.lastEventAt!);
        expect(since).toBeGreaterThanOrEqual(quietSince.getTime() - 300_000);
        expect(since).toBeLessThanOrEqual(quietSince.getTime());
        expect(objective.burnRates.filter(b => b.long === '1h' || b.long === '6h' || b.long === '1d')).toEqual(
          expect.arrayContaining([expect.objectContaining({ longBurnRate: undefined, shortBurnRate: undefined, firing: false })]),
        );
      }
      expect(alone.steady.slo.objectives[0].lastEventAt).toBeUndefined();
    });

    it('evaluates a custom objective from its own queries', () => {
      expect(alone.answering.slo.objectives[0]).toMatchObject({ name: 'useful-answers', state: 'ok', errorRatio: expect.closeTo(0.05, 9), budgetRemaining: expect.closeTo(0.5, 9) });
    });

    it("leaves every other model's figures exactly as they are when a custom query claims another model's labels", async () => {
      const forge = (labels: Record<string, string>) =>
        Object.entries(labels).reduce((e, [k, v]) => `label_replace(${e}, "${k}", "${v}", "", "")`, 'vector(1e9)');
      const claims = [
        customModel('claims-an-objective', `${forge({ modelport_slo: 'model:default/answering#useful-answers', modelport_part: 'custom_good' })} + 0 * sum(increase(answers_total[{{.window}}]))`),
        customModel('claims-a-workload', `${forge({ service_name: 'burning-predictor', namespace_name: 'ml', modelport_part: 'kserve_total' })} + 0 * sum(increase(answers_total[{{.window}}]))`),
        customModel('claims-with-text', 'sum(increase(answers_total[{{.window}}]))) or label_replace(vector(1), "modelport_slo", "model:default/answering#useful-answers", "", "") or (vector(0)'),
      ];
      for (const claim of claims.slice(0, 2)) expect(checkSliQuery(claim.spec.slos![0].query!.good)).toEqual([]);
      const { results } = await evaluate([...others, ...claims]);
      const all = byName(results);
      for (const name of Object.keys(alone)) expect({ name, figures: all[name] }).toEqual({ name, figures: alone[name] });
      expect(all['claims-with-text'].slo.objectives[0]).toMatchObject({ state: 'error', error: { kind: 'invalid_model', message: expect.stringContaining('good query, line 1, column 42: is not valid PromQL') } });
    });

    it('fails a model whose query Prometheus cannot run alone, and evaluates the rest as without it', async () => {
      expect(checkSliQuery(manyToManyQuery)).toEqual([]);
      const broken = customModel('broken', manyToManyQuery);
      const first = await evaluate([...others, broken]);
      const all = byName(first.results);
      for (const name of Object.keys(alone)) expect({ name, figures: all[name] }).toEqual({ name, figures: alone[name] });
      expect(all.broken.slo).toMatchObject({ state: 'error', objectives: [{ state: 'error', error: { kind: 'execution', message: expect.stringContaining('many-to-many matching not allowed') } }] });
      expect(first.failed).toEqual(['model:default/broken#useful-answers']);

      // The next cycle asks the suspect apart once, and the rest in one query per window as before.
      const next = await evaluate([...others, broken], first.failed);
      expect(next.results).toEqual(first.results);
      expect(next.queries).toBe((await evaluate(others)).queries + 1);
    });

    it("fails a model whose drift query fails alone, and keeps the others' drift", async () => {
      const real = client();
      // Prometheus fails a query only for what that query asks: here, any drift query that selects `steady`.
      const failingForSteady = {
        query: (query: string, time: Date) =>
          /modelport_feature/.test(query) && /model=~"\([^"]*steady/.test(query)
            ? Promise.reject(new PrometheusError('execution', 'default', 'query processing would load too many samples into memory'))
            : real.query(query, time),
      } as unknown as PrometheusClient;
      const { results, failed } = await evaluate(others, [], failingForSteady);
      const all = byName(results);
      expect(all.steady.drift).toMatchObject({ state: 'error', features: [{ state: 'error', message: expect.stringContaining('too many samples') }, { state: 'error' }] });
      expect(all.steady.slo).toEqual(alone.steady.slo);
      for (const name of Object.keys(alone).filter(n => n !== 'steady')) expect({ name, figures: all[name] }).toEqual({ name, figures: alone[name] });
      expect(failed).toEqual(['drift:model:default/steady']);
    });
  });
});
