import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import path from 'node:path';
import request from 'supertest';
import { perPluginDatabases } from './__testUtils__/perPluginDatabases';
import { catalogModuleModels } from './module';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

// olga, of the risk team, may read only what her team owns; the catalog and the explorer get the same conditional
// decision and must agree on what she sees. Everyone else may read everything.
const olga = 'user:default/olga';
const ownership: Record<string, string[]> = { [olga]: [olga, 'group:default/risk-ml'], 'user:default/jane': ['user:default/jane', 'group:default/customer-ml'] };
const userOf = (credentials: unknown) => (credentials as { principal: { userEntityRef?: string } }).principal.userEntityRef;

describe.each(databases.eachSupportedId())('the models explorer with the real catalog and models backends on %s', databaseId => {
  it("answers pages from its index, with the catalog's conditional read permission applied as the catalog applies it", async () => {
    const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
    const capture = async (task: SchedulerServiceTaskInvocationDefinition) => void tasks.set(task.id, task);
    const database = perPluginDatabases(databaseId, 'explorer');
    const backend = await startTestBackend({
      features: [
        databaseServiceFactory,
        catalogPlugin,
        catalogModuleModels,
        // eslint-disable-next-line @backstage/no-mixed-plugin-imports
        import('@modelport/plugin-models-backend'),
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.scheduler.mock({ scheduleTask: capture, createScheduledTaskRunner: () => ({ run: capture }) }).factory,
        mockServices.userInfo.mock({
          getUserInfo: async credentials => ({ userEntityRef: userOf(credentials)!, ownershipEntityRefs: ownership[userOf(credentials)!] ?? [userOf(credentials)!] }),
        }).factory,
        mockServices.permissions.mock({
          authorize: async requests => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          authorizeConditional: async (requests, { credentials }) =>
            requests.map(r =>
              userOf(credentials) === olga && r.permission.name === 'catalog.entity.read'
                ? {
                    result: AuthorizeResult.CONDITIONAL,
                    pluginId: 'catalog',
                    resourceType: 'catalog-entity',
                    conditions: { anyOf: [{ rule: 'IS_ENTITY_OWNER', resourceType: 'catalog-entity', params: { claims: ['group:default/risk-ml'] } }, { not: { rule: 'IS_ENTITY_KIND', resourceType: 'catalog-entity', params: { kinds: ['Model'] } } }] },
                  }
                : { result: AuthorizeResult.ALLOW },
            ),
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            backend: { database: database.config },
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Model', 'Group', 'User', 'System', 'Component', 'Resource', 'API'] }],
              locations: [{ type: 'file', target: path.resolve(__dirname, '../../../examples/models.yaml') }],
            },
          },
        }),
      ],
    });
    const as = (user: string) => mockCredentials.user.header(user);
    const catalogModels = async (user: string) =>
      (await request(backend.server).get('/api/catalog/entities/by-query?filter=kind=model&limit=100').set('Authorization', as(user)).expect(200)).body.items;
    const explorer = async (user: string, query: Record<string, unknown> = {}) =>
      (await request(backend.server).get('/api/models/explorer').query(query).set('Authorization', as(user)).expect(200)).body;
    const names = (page: { items: Array<{ name: string }> }) => page.items.map(i => i.name);
    try {
      for (;;) {
        if ((await catalogModels('user:default/jane')).length >= 10) break;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      const before = await explorer('user:default/jane');
      expect(before).toMatchObject({ items: [], totalItems: 0 });
      expect(before.indexedAt).toBeUndefined();

      await tasks.get('models-explorer-index')!.fn(new AbortController().signal);
      const all = await explorer('user:default/jane', { limit: 4 });
      expect(all.totalItems).toBe(10);
      // In the order of what people read: the title (Branch Demand Forecaster, Card Fraud Detector, ...).
      expect(names(all)).toEqual(['demand-forecaster', 'fraud-detector', 'churn-classifier', 'claims-cost-regressor']);
      expect(all.indexedAt).toEqual(expect.any(String));

      const olgaSees = (await catalogModels(olga)).map((e: { metadata: { name: string } }) => e.metadata.name).sort();
      expect(olgaSees).toEqual(['credit-default-scorer', 'fraud-detector', 'trade-surveillance-detector']);
      expect(names(await explorer(olga)).sort()).toEqual(olgaSees);
      // Facets count only what the reader may see.
      const facets = (await request(backend.server).get('/api/models/explorer/facets').set('Authorization', as(olga)).expect(200)).body;
      expect(facets.owner).toEqual([{ value: 'group:default/risk-ml', count: 3 }]);

      expect(names(await explorer('user:default/jane', { riskLevel: ['high', 'critical'], sort: 'name', order: 'desc' }))).toEqual([
        'trade-surveillance-detector',
        'credit-default-scorer',
        'clinical-notes-summarizer',
        'fraud-detector',
      ]);
      expect(names(await explorer('user:default/jane', { q: 'clinical notes' }))).toEqual(['clinical-notes-embedder', 'clinical-notes-summarizer']);
      expect(names(await explorer('user:default/jane', { mine: true }))).toEqual(['demand-forecaster', 'churn-classifier', 'product-recommender']);

      // A registry change shows at once: jane's request waits in staging, and "my team" puts it first.
      const api = request(backend.server);
      const base = '/api/models/models/default/product-recommender';
      await api.post(`${base}/versions`).set('Authorization', as('user:default/jane')).send({ version: '1.0.0', artifactUri: 's3://m/1.0.0', framework: 'xgboost' }).expect(201);
      await api.post(`${base}/promotions`).set('Authorization', as('user:default/jane')).send({ version: '1.0.0', environment: 'dev' }).expect(201);
      await api.post(`${base}/promotions`).set('Authorization', as('user:default/jane')).send({ version: '1.0.0', environment: 'staging' }).expect(201);
      const mine = await explorer('user:default/jane', { mine: true });
      expect(mine.items[0]).toMatchObject({ name: 'product-recommender', pendingApprovals: 1, pendingEnvironments: ['staging'], environments: [{ environment: 'dev', version: '1.0.0' }, { environment: 'staging' }, { environment: 'prod' }] });
      expect(names(await explorer('user:default/jane', { pending: true }))).toEqual(['product-recommender']);

      // Bad input is refused with the field named, and nothing is read without credentials.
      const bad = await api.get('/api/models/explorer?sort=colour').set('Authorization', as('user:default/jane')).expect(400);
      expect(bad.body.error.message).toMatch(/sort/);
      await api.get('/api/models/explorer?limit=500').set('Authorization', as('user:default/jane')).expect(400);
      await api.get('/api/models/explorer').expect(401);
    } finally {
      await backend.stop();
      await database.drop();
    }
  });
});
