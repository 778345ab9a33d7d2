import { exampleRegistry, generatedRegistry, startMlflowSandbox, type MlflowSandbox } from '@internal/mlflow-sandbox';
import { MlflowConnector } from './MlflowConnector';
import { collect, testInstance } from './testInstance';

const SEARCH_MODELS = '/api/2.0/mlflow/registered-models/search';
const SEARCH_VERSIONS = '/api/2.0/mlflow/model-versions/search';
const SEARCH_EXPERIMENTS = '/api/2.0/mlflow/experiments/search';
const SEARCH_RUNS = '/api/2.0/mlflow/runs/search';
const GET_RUN = '/api/2.0/mlflow/runs/get';

describe('the MLflow connector', () => {
  let sandbox: MlflowSandbox;
  afterEach(() => sandbox?.close());
  const calls = (path: string) => sandbox.requests.filter(r => r.path === path);

  it("imports models and versions in Modelport's words, failed registrations kept with their status", async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    const connector = new MlflowConnector(testInstance(sandbox.url));
    const models = (await collect(connector.registeredModels())).flat();
    expect(models.map(m => m.name)).toEqual(['aml-transaction-screener', 'credit-default-scorer', 'fraud-detector']);
    expect(models[2]).toEqual({
      name: 'fraud-detector',
      description: 'Scores card transactions for fraud in real time',
      tags: { owner: 'group:default/risk-ml', system: 'payments-risk' },
      aliases: { champion: '2', challenger: '3' },
      updatedAt: '2026-11-27T09:00:00.000Z',
      url: `${sandbox.url}/#/models/fraud-detector`,
    });
    expect(calls(SEARCH_MODELS).map(r => r.query)).toEqual([{ max_results: '1000' }]);

    const versions = (await collect(connector.modelVersions(models))).flat();
    expect(versions.map(v => `${v.modelName}/${v.version}:${v.status}`)).toEqual([
      'aml-transaction-screener/2:PENDING_REGISTRATION',
      'aml-transaction-screener/1:READY',
      'credit-default-scorer/2:READY',
      'credit-default-scorer/1:READY',
      'fraud-detector/4:FAILED_REGISTRATION',
      'fraud-detector/3:READY',
      'fraud-detector/2:READY',
      'fraud-detector/1:READY',
    ]);
    expect(versions.find(v => v.modelName === 'credit-default-scorer' && v.version === '2')).toEqual({
      modelName: 'credit-default-scorer',
      version: '2',
      status: 'READY',
      source: 's3://acme-mlflow/models/credit-default-scorer/2',
      runId: 'cd02f2a3',
      runUrl: 'https://mlflow.acme.example/#/experiments/9/runs/cd02f2a3',
      tags: {},
      createdAt: '2026-11-10T09:00:00.000Z',
    });
    expect(versions.find(v => v.version === '2' && v.modelName === 'fraud-detector')).toMatchObject({ tags: { validation: 'MRM-2026-131' }, runId: 'fd02b8d4' });
    expect(versions.find(v => v.version === '2' && v.modelName === 'fraud-detector')).not.toHaveProperty('runUrl');
    // Eight versions in three models: one search of the whole registry is cheaper than one per model.
    expect(calls(SEARCH_VERSIONS).map(r => r.query)).toEqual([{ max_results: '1000' }]);
  });

  it('searches versions in one call per 1,000 versions for a whole registry, and per model for a few models', async () => {
    sandbox = await startMlflowSandbox(generatedRegistry({ models: 2500, versions: 4, token: 'sandbox-mlflow' }));
    const connector = new MlflowConnector(testInstance(sandbox.url));
    const models = (await collect(connector.registeredModels())).flat();
    expect(models).toHaveLength(2500);
    expect(calls(SEARCH_MODELS)).toHaveLength(3);

    const pages = await collect(connector.modelVersions(models));
    expect(pages.flat()).toHaveLength(10_000);
    expect(calls(SEARCH_VERSIONS)).toHaveLength(10);
    expect(calls(SEARCH_VERSIONS).every(r => r.query.max_results === '1000' && !r.query.filter)).toBe(true);

    const changed = models.filter(m => m.name === 'model-00007' || m.name === 'model-02001');
    const few = (await collect(connector.modelVersions(changed))).flat();
    expect(few.map(v => `${v.modelName}/${v.version}`)).toEqual(['model-00007/4', 'model-00007/3', 'model-00007/2', 'model-00007/1', 'model-02001/4', 'model-02001/3', 'model-02001/2', 'model-02001/1']);
    expect(calls(SEARCH_VERSIONS).slice(10).map(r => r.query.filter)).toEqual(["name='model-00007'", "name='model-02001'"]);
  });

  it('searches per model under a configured filter, reads through empty pages, and leaves deleted models out', async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    const connector = new MlflowConnector(testInstance(sandbox.url, { filter: "tags.owner = 'group:default/risk-ml'" }));
    sandbox.emptyPages();
    const models = (await collect(connector.registeredModels())).flat();
    expect(models.map(m => m.name)).toEqual(['credit-default-scorer', 'fraud-detector']);
    expect(calls(SEARCH_MODELS).map(r => r.query.page_token === undefined)).toEqual([true, false]);

    sandbox.deleteModel('fraud-detector');
    const versions = (await collect(connector.modelVersions(models))).flat();
    expect(versions.map(v => `${v.modelName}/${v.version}`)).toEqual(['credit-default-scorer/2', 'credit-default-scorer/1']);
    expect(calls(SEARCH_VERSIONS).map(r => r.query.filter)).toEqual(["name='credit-default-scorer'", "name='credit-default-scorer'", "name='fraud-detector'", "name='fraud-detector'"]);
    expect((await collect(connector.registeredModels())).flat().map(m => m.name)).toEqual(['credit-default-scorer']);
    await expect(connector.setAlias('fraud-detector', 'champion', '3')).rejects.toThrow(
      "mlflow registry 'acme-mlflow': POST /api/2.0/mlflow/registered-models/alias answered 404, not found (RESOURCE_DOES_NOT_EXIST: Registered Model with name=fraud-detector not found)",
    );
  });

  it("reads a run's last metrics, params and page, and moves aliases", async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    const connector = new MlflowConnector(testInstance(sandbox.url));
    expect(await connector.runData('fd03c9e5')).toEqual({
      metrics: { recall_at_0_1pct_fpr: 0.78, auc_pr: 0.64 },
      params: { num_leaves: '127', learning_rate: '0.04' },
      runUrl: `${sandbox.url}/#/experiments/7/runs/fd03c9e5`,
    });
    expect(await connector.runData('deleted-run')).toBeUndefined();
    // In a batch, each run links to its own experiment's page.
    expect(await connector.runsData(['fd03c9e5', 'cd02f2a3', 'deleted-run'])).toEqual(
      new Map([
        ['fd03c9e5', expect.objectContaining({ runUrl: `${sandbox.url}/#/experiments/7/runs/fd03c9e5` })],
        ['cd02f2a3', expect.objectContaining({ runUrl: `${sandbox.url}/#/experiments/9/runs/cd02f2a3` })],
      ]),
    );

    await connector.setAlias('fraud-detector', 'champion', '3');
    expect(sandbox.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/2.0/mlflow/registered-models/alias', body: { name: 'fraud-detector', alias: 'champion', version: '3' } });
    expect(sandbox.state.mlflow.models.find(m => m.name === 'fraud-detector')?.aliases).toContainEqual({ alias: 'champion', version: '3' });
  });

  it('reads the runs of many versions in one search per 1,000 runs, listing the experiments once a sync, and reads the rest one by one', async () => {
    const registry = generatedRegistry({ models: 1250, versions: 2, token: 'sandbox-mlflow' });
    sandbox = await startMlflowSandbox(registry);
    const connector = new MlflowConnector(testInstance(sandbox.url));
    const ids = registry.mlflow.runs.map(r => r.info.run_id);
    const runs = await connector.runsData(ids);
    expect(runs.size).toBe(2500);
    expect(runs.get('run00001v2')).toEqual({ metrics: { auc: 0.802 }, params: { max_depth: '6' }, runUrl: `${sandbox.url}/#/experiments/1/runs/run00001v2` });
    expect(calls(SEARCH_EXPERIMENTS).map(r => [r.method, r.body])).toEqual([['POST', { max_results: 1000, view_type: 'ALL' }]]);
    const searches = calls(SEARCH_RUNS);
    expect(searches.map(r => ({ ...(r.body as object), filter: undefined }))).toEqual(Array(3).fill({ experiment_ids: ['1'], run_view_type: 'ALL', max_results: 1000, filter: undefined }));
    expect(searches.map(r => (r.body as { filter: string }).filter.split(',').length)).toEqual([1000, 1000, 500]);
    expect((searches[2].body as { filter: string }).filter).toMatch(/^attributes\.run_id IN \('run01001v1', 'run01001v2', .*, 'run01250v2'\)$/);
    expect(calls(GET_RUN)).toHaveLength(0);

    // A run in an experiment created since the listing, a run gone for good, an id not quoted into a filter: one by one.
    sandbox.update(state => {
      state.mlflow.runs.push({ info: { run_id: 'late-run', experiment_id: '5' }, data: { params: [{ key: 'seed', value: '7' }] } });
    });
    const more = await connector.runsData(['late-run', 'gone-run', "odd'id", 'run00002v1']);
    expect([...more.keys()].sort()).toEqual(['late-run', 'run00002v1']);
    expect(more.get('late-run')).toEqual({ metrics: {}, params: { seed: '7' }, runUrl: `${sandbox.url}/#/experiments/5/runs/late-run` });
    expect(calls(SEARCH_EXPERIMENTS)).toHaveLength(1);
    expect(calls(SEARCH_RUNS).at(-1)?.body).toMatchObject({ filter: "attributes.run_id IN ('late-run', 'gone-run', 'run00002v1')" });
    expect(calls(GET_RUN).map(r => r.query.run_id)).toEqual(['late-run', 'gone-run', "odd'id"]);

    // The next sync lists the experiments again: the late run is found by the search.
    await collect(connector.registeredModels());
    expect((await connector.runsData(['late-run'])).get('late-run')).toMatchObject({ params: { seed: '7' } });
    expect(calls(SEARCH_EXPERIMENTS)).toHaveLength(2);
    expect(calls(GET_RUN)).toHaveLength(3);
  });

  it('says which instance, path and status failed: a refused token, a 500, a malformed answer, a timeout', async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    await expect(collect(new MlflowConnector(testInstance(sandbox.url, { token: 'stale' })).registeredModels())).rejects.toThrow(
      "mlflow registry 'acme-mlflow': GET /api/2.0/mlflow/registered-models/search answered 401, the token was refused (UNAUTHENTICATED: Credential was not sent or was of an unsupported type for this API.)",
    );
    const connector = new MlflowConnector(testInstance(sandbox.url, { timeoutMs: 300 }));
    sandbox.fail(SEARCH_VERSIONS, 1);
    await expect(collect(connector.modelVersions([{ name: 'fraud-detector', tags: {}, aliases: {} }]))).rejects.toThrow(
      "mlflow registry 'acme-mlflow': GET /api/2.0/mlflow/model-versions/search answered 500, the registry failed (INTERNAL_ERROR:",
    );

    sandbox.update(state => {
      state.mlflow.versions[0] = { ...state.mlflow.versions[0], status: 'ARCHIVED' as never };
    });
    await expect(collect(connector.modelVersions([{ name: 'fraud-detector', tags: {}, aliases: {} }]))).rejects.toThrow(
      /^mlflow registry 'acme-mlflow': GET \/api\/2.0\/mlflow\/model-versions\/search answered a malformed body: model_versions.3.status: /,
    );

    sandbox.fail(SEARCH_RUNS, 1);
    await expect(connector.runsData(['fd03c9e5'])).rejects.toThrow("mlflow registry 'acme-mlflow': POST /api/2.0/mlflow/runs/search answered 500, the registry failed (INTERNAL_ERROR:");

    sandbox.delay(10_000);
    await expect(connector.runData('fd03c9e5')).rejects.toThrow("mlflow registry 'acme-mlflow': GET /api/2.0/mlflow/runs/get did not answer within 300 ms (timeoutMs)");
  });
});
