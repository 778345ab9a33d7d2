import { TestDatabases } from '@backstage/backend-test-utils';
import type { ExplorerSort, FleetServing, ModelEntityV1alpha1, ObservabilityStatus } from '@modelport/plugin-models-common';
import { migrateModelsDatabase, rollbackModelsDatabase } from '../database/migrations';
import { indexedModel, type ModelSources } from './explorerRow';
import type { ExplorerSelection, Visibility } from './ExplorerStore';
import { KnexExplorerStore } from './KnexExplorerStore';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const at = '2026-12-05T10:00:00.000Z';

function model(name: string, spec: Partial<ModelEntityV1alpha1['spec']> & { owner: string }, metadata: Partial<ModelEntityV1alpha1['metadata']> = {}): ModelEntityV1alpha1 {
  const owner = spec.owner.includes(':') ? spec.owner : `group:default/${spec.owner}`;
  return {
    apiVersion: 'modelport.io/v1alpha1',
    kind: 'Model',
    metadata: { name, namespace: 'default', ...metadata },
    spec: { type: 'classification', lifecycle: 'production', ...spec },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  } as ModelEntityV1alpha1;
}

const evaluated = (slo: string, budget: number | undefined, drift: string, drifted = 0): ObservabilityStatus =>
  ({
    state: 'ok',
    stale: false,
    latest: {
      modelRef: 'x',
      evaluatedAt: at,
      prometheus: 'default',
      slo: { state: slo, objectives: budget === undefined ? [] : [{ name: 'availability', indicator: 'availability', objective: 0.99, window: '30d', state: slo, budgetRemaining: budget, burnRates: [] }] },
      drift: { state: drift, window: '1d', reference: { kind: 'training' }, features: Array.from({ length: drifted }, (_, i) => ({ name: `f${i}`, type: 'numerical', role: 'feature', state: 'drifted' })) },
    },
  }) as unknown as ObservabilityStatus;
const servingOf = (verdicts: Record<string, string>): FleetServing => ({
  state: 'ok',
  stale: false,
  readAt: at,
  environments: Object.entries(verdicts).map(([environment, state]) => ({ environment, verdict: { state } as never, clusters: [] })),
});

const sources = (m: ModelEntityV1alpha1, over: Partial<ModelSources> = {}): ModelSources => ({
  model: m,
  environments: ['dev', 'staging', 'prod'],
  current: [],
  pendingEnvironments: [],
  observability: { state: 'pending', stale: false },
  serving: { state: 'not-configured', environments: [], stale: false },
  review: { state: 'not-required', independenceRequired: false },
  ...over,
});

// Five models that differ on every column the explorer filters and sorts on.
const fleet = [
  indexedModel(sources(model('churn-classifier', { owner: 'customer-ml', system: 'customer-insights', modelCard: { riskLevel: 'high' } } as never, { title: 'Churn classifier', tags: ['tabular'] }), {
    current: [{ environment: 'prod', version: '1.2.0', since: '2026-12-01T00:00:00.000Z' }, { environment: 'dev', version: '1.3.0', since: '2026-12-03T00:00:00.000Z' }],
    pendingEnvironments: ['staging'],
    observability: evaluated('critical', 0.05, 'drifted', 2),
    serving: servingOf({ prod: 'mismatch' }),
    review: { state: 'overdue', independenceRequired: true, dueAt: '2026-11-01T00:00:00.000Z' },
  })),
  indexedModel(sources(model('fraud-detector', { owner: 'risk-ml', system: 'payments', type: 'anomaly-detection', modelCard: { riskLevel: 'medium' } } as never, { annotations: { 'modelport.io/restricted': 'true' } }), {
    current: [{ environment: 'prod', version: '3.0.0', since: '2026-11-20T00:00:00.000Z' }],
    observability: evaluated('ok', 0.9, 'ok'),
    serving: servingOf({ prod: 'in-line' }),
    review: { state: 'current', independenceRequired: true },
  })),
  indexedModel(sources(model('demand_100%', { owner: 'supply-ml', type: 'forecasting', lifecycle: 'experimental' }, { description: 'Weekly demand, 100% of stores' }), {
    observability: evaluated('warning', 0.4, 'no-data'),
  })),
  indexedModel(sources(model('support-llm', { owner: 'customer-ml', type: 'llm', system: 'customer-insights' }), {
    current: [{ environment: 'dev', version: '0.1.0', since: '2026-12-04T00:00:00.000Z' }],
    pendingEnvironments: ['staging', 'prod'],
  })),
  indexedModel(sources(model('credit-scorer', { owner: 'user:default/rita', type: 'classification', modelCard: { riskLevel: 'high' } } as never), {
    observability: { state: 'unavailable', stale: true, latest: evaluated('ok', 0.7, 'ok').latest },
  })),
];
const refsOf = (rows: Array<{ modelRef: string }>) => rows.map(r => r.modelRef.replace('model:default/', ''));

