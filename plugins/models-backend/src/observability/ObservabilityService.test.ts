import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import { customModel, fleetModels, fleetOpenMetrics, manyToManyQuery, t0 } from '../__testUtils__/fleetData';
import { startPrometheus, type RunningPrometheus } from '@internal/test-fixtures';
import { migrateModelsDatabase } from '../database/migrations';
import { ObservabilityService } from './ObservabilityService';
import { KnexObservabilityStore } from './KnexObservabilityStore';
import type { ObservabilityStore } from './ObservabilityStore';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())('ObservabilityService on %s', databaseId => {
  let prometheus: RunningPrometheus;
  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: fleetOpenMetrics() });
  }, 180_000);
  afterAll(() => prometheus?.stop());

  function serviceOn(store: ObservabilityStore, instances: Array<{ name: string; url: string }>, clock: { now: Date }, entities: ModelEntityV1alpha1[] = fleetModels) {
    return new ObservabilityService({
      store,
      instances: instances.map(i => ({ ...i, timeoutMs: 10_000 })),
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      defaultSource: 'kserve',
      intervalSeconds: 300,
      now: () => clock.now,
    });
  }

  async function newStore() {
    const knex = await databases.init(databaseId);
    await migrateModelsDatabase(knex);
    return new KnexObservabilityStore(knex);
  }

  async function setup(instances: Array<{ name: string; url: string }>, clock: { now: Date }) {
    return serviceOn(await newStore(), instances, clock);
  }

  it('is pending before the first cycle and ok with the time of the figures after it', async () => {
    const clock = { now: t0 };
    const service = await setup([{ name: 'default', url: prometheus.url }], clock);
    expect(await service.status('model:default/steady')).toEqual({ state: 'pending', stale: false, intervalSeconds: 300 });
    expect(await service.runCycle(t0)).toEqual({ default: 10 });
    const fresh = await service.status('model:default/burning');
    expect(fresh).toMatchObject({ state: 'ok', stale: false, lastAttempt: { at: t0.toISOString(), ok: true } });
    expect(fresh.latest).toMatchObject({ evaluatedAt: t0.toISOString(), slo: { state: 'critical' } });
  });

  it('marks figures stale when the last failed attempt follows them, or when they are older than two intervals', async () => {
    const clock = { now: t0 };
    const store = await newStore();
    const make = (url: string) => serviceOn(store, [{ name: 'default', url }], clock);
    await make(prometheus.url).runCycle(t0);

    const gone = await startPrometheus({ openMetrics: '# EOF\n' });
    await gone.stop();
    clock.now = new Date(t0.getTime() + 300_000);
    await make(gone.url).runCycle(clock.now);
    const down = await make(gone.url).status('model:default/steady');
    expect(down).toMatchObject({ state: 'unavailable', stale: true, lastAttempt: { ok: false, error: { kind: 'network' } } });
    expect(down.latest?.evaluatedAt).toBe(t0.toISOString());
    expect(down.latest?.slo.state).toBe('ok');

    await make(prometheus.url).runCycle(clock.now);
    expect(await make(prometheus.url).status('model:default/steady')).toMatchObject({ state: 'ok', stale: false });
    clock.now = new Date(t0.getTime() + 300_000 + 601_000);
    expect(await make(prometheus.url).status('model:default/steady')).toMatchObject({ state: 'ok', stale: true });

    const fleet = await make(prometheus.url).fleet(mockCredentials.user());
    expect(fleet.map(f => [f.modelRef, f.owner, f.status.latest?.slo.state, f.status.latest?.drift.state])).toEqual([
      ['model:default/steady', 'group:default/ml', 'ok', 'ok'],
      ['model:default/burning', 'group:default/ml', 'critical', 'ok'],
      ['model:default/drifting', 'group:default/ml', 'ok', 'drifted'],
      ['model:default/silent', 'group:default/ml', 'no-data', 'no-data'],
      ['model:default/served', 'group:default/ml', 'ok', 'no-data'],
    ]);
    expect((await make(prometheus.url).history('model:default/steady', t0)).map(s => s.evaluatedAt)).toEqual([
      t0.toISOString(),
      new Date(t0.getTime() + 300_000).toISOString(),
    ]);
  });

  it("stores a model whose query fails as error, the rest of the fleet fresh, and asks it apart in the next cycle", async () => {
    const clock = { now: t0 };
    const store = await newStore();
    const broken = customModel('broken', manyToManyQuery);
    const service = serviceOn(store, [{ name: 'default', url: prometheus.url }], clock, [...fleetModels, broken]);
    await service.runCycle(t0);
    const failing = await service.status('model:default/broken');
    expect(failing).toMatchObject({ state: 'ok', stale: false, latest: { slo: { state: 'error', objectives: [{ state: 'error', error: { kind: 'execution' } }] } } });
    const fleet = await service.fleet(mockCredentials.user());
    expect(fleet.map(f => [f.modelRef, f.status.state, f.status.stale, f.status.latest?.slo.state])).toEqual([
      ['model:default/steady', 'ok', false, 'ok'],
      ['model:default/burning', 'ok', false, 'critical'],
      ['model:default/drifting', 'ok', false, 'ok'],
      ['model:default/silent', 'ok', false, 'no-data'],
      ['model:default/served', 'ok', false, 'ok'],
      ['model:default/broken', 'ok', false, 'error'],
    ]);
    // The fleet's 10 queries, and the broken objective asked alone once (in its 7-day window, which then needs no
    // query of its own: no other model has that window).
    clock.now = new Date(t0.getTime() + 300_000);
    expect(await service.runCycle(clock.now)).toEqual({ default: 11 });
    expect((await service.status('model:default/broken')).latest).toMatchObject({ evaluatedAt: clock.now.toISOString(), slo: { state: 'error' } });
  });

  it('charts latency quantiles from Prometheus, or says why it cannot', async () => {
    const service = await setup([{ name: 'default', url: prometheus.url }], { now: t0 });
    const latency = await service.latency(fleetModels[0], 24);
    if (latency.state !== 'ok') throw new Error(`expected latency, got ${JSON.stringify(latency)}`);
    expect(latency.series.map(s => s.quantile)).toEqual([0.5, 0.99]);
    expect(latency.series[0].points.length).toBeGreaterThan(200);
    // 99.8% of requests within 300 ms: Prometheus interpolates inside the first bucket.
    expect(latency.series[0].points.at(-1)!.value).toBeCloseTo((300 * 0.5) / 0.998, 6);
    expect(latency.series[1].points.at(-1)!.value).toBeCloseTo((300 * 0.99) / 0.998, 6);
    // The model server's own histogram is in seconds; the chart is in milliseconds all the same.
    const served = await service.latency(fleetModels.find(m => m.metadata.name === 'served')!, 24);
    if (served.state !== 'ok') throw new Error(`expected latency, got ${JSON.stringify(served)}`);
    expect(served.series[0].points.at(-1)!.value).toBeCloseTo((300 * 0.5) / 0.995, 6);

    const gone = await startPrometheus({ openMetrics: '# EOF\n' });
    await gone.stop();
    const down = await setup([{ name: 'default', url: gone.url }], { now: t0 });
    expect(await down.latency(fleetModels[0], 24)).toMatchObject({ state: 'unavailable', error: { kind: 'network' } });
  });

  it('says not-configured without Prometheus', async () => {
    const service = await setup([], { now: t0 });
    expect(await service.runCycle()).toEqual({});
    expect(await service.status('model:default/steady')).toEqual({ state: 'not-configured', stale: false });
  });
});
