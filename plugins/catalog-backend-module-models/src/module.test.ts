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

/** Models that break the rules a schema alone cannot say, and the message each gets. */
const custom = (good: string) => `  slos:
    - name: quality
      indicator: custom
      objective: 0.9
      window: 7d
      query: { good: '${good}', total: 'sum(rate(answers_total[{{.window}}]))' }`;
const refusals: Record<string, string> = {
  'unclosed-query': custom('sum(rate(good_total[{{.window}}])'),
  'query-with-comment': custom('sum(rate(good_total[{{.window}}])) # tuned'),
  'query-overwriting-another': custom(
    'sum(rate(good_total[{{.window}}]))) or label_replace(vector(1), "modelport_slo", "model:default/churn-classifier#latency", "", "") or (vector(0)',
  ),
  'window-not-a-range': custom('sum(rate(good_total[5m] offset {{.window}}))'),
  'twice-the-same-slo': '  slos: [{ name: availability, objective: 0.99, window: 30d }, { name: availability, objective: 0.999, window: 7d }]',
  'twice-the-same-feature': '  monitoring: { features: [{ name: plan, type: categorical }, { name: plan, type: numerical }] }',
  'endless-intended-use': `  modelCard: { intendedUse: '${'x'.repeat(6000)}' }`,
  'reference-window-and-environment': '  monitoring: { reference: { window: 7d, environment: prod } }',
  'nan-threshold': '  monitoring: { features: [{ name: age, type: numerical, test: psi, threshold: .nan }] }',
  'slo-over-two-years': '  slos: [{ name: availability, objective: 0.99, window: 104w }]',
  'many-problems': '  servedBy: [churn-service, churn-service]\n  modelCard: { riskLevel: severe }\n  slos: [{ name: uptime, objective: 1.5, window: 30d }]',
};
const refusalMessages: Record<string, string> = {
  'unclosed-query': '/spec/slos/0/query/good line 1, column 34: ends before the expression is complete',
  'query-with-comment': '/spec/slos/0/query/good line 1, column 36: holds a comment (#), which would hide what Modelport writes after the query',
  'query-overwriting-another': "/spec/slos/0/query/good line 1, column 35: is not valid PromQL from ') or label_replace(v' on (one expression, brackets closed)",
  'window-not-a-range': '/spec/slos/0/query/good line 1, column 32: {{.window}} must stand as the range of a range selector or subquery',
  'twice-the-same-slo': "/spec/slos/1/name 'availability' is already the name of /spec/slos/0; SLO names must be unique",
  'twice-the-same-feature': "/spec/monitoring/features/1/name 'plan' is already the name of /spec/monitoring/features/0",
  'endless-intended-use': '/spec/modelCard/intendedUse must NOT have more than 5000 characters',
  'reference-window-and-environment': '/spec/monitoring/reference must give either an earlier window (window, and optionally offset) or an environment whose baseline profile to compare with, not both',
  // The catalog keeps entities as JSON, where YAML's .nan is null.
  'nan-threshold': "/spec/monitoring/features/0/threshold is null; it must be a finite number (YAML's .nan and .inf become null)",
  'slo-over-two-years': "/spec/slos/0/window '104w' is longer than a year (365d, 52w)",
  'unknown-serving-stack':
    "2 problems: /metadata/annotations/backstage.io~1kubernetes-id 'Churn_Service' is not a Kubernetes name (up to 63 lower-case letters, digits and hyphens); /metadata/annotations/modelport.io~1metrics-source is 'triton'; Modelport reads kserve, seldon or modelport",
  'unknown-serving-object': "/metadata/annotations/modelport.io~1serving-object 'Pod/ml/churn' is not <kind>/<namespace>/<name> with a kind of InferenceService, SeldonModel, SeldonExperiment, Deployment",
  'many-problems':
    '4 problems: /spec/modelCard/riskLevel must be equal to one of the allowed values: low, medium, high, critical; /spec/servedBy/1 repeats entry 0; /spec/slos/0/name must be availability or latency, or the objective must name its indicator (availability, latency or custom); /spec/slos/0/objective must be <= 0.999999',
};

const invalidModels = [
  model('bad-risk', '  owner: customer-ml\n  modelCard: { riskLevel: severe }'),
  model('no-owner', '  system: customer-insights'),
  model('served-by-group', '  owner: customer-ml\n  servedBy: [group:customer-ml]'),
  model('latency-without-threshold', '  owner: customer-ml\n  slos: [{ name: latency, objective: 0.99, window: 30d }]'),
  ...Object.entries(refusals).map(([name, spec]) => model(name, `  owner: customer-ml\n${spec}`)),
  model('unknown-serving-stack', '  owner: customer-ml').replace(
    'metadata: { name: unknown-serving-stack }',
    "metadata: { name: unknown-serving-stack, annotations: { 'modelport.io/metrics-source': triton, 'backstage.io/kubernetes-id': Churn_Service } }",
  ),
  model('unknown-serving-object', '  owner: customer-ml').replace(
    'metadata: { name: unknown-serving-object }',
    "metadata: { name: unknown-serving-object, annotations: { 'modelport.io/serving-object': Pod/ml/churn } }",
  ),
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
    const [dataset] = await eventually(
      () => catalog.queryEntities('kind=resource'),
      items => items[0]?.relations?.some(r => r.type === 'trainingDataOf') ?? false,
    );
    expect(dataset.relations).toContainEqual({
      type: 'trainingDataOf',
      targetRef: 'model:default/churn-classifier',
    });
    const [team] = await eventually(
      () => catalog.queryEntities('kind=group'),
      items => (items[0]?.relations ?? []).filter(r => r.type === 'ownerOf').length >= 2,
    );
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
      errors => errors.size >= 6 + Object.keys(refusals).length,
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
      ...Object.fromEntries(Object.entries(refusalMessages).map(([name, message]) => [`model:default/${name}`, [expect.stringContaining(message)]])),
    });

    const names = (await catalog.queryEntities('kind=model')).map(m => m.metadata.name).sort();
    expect(names).toEqual(['churn-classifier', 'upsell-ranker']);
    const others = await catalog.queryEntities('kind=component,kind=system,kind=group,kind=resource');
    expect(others).toHaveLength(4);
  });
});
