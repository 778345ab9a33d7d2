import { createMockDirectory, TestDatabases } from '@backstage/backend-test-utils';
import { eventually, startCatalogWithModels } from './__testUtils__/catalogWithModels';

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
  let catalog: Awaited<ReturnType<typeof startCatalogWithModels>>;

  beforeAll(async () => {
    dir.setContent({
      'owners.yaml': owners,
      'valid-models.yaml': validModels,
      'invalid-models.yaml': invalidModels,
    });
    catalog = await startCatalogWithModels({
      knex: await databases.init(databaseId),
      locations: ['owners.yaml', 'valid-models.yaml', 'invalid-models.yaml'].map(file => ({
        type: 'file',
        target: dir.resolve(file),
      })),
    });
  });

  afterAll(() => catalog.backend.stop());

  it('serves valid models with their relations in both directions', async () => {
    const models = await eventually(
      () => catalog.queryEntities('kind=model'),
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
      () => catalog.queryEntities('kind=component,metadata.name=churn-service'),
      items => items[0]?.relations?.some(r => r.type === 'serves') ?? false,
    );
    expect(service.relations).toContainEqual({
      type: 'serves',
      targetRef: 'model:default/churn-classifier',
    });
    const [dataset] = await catalog.queryEntities('kind=resource');
    expect(dataset.relations).toContainEqual({
      type: 'trainingDataOf',
      targetRef: 'model:default/churn-classifier',
    });
    const [team] = await catalog.queryEntities('kind=group');
    expect(team.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownerOf', targetRef: 'model:default/churn-classifier' },
        { type: 'ownerOf', targetRef: 'model:default/upsell-ranker' },
      ]),
    );
  });

  it('reports a processing error naming the bad field for each invalid model, and loses nothing else', async () => {
    await eventually(
      async () => catalog.processingErrors,
      errors => errors.size >= 4,
    );
    expect(Object.fromEntries(catalog.processingErrors)).toEqual({
      'model:default/bad-risk': [expect.stringMatching(/\/spec\/modelCard\/riskLevel must be equal to one of the allowed values/)],
      'model:default/no-owner': [expect.stringMatching(/\/spec must have required property 'owner'/)],
      'model:default/served-by-group': [
        expect.stringMatching(/spec\.servedBy\[0\]: 'group:customer-ml' refers to a group, but only component or api/),
      ],
      'model:default/latency-without-threshold': [
        expect.stringMatching(/\/spec\/slos\/0 must have required property 'thresholdMs'/),
      ],
    });

    const names = (await catalog.queryEntities('kind=model')).map(m => m.metadata.name).sort();
    expect(names).toEqual(['churn-classifier', 'upsell-ranker']);
    const others = await catalog.queryEntities('kind=component,kind=system,kind=group,kind=resource');
    expect(others).toHaveLength(4);
  });
});
