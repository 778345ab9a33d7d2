import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ModelEntityV1alpha1, ObservabilityStatus } from '@modelport/plugin-models-common';
import { exampleModels } from '@internal/test-fixtures';
import { migrateModelsDatabase } from '../database/migrations';
import { ExplorerService, type ExplorerSources } from './ExplorerService';
import { KnexExplorerStore } from './KnexExplorerStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const evaluatedAt = '2026-12-05T10:00:00.000Z';

describe('ExplorerService', () => {
  const models = exampleModels<ModelEntityV1alpha1>();
  let now = new Date('2026-12-05T10:01:00.000Z');

  async function explorerOver(entities: ModelEntityV1alpha1[]) {
    const knex = await databases.init('SQLITE_3');
    await migrateModelsDatabase(knex);
    const observed: ObservabilityStatus = {
      state: 'ok',
      stale: false,
      latest: { modelRef: 'x', evaluatedAt, prometheus: 'default', slo: { state: 'ok', objectives: [] }, drift: { state: 'ok', window: '1d', reference: { kind: 'training' } as never, features: [] } },
    };
    const sources: ExplorerSources = {
      environments: () => ['dev', 'prod'],
      currentAssignments: async () => [],
      pendingRequests: async () => [],
      observability: async ms => ms.map(() => observed),
      serving: async ms => ms.map(() => ({ state: 'ok' as const, environments: [], stale: false, readAt: evaluatedAt })),
      reviews: async ms => ms.map(() => ({ state: 'not-required' as const, independenceRequired: false })),
      intervals: { observability: 300, serving: 60 },
    };
    const catalog = catalogServiceMock.mock({ queryEntities: async () => ({ items: entities, pageInfo: {}, totalItems: entities.length }) });
    const explorer = new ExplorerService({
      store: new KnexExplorerStore(knex),
      catalog,
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      logger: mockServices.logger.mock(),
      sources,
      now: () => now,
    });
    return { explorer, catalog, sources };
  }
  const caller = { credentials: mockCredentials.user('user:default/jane'), ownershipRefs: async () => ['user:default/jane'] };

  it('writes every model once, and nothing the second time round when nothing changed', async () => {
    const { explorer } = await explorerOver(models);
    expect(await explorer.refresh()).toEqual({ changed: models.length, removed: 0, total: models.length });
    expect(await explorer.refresh()).toEqual({ changed: 0, removed: 0, total: models.length });
    expect((await explorer.page({}, caller)).totalItems).toBe(models.length);
  });

  it('catches the figures up after a cycle from the last full run, without reading the catalog again', async () => {
    const { explorer, catalog, sources } = await explorerOver(models.slice(0, 2));
    await explorer.refresh();
    expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
    sources.reviews = async ms => ms.map(() => ({ state: 'overdue' as const, independenceRequired: true }));
    await explorer.refreshFigures();
    expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
    expect((await explorer.page({ review: ['overdue'] }, caller)).totalItems).toBe(2);
  });

  it('drops a model gone from the catalog', async () => {
    const entities = [...models];
    const { explorer } = await explorerOver(entities);
    await explorer.refresh();
    entities.shift();
    expect(await explorer.refresh()).toEqual({ changed: 0, removed: 1, total: models.length - 1 });
  });

  it('shows a figure older than two of its intervals as stale, though it was fresh when indexed', async () => {
    const { explorer } = await explorerOver(models.slice(0, 1));
    await explorer.refresh();
    now = new Date('2026-12-05T10:01:00.000Z');
    const fresh = (await explorer.page({}, caller)).items[0];
    expect([fresh.slo.figure.stale, fresh.drift.figure.stale, fresh.serving.figure.stale]).toEqual([false, false, false]);
    // Three minutes on: serving (every minute) is stale, the five-minute observability figures are not yet.
    now = new Date('2026-12-05T10:03:00.000Z');
    const later = (await explorer.page({}, caller)).items[0];
    expect([later.slo.figure.stale, later.drift.figure.stale, later.serving.figure.stale]).toEqual([false, false, true]);
    now = new Date('2026-12-05T10:11:00.000Z');
    const old = (await explorer.page({}, caller)).items[0];
    expect([old.slo.figure.stale, old.drift.figure.stale, old.serving.figure.stale]).toEqual([true, true, true]);
  });

  it('refuses a search of too many words with the field named', async () => {
    const { explorer } = await explorerOver([]);
    await expect(explorer.page({ q: 'a b c d e f g h i j k' }, caller)).rejects.toThrow(/q: at most 10 words/);
  });
});
