import { exampleRegistry, generatedRegistry, startMlflowSandbox, type MlflowSandbox } from '@internal/mlflow-sandbox';
import { collect, testInstance } from './testInstance';
import { environmentOf, UnityCatalogConnector } from './UnityCatalogConnector';

const databricks = (url: string, change: Parameters<typeof testInstance>[1] = {}) =>
  testInstance(url, { name: 'acme-databricks', flavour: 'unity-catalog', namespace: 'acme-databricks', catalogName: 'acme', schemaName: 'risk', ...change });

describe('the Unity Catalog connector', () => {
  let sandbox: MlflowSandbox;
  afterEach(() => sandbox?.close());

  it('imports the models of its catalog and schema and their versions, with numbers as strings', async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    const connector = new UnityCatalogConnector(databricks(sandbox.url));
    const models = (await collect(connector.registeredModels())).flat();
    expect(models).toEqual([
      {
        name: 'acme.risk.card_fraud_scorer',
        description: 'Card-not-present fraud scores for the payment gateway',
        tags: {},
        aliases: { champion: '2' },
        updatedAt: '2026-11-24T09:00:00.000Z',
        url: `${sandbox.url}/explore/data/models/acme/risk/card_fraud_scorer`,
      },
      expect.objectContaining({ name: 'acme.risk.aml_alert_ranker', aliases: {} }),
    ]);
    expect(sandbox.requests.map(r => r.query)).toEqual([{ catalog_name: 'acme', schema_name: 'risk', max_results: '1000' }]);

    const versions = (await collect(connector.modelVersions(models))).flat();
    expect(versions.map(v => `${v.modelName}/${v.version}`)).toEqual([
      'acme.risk.card_fraud_scorer/1',
      'acme.risk.card_fraud_scorer/2',
      'acme.risk.card_fraud_scorer/3',
      'acme.risk.aml_alert_ranker/1',
    ]);
    expect(versions[1]).toEqual({
      modelName: 'acme.risk.card_fraud_scorer',
      version: '2',
      status: 'READY',
      source: 's3://acme-uc/risk/card_fraud_scorer/versions/2',
      runId: 'ucca0002',
      description: 'Champion since the October release',
      tags: {},
      createdAt: '2026-11-09T09:00:00.000Z',
    });
    // No search across models: one listing per model.
    expect(sandbox.requests.slice(1).map(r => r.path)).toEqual([
      '/api/2.1/unity-catalog/models/acme.risk.card_fraud_scorer/versions',
      '/api/2.1/unity-catalog/models/acme.risk.aml_alert_ranker/versions',
    ]);
  });

  it('pages through empty pages, keeps failed registrations with their status, and skips a model deleted since it was listed', async () => {
    const registry = generatedRegistry({ models: 5, versions: 3, token: 'sandbox-mlflow' });
    registry.unityCatalog.versions[1].status = 'FAILED_REGISTRATION';
    sandbox = await startMlflowSandbox({ ...registry, unityCatalog: { ...registry.unityCatalog, pageLength: 2 } });
    sandbox.emptyPages();
    const connector = new UnityCatalogConnector(databricks(sandbox.url, { catalogName: 'bench', schemaName: 'models' }));
    const pages = await collect(connector.registeredModels());
    expect(pages.map(p => p.length)).toEqual([2, 2, 1]);
    // The empty first page is read through, not handed on.
    expect(sandbox.requests).toHaveLength(4);

    sandbox.deleteModel('bench.models.model_00002');
    const versions = (await collect(connector.modelVersions(pages.flat().slice(0, 3)))).flat();
    expect(versions.map(v => `${v.modelName}/${v.version}:${v.status}`)).toEqual([
      'bench.models.model_00001/1:READY',
      'bench.models.model_00001/2:FAILED_REGISTRATION',
      'bench.models.model_00001/3:READY',
      'bench.models.model_00003/1:READY',
      'bench.models.model_00003/2:READY',
      'bench.models.model_00003/3:READY',
    ]);
  });

  it("reads many of the workspace's runs in one search per 1,000 runs after one listing of its experiments, a run gone answering 404", async () => {
    const registry = generatedRegistry({ models: 1200, versions: 1, token: 'sandbox-mlflow' });
    sandbox = await startMlflowSandbox(registry);
    const connector = new UnityCatalogConnector(databricks(sandbox.url, { catalogName: 'bench', schemaName: 'models' }));
    const ids = registry.unityCatalog.versions.map(v => v.run_id!);
    const runs = await connector.runsData([...ids, 'deleted-run']);
    expect(runs.size).toBe(1200);
    expect(runs.get('run00002v1')).toEqual({ metrics: { auc: 0.801 }, params: { max_depth: '5' }, runUrl: `${sandbox.url}/ml/experiments/1/runs/run00002v1` });
    const calls = sandbox.requests.map(r => `${r.method} ${r.path}`);
    expect(calls).toEqual([
      'POST /api/2.0/mlflow/experiments/search',
      'POST /api/2.0/mlflow/runs/search',
      'POST /api/2.0/mlflow/runs/search',
      'GET /api/2.0/mlflow/runs/get',
    ]);
    expect(sandbox.requests[3].query).toEqual({ run_id: 'deleted-run' });

    // Within a sync the experiments are listed once; a new sync lists them again.
    await connector.runsData(['run00003v1']);
    await collect(connector.registeredModels());
    await connector.runsData(['run00003v1']);
    expect(sandbox.requests.filter(r => r.path === '/api/2.0/mlflow/experiments/search')).toHaveLength(2);
  });

  it("reads the workspace's runs and moves aliases", async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    const connector = new UnityCatalogConnector(databricks(sandbox.url));
    expect(await connector.runData('ucca0002')).toEqual({ metrics: { auc: 0.94 }, params: { max_depth: '7' }, runUrl: `${sandbox.url}/ml/experiments/31/runs/ucca0002` });

    await connector.setAlias('acme.risk.card_fraud_scorer', 'champion', '3');
    expect(sandbox.requests.at(-1)).toMatchObject({ method: 'PUT', path: '/api/2.1/unity-catalog/models/acme.risk.card_fraud_scorer/aliases/champion', body: { version_num: 3 } });
    expect(sandbox.state.unityCatalog.models[0].aliases).toEqual([{ alias_name: 'champion', version_num: 3 }]);
    await expect(connector.setAlias('acme.risk.card_fraud_scorer', 'champion', '1.0.0')).rejects.toThrow('is no Unity Catalog version number');
  });

  it('reports the serving endpoints that stand for environments, with the traffic each served version gets', async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    expect(new UnityCatalogConnector(databricks(sandbox.url)).servingEndpoints).toBeUndefined();
    const connector = new UnityCatalogConnector(databricks(sandbox.url, { servingEnvironments: { 'card-fraud-scorer-prod': 'prod', '*-staging': 'staging' } }));
    expect(await connector.servingEndpoints!()).toEqual([
      {
        name: 'card-fraud-scorer-prod',
        environment: 'prod',
        ready: true,
        updating: false,
        served: [
          { name: 'card_fraud_scorer-2', modelName: 'acme.risk.card_fraud_scorer', version: '2', trafficPercent: 90 },
          { name: 'card_fraud_scorer-3', modelName: 'acme.risk.card_fraud_scorer', version: '3', trafficPercent: 10 },
        ],
        url: `${sandbox.url}/ml/endpoints/card-fraud-scorer-prod`,
      },
      {
        name: 'card-fraud-scorer-staging',
        environment: 'staging',
        ready: true,
        updating: true,
        served: [{ name: 'card_fraud_scorer-3', modelName: 'acme.risk.card_fraud_scorer', version: '3', trafficPercent: 100 }],
        url: `${sandbox.url}/ml/endpoints/card-fraud-scorer-staging`,
      },
    ]);
    // The endpoint no environment stands for is listed, never read.
    expect(sandbox.requests.map(r => r.path)).toEqual(['/api/2.0/serving-endpoints', '/api/2.0/serving-endpoints/card-fraud-scorer-prod', '/api/2.0/serving-endpoints/card-fraud-scorer-staging']);

    // A single served entity without a traffic configuration takes all of it.
    sandbox.update(state => {
      delete state.servingEndpoints[1].config.traffic_config;
    });
    expect((await connector.servingEndpoints!())[1].served[0].trafficPercent).toBe(100);
  });

  it('maps endpoint names to environments exactly first, then by glob', () => {
    const environments = { '*-prod': 'prod', 'fraud-prod-canary': 'canary', 'fraud-*-staging*': 'staging' };
    expect(environmentOf('fraud-prod-canary', environments)).toBe('canary');
    expect(environmentOf('card-prod', environments)).toBe('prod');
    expect(environmentOf('fraud-eu-staging-2', environments)).toBe('staging');
    expect(environmentOf('cardX1', { 'card.*': 'x' })).toBeUndefined();
    expect(environmentOf('playground', environments)).toBeUndefined();
  });

  it('says which instance, path and status failed: a refused token, a 500, a timeout', async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    await expect(collect(new UnityCatalogConnector(databricks(sandbox.url, { token: 'revoked' })).registeredModels())).rejects.toThrow(
      "unity-catalog registry 'acme-databricks': GET /api/2.1/unity-catalog/models answered 401, the token was refused",
    );
    const connector = new UnityCatalogConnector(databricks(sandbox.url, { timeoutMs: 250, servingEnvironments: { '*': 'prod' } }));
    sandbox.fail('/api/2.0/serving-endpoints');
    await expect(connector.servingEndpoints!()).rejects.toThrow("unity-catalog registry 'acme-databricks': GET /api/2.0/serving-endpoints answered 500, the registry failed");
    sandbox.delay(10_000);
    await expect(collect(connector.modelVersions([{ name: 'acme.risk.card_fraud_scorer', tags: {}, aliases: {} }]))).rejects.toThrow(
      "unity-catalog registry 'acme-databricks': GET /api/2.1/unity-catalog/models/acme.risk.card_fraud_scorer/versions did not answer within 250 ms (timeoutMs)",
    );
  });
});