describe.each(databases.eachSupportedId())('KnexExplorerStore on %s', databaseId => {
  let store: KnexExplorerStore;
  const all: Visibility = { all: true };
  const page = async (over: Partial<ExplorerSelection> = {}) =>
    store.page({ visibility: all, filter: {}, sort: [{ by: 'name', order: 'asc' }], offset: 0, limit: 50, ...over });

  beforeEach(async () => {
    const knex = await databases.init(databaseId);
    await migrateModelsDatabase(knex);
    store = new KnexExplorerStore(knex);
    await store.write({ changed: fleet, removed: [], at, complete: true });
  });

  it('migrates its tables down and up again', async () => {
    const knex = await databases.init(databaseId);
    await rollbackModelsDatabase(knex);
    for (const table of ['explorer_rows', 'explorer_facts', 'explorer_meta']) expect(await knex.schema.hasTable(table)).toBe(false);
    await migrateModelsDatabase(knex);
    expect(await knex.schema.hasTable('explorer_rows')).toBe(true);
  });

  it('answers rows as indexed, with the index time, and counts every match beyond the page', async () => {
    const { rows, total } = await page({ limit: 2, offset: 1 });
    expect(total).toBe(5);
    expect(refsOf(rows)).toEqual(['credit-scorer', 'demand_100%']);
    const { rows: [churn] } = await page({ filter: { words: ['churn'] } });
    expect(churn).toMatchObject({
      title: 'Churn classifier',
      owner: 'group:default/customer-ml',
      // Written short in the entity, answered in full as the frontend links it.
      system: 'system:default/customer-insights',
      riskLevel: 'high',
      environments: [
        { environment: 'dev', version: '1.3.0' },
        { environment: 'staging' },
        { environment: 'prod', version: '1.2.0', verdict: { state: 'mismatch' } },
      ],
      pendingApprovals: 1,
      slo: { state: 'critical', budgetRemaining: 0.05, figure: { stale: false, at } },
      drift: { state: 'drifted', driftedFeatures: 2 },
      serving: { verdict: 'mismatch' },
      review: { state: 'overdue' },
      indexedAt: at,
    });
    expect(churn.attention.map(a => a.kind)).toEqual(['budget-critical', 'mismatch', 'drift', 'review-overdue']);
    expect(await store.indexedAt()).toBe(at);
  });

  it('filters on every column, and a repeated filter takes any of its values', async () => {
    const cases: Array<[ExplorerSelection['filter'], string[]]> = [
      [{ owner: ['group:default/customer-ml'] }, ['churn-classifier', 'support-llm']],
      [{ owner: ['group:default/risk-ml', 'user:default/rita'] }, ['credit-scorer', 'fraud-detector']],
      [{ system: ['system:default/payments'] }, ['fraud-detector']],
      [{ type: ['llm', 'forecasting'] }, ['demand_100%', 'support-llm']],
      [{ lifecycle: ['experimental'] }, ['demand_100%']],
      [{ riskLevel: ['high'] }, ['churn-classifier', 'credit-scorer']],
      [{ environment: ['prod'] }, ['churn-classifier', 'fraud-detector']],
      [{ environment: ['dev'], owner: ['group:default/customer-ml'] }, ['churn-classifier', 'support-llm']],
      [{ slo: ['critical', 'warning'] }, ['churn-classifier', 'demand_100%']],
      [{ slo: ['unavailable'] }, ['credit-scorer']],
      [{ drift: ['drifted'] }, ['churn-classifier']],
      [{ verdict: ['in-line'] }, ['fraud-detector']],
      [{ review: ['overdue', 'current'] }, ['churn-classifier', 'fraud-detector']],
      [{ pending: true }, ['churn-classifier', 'support-llm']],
      [{ attention: true }, ['churn-classifier', 'credit-scorer']],
      [{ ownedBy: ['group:default/customer-ml', 'user:default/jane'] }, ['churn-classifier', 'support-llm']],
      [{ ownedBy: [] }, []],
    ];
    for (const [filter, expected] of cases) expect([JSON.stringify(filter), refsOf((await page({ filter })).rows)]).toEqual([JSON.stringify(filter), expected]);
  });

  it('searches words anywhere in the text, all of them, and takes LIKE wildcards literally', async () => {
    expect(refsOf((await page({ filter: { words: ['customer'] } })).rows)).toEqual(['churn-classifier', 'support-llm']);
    expect(refsOf((await page({ filter: { words: ['customer', 'llm'] } })).rows)).toEqual(['support-llm']);
    expect(refsOf((await page({ filter: { words: ['TABULAR'] } })).rows)).toEqual(['churn-classifier']);
    expect(refsOf((await page({ filter: { words: ['100%'] } })).rows)).toEqual(['demand_100%']);
    expect(refsOf((await page({ filter: { words: ['d_1'] } })).rows)).toEqual(['demand_100%']);
    expect(refsOf((await page({ filter: { words: ['%'] } })).rows)).toEqual(['demand_100%']);
    expect(refsOf((await page({ filter: { words: ['_'] } })).rows)).toEqual(['demand_100%']);
  });

  it('sorts on every column either way, the unknown last, the model ref breaking ties', async () => {
    const orders: Array<[ExplorerSort, string[]]> = [
      ['name', ['churn-classifier', 'credit-scorer', 'demand_100%', 'fraud-detector', 'support-llm']],
      ['slo', ['churn-classifier', 'demand_100%', 'credit-scorer', 'fraud-detector', 'support-llm']],
      ['budget', ['fraud-detector', 'credit-scorer', 'demand_100%', 'churn-classifier', 'support-llm']],
      ['pendingApprovals', ['support-llm', 'churn-classifier', 'credit-scorer', 'demand_100%', 'fraud-detector']],
      ['versions', ['support-llm', 'churn-classifier', 'fraud-detector', 'credit-scorer', 'demand_100%']],
      ['serving', ['churn-classifier', 'fraud-detector', 'credit-scorer', 'demand_100%', 'support-llm']],
      ['review', ['churn-classifier', 'fraud-detector', 'credit-scorer', 'demand_100%', 'support-llm']],
      ['riskLevel', ['churn-classifier', 'credit-scorer', 'fraud-detector', 'demand_100%', 'support-llm']],
      ['system', ['churn-classifier', 'support-llm', 'fraud-detector', 'credit-scorer', 'demand_100%']],
    ];
    for (const [by, expected] of orders) {
      const order = ['name', 'riskLevel', 'system'].includes(by) ? 'asc' : 'desc';
      expect([by, refsOf((await page({ sort: [{ by, order }] })).rows)]).toEqual([by, expected]);
    }
    expect(refsOf((await page({ sort: [{ by: 'name', order: 'desc' }] })).rows)).toEqual(['support-llm', 'fraud-detector', 'demand_100%', 'credit-scorer', 'churn-classifier']);
    // Ascending keeps the models without a risk level last too.
    expect(refsOf((await page({ sort: [{ by: 'riskLevel', order: 'desc' }] })).rows)).toEqual(['fraud-detector', 'churn-classifier', 'credit-scorer', 'demand_100%', 'support-llm']);
  });

  it("applies the catalog's permission conditions on the entity's facts, and nothing when none may be read", async () => {
    const visible = async (visibility: Visibility) => refsOf((await page({ visibility })).rows);
    expect(await visible({ condition: { key: 'relations.ownedBy', values: ['group:default/Customer-ML'] } })).toEqual(['churn-classifier', 'support-llm']);
    expect(await visible({ condition: { key: 'metadata.annotations.modelport.io/restricted' } })).toEqual(['fraud-detector']);
    expect(await visible({ condition: { not: { key: 'metadata.annotations.modelport.io/restricted' } } })).toHaveLength(4);
    expect(await visible({ condition: { anyOf: [{ key: 'spec.type', values: ['llm'] }, { key: 'metadata.tags.tabular' }] } })).toEqual(['churn-classifier', 'support-llm']);
    expect(await visible({ condition: { allOf: [{ key: 'kind', values: ['model'] }, { key: 'spec.modelcard.risklevel', values: ['high'] }] } })).toEqual(['churn-classifier', 'credit-scorer']);
    expect(await visible({ condition: { anyOf: [] } })).toEqual([]);
    expect(await visible({ refs: ['model:default/credit-scorer'] })).toEqual(['credit-scorer']);
    expect(await visible({ refs: [] })).toEqual([]);
    expect(await page({ visibility: { none: true } })).toEqual({ rows: [], total: 0 });
    const facets = await store.facets({ condition: { key: 'relations.ownedBy', values: ['group:default/customer-ml'] } });
    expect(facets.owner).toEqual([{ value: 'group:default/customer-ml', count: 2 }]);
    expect(facets.environment).toEqual([{ value: 'dev', count: 2 }, { value: 'prod', count: 1 }]);
  });

  it('offers every value of each filterable column with its count', async () => {
    const facets = await store.facets(all);
    expect(facets.type).toEqual([{ value: 'anomaly-detection', count: 1 }, { value: 'classification', count: 2 }, { value: 'forecasting', count: 1 }, { value: 'llm', count: 1 }]);
    expect(facets.riskLevel).toEqual([{ value: 'high', count: 2 }, { value: 'medium', count: 1 }]);
    expect(facets.environment).toEqual([{ value: 'dev', count: 2 }, { value: 'prod', count: 2 }]);
  });

  it('replaces a changed model and its facts, removes a gone one, and keeps the full run time for partial writes', async () => {
    const moved = indexedModel(sources(model('support-llm', { owner: 'risk-ml', type: 'llm' })));
    await store.write({ changed: [moved], removed: ['model:default/fraud-detector'], at: '2026-12-05T11:00:00.000Z', complete: false });
    expect(refsOf((await page({ filter: { owner: ['group:default/risk-ml'] } })).rows)).toEqual(['support-llm']);
    expect(refsOf((await page({ filter: { ownedBy: ['group:default/customer-ml'] } })).rows)).toEqual(['churn-classifier']);
    expect((await page({ filter: { words: ['support'] } })).rows[0].indexedAt).toBe('2026-12-05T11:00:00.000Z');
    expect(await store.indexedAt()).toBe(at);
    expect([...(await store.hashes()).keys()].sort()).toHaveLength(4);
  });
});
