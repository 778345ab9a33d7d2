import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import { catalogModuleModels } from './module';

const owners = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: customer-ml }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: customer-insights }
spec: { owner: customer-ml }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: churn-service }
spec: { type: service, lifecycle: production, owner: customer-ml }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: churn-features-v3 }
spec: { type: dataset, owner: customer-ml }
`;

const model = (name: string, spec: string) => `
apiVersion: modelport.io/v1alpha1
kind: Model
metadata: { name: ${name} }
spec:
  type: classification
  lifecycle: production
${spec}
`;

const validModels = [
  model(
    'churn-classifier',
    `  owner: group:customer-ml
  system: customer-insights
  servedBy: [component:churn-service]
  trainedOn: [churn-features-v3]
  modelCard: { riskLevel: high, dataClassification: confidential, evaluation: { metrics: [{ name: auc, value: 0.91 }] } }
  slos: [{ name: latency, objective: 0.99, thresholdMs: 300, window: 30d }]`,
  ),
  model('upsell-ranker', '  owner: customer-ml'),
].join('---');

const invalidModels = [
  model('bad-risk', '  owner: customer-ml\n  modelCard: { riskLevel: severe }'),
  model('no-owner', '  system: customer-insights'),
  model('served-by-group', '  owner: customer-ml\n  servedBy: [group:customer-ml]'),
  model('latency-without-threshold', '  owner: customer-ml\n  slos: [{ name: latency, objective: 0.99, window: 30d }]'),
].join('---');

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())('the Model kind in the real catalog backend on %s', databaseId => {
  const dir = createMockDirectory();
  const processingErrors = new Map<string, string[]>();

  const errorCollector = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-error-collector',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.setOnProcessingErrorHandler(({ unprocessedEntity, errors }) => {
            processingErrors.set(
              unprocessedEntity.metadata.name,
              errors.map(e => e.message),
            );
          });
        },
      });
    },
  });

  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    dir.setContent({
      'owners.yaml': owners,
      'valid-models.yaml': validModels,
      'invalid-models.yaml': invalidModels,
    });
    backend = await startTestBackend({
      features: [
        mockServices.database.factory({ knex: await databases.init(databaseId) }),
        catalogPlugin,
        catalogModuleModels,
        errorCollector,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Component', 'System', 'Group', 'Resource', 'Location', 'Model'] }],
              locations: ['owners.yaml', 'valid-models.yaml', 'invalid-models.yaml'].map(file => ({
                type: 'file',
                target: dir.resolve(file),
              })),
            },
          },
        }),
      ],
    });
  });

  afterAll(() => backend.stop());

  async function queryCatalog(filter: string): Promise<Entity[]> {
    const res = await request(backend.server)
      .get(`/api/catalog/entities/by-query?filter=${encodeURIComponent(filter)}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    return res.body.items;
  }

  /** Polls the catalog until processing has produced what the test waits for; jest's timeout bounds it. */
  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }

  it('serves valid models with their relations in both directions', async () => {
    const models = await eventually(
      () => queryCatalog('kind=model'),
      items => items.length === 2 && items.every(i => (i.relations ?? []).length > 0),
    );
    const churn = models.find(m => m.metadata.name === 'churn-classifier')!;
    expect(churn.relations!.map(r => `${r.type} ${r.targetRef}`).sort()).toEqual([
      'ownedBy group:default/customer-ml',
      'partOf system:default/customer-insights',
      'servedBy component:default/churn-service',
      'trainedOn resource:default/churn-features-v3',
    ]);

    const [service] = await eventually(
      () => queryCatalog('kind=component,metadata.name=churn-service'),
      items => items[0]?.relations?.some(r => r.type === 'serves') ?? false,
    );
    expect(service.relations).toContainEqual({
      type: 'serves',
      targetRef: 'model:default/churn-classifier',
    });
    const [dataset] = await queryCatalog('kind=resource');
    expect(dataset.relations).toContainEqual({
      type: 'trainingDataOf',
      targetRef: 'model:default/churn-classifier',
    });
    const [team] = await queryCatalog('kind=group');
    expect(team.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownerOf', targetRef: 'model:default/churn-classifier' },
        { type: 'ownerOf', targetRef: 'model:default/upsell-ranker' },
      ]),
    );
  });

  it('reports a processing error naming the bad field for each invalid model, and loses nothing else', async () => {
    await eventually(
      async () => processingErrors,
      errors => errors.size >= 4,
    );
    expect(Object.fromEntries(processingErrors)).toEqual({
      'bad-risk': [expect.stringMatching(/\/spec\/modelCard\/riskLevel must be equal to one of the allowed values/)],
      'no-owner': [expect.stringMatching(/\/spec must have required property 'owner'/)],
      'served-by-group': [
        expect.stringMatching(/spec\.servedBy\[0\]: 'group:customer-ml' refers to a group, but only component or api/),
      ],
      'latency-without-threshold': [
        expect.stringMatching(/\/spec\/slos\/0 must have required property 'thresholdMs'/),
      ],
    });

    const names = (await queryCatalog('kind=model')).map(m => m.metadata.name).sort();
    expect(names).toEqual(['churn-classifier', 'upsell-ranker']);
    const others = await queryCatalog('kind=component,kind=system,kind=group,kind=resource');
    expect(others).toHaveLength(4);
  });
});
