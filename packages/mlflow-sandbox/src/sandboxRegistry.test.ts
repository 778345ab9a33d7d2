import { exampleRegistry } from './examples';
import { generatedRegistry } from './generate';
import { startMlflowSandbox, type MlflowSandbox } from './sandboxRegistry';

const call = async (sandbox: MlflowSandbox, path: string, init: { method?: string; body?: unknown; token?: string } = {}) => {
  const res = await fetch(`${sandbox.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.token ?? sandbox.state.token}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: await res.json() };
};

/** Every page of a listing, following next_page_token until there is none. */
async function pages(sandbox: MlflowSandbox, path: string, key: string) {
  const seen: unknown[][] = [];
  let token: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const { status, body } = await call(sandbox, `${path}${token ? `${sep}page_token=${token}` : ''}`);
    expect(status).toBe(200);
    seen.push(body[key] ?? []);
    token = body.next_page_token;
  } while (token);
  return seen;
}

describe('the sandbox registry', () => {
  let sandbox: MlflowSandbox;
  afterEach(() => sandbox?.close());

  it('pages MLflow searches by max_results and refuses more than MLflow allows', async () => {
    sandbox = await startMlflowSandbox(generatedRegistry({ models: 25, versions: 4, token: 't' }));
    const models = await pages(sandbox, '/api/2.0/mlflow/registered-models/search?max_results=10', 'registered_models');
    expect(models.map(p => p.length)).toEqual([10, 10, 5]);
    expect(models.flat()[0]).toMatchObject({ name: 'model-00001', aliases: [{ alias: 'champion', version: '4' }], latest_versions: [{ version: '4', aliases: ['champion'] }] });
    const versions = await pages(sandbox, '/api/2.0/mlflow/model-versions/search?max_results=40', 'model_versions');
    expect(versions.map(p => p.length)).toEqual([40, 40, 20]);

    expect(await call(sandbox, '/api/2.0/mlflow/registered-models/search?max_results=1001')).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect((await call(sandbox, '/api/2.0/mlflow/model-versions/search?max_results=200000')).status).toBe(200);
    expect((await call(sandbox, '/api/2.0/mlflow/model-versions/search?max_results=200001')).status).toBe(400);
    expect((await call(sandbox, '/api/2.0/mlflow/model-versions/search?page_token=nonsense')).status).toBe(400);
  });

  it("filters versions as MLflow does, refusing `name IN (...)` as MLflow's search grammar does", async () => {
    sandbox = await startMlflowSandbox(generatedRegistry({ models: 3, versions: 2, token: 't' }));
    const one = await call(sandbox, `/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent("name='model-00002'")}`);
    expect(one.body.model_versions.map((v: { name: string; version: string }) => `${v.name}/${v.version}`)).toEqual(['model-00002/2', 'model-00002/1']);
    const like = await call(sandbox, `/api/2.0/mlflow/registered-models/search?filter=${encodeURIComponent("name LIKE 'model-0000%' AND tags.team = 'team-1'")}`);
    expect(like.body.registered_models.map((m: { name: string }) => m.name)).toEqual(['model-00002']);
    const runs = await call(sandbox, `/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent("run_id IN ('run00001v1', 'run00003v2')")}`);
    expect(runs.body.model_versions).toHaveLength(2);
    expect(await call(sandbox, `/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent("name IN ('model-00001', 'model-00002')")}`)).toMatchObject({
      status: 400,
      body: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining("Only the 'run_id' attribute") },
    });
  });

  it('lists experiments, those the runs name and those of the state, by view type and in pages', async () => {
    const registry = generatedRegistry({ models: 3, versions: 2, token: 't' });
    registry.mlflow.runs[0].info.experiment_id = '12';
    registry.mlflow.experiments = [{ experiment_id: '12', name: 'churn', lifecycle_stage: 'deleted', tags: [{ key: 'team', value: 'risk' }] }];
    sandbox = await startMlflowSandbox(registry);
    const search = (body: unknown) => call(sandbox, '/api/2.0/mlflow/experiments/search', { method: 'POST', body });
    expect(await search({})).toEqual({ status: 200, body: { experiments: [{ experiment_id: '1', name: 'experiment-1', lifecycle_stage: 'active', artifact_location: 'mlflow-artifacts:/1' }] } });
    const first = await search({ view_type: 'ALL', max_results: 1 });
    expect(first.body.experiments.map((e: { experiment_id: string }) => e.experiment_id)).toEqual(['1']);
    const second = await search({ view_type: 'ALL', max_results: 1, page_token: first.body.next_page_token });
    expect(second.body).toEqual({ experiments: [expect.objectContaining({ experiment_id: '12', name: 'churn' })] });
    expect((await search({ view_type: 3, filter: "tags.team = 'risk'" })).body.experiments).toHaveLength(1);
    expect((await search({ view_type: 'DELETED_ONLY' })).body.experiments.map((e: { name: string }) => e.name)).toEqual(['churn']);

    expect(await search({ max_results: 50_001 })).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('at most 50000') } });
    expect((await search({ max_results: 50_000 })).status).toBe(200);
    expect((await search({ view_type: 'SOME' })).status).toBe(400);
  });

  it('searches runs by id within the experiments asked for, in pages, and refuses what MLflow refuses', async () => {
    const registry = generatedRegistry({ models: 30, versions: 2, token: 't' });
    const ids = registry.mlflow.runs.map(r => r.info.run_id);
    registry.mlflow.runs[0].info.experiment_id = '2';
    registry.mlflow.runs[1].info.lifecycle_stage = 'deleted';
    sandbox = await startMlflowSandbox(registry);
    const search = (body: Record<string, unknown>) => call(sandbox, '/api/2.0/mlflow/runs/search', { method: 'POST', body });
    const idsOf = (runs: Array<{ info: { run_id: string } }> = []) => runs.map(r => r.info.run_id);
    /** Every page of the search, 20 runs a page. */
    const all = async (body: Record<string, unknown>) => {
      const seen: string[][] = [];
      let token: string | undefined;
      do {
        const { status, body: answer } = await search({ ...body, max_results: 20, ...(token ? { page_token: token } : {}) });
        expect(status).toBe(200);
        seen.push(idsOf(answer.runs));
        token = answer.next_page_token;
      } while (token);
      return seen;
    };

    const one = await search({ experiment_ids: ['1'], filter: `attributes.run_id = '${ids[2]}'` });
    expect(one.body.runs).toEqual([registry.mlflow.runs[2]]);
    const filter = `attributes.run_id IN (${ids
      .slice(0, 50)
      .map(id => `'${id}'`)
      .join(', ')})`;
    // Of the 50 runs named: the first is in an experiment not asked for, the second deleted.
    const everything = await all({ experiment_ids: ['1'], filter, run_view_type: 'ALL' });
    expect(everything.map(p => p.length)).toEqual([20, 20, 9]);
    expect(everything.flat().sort()).toEqual(ids.slice(1, 50).sort());
    expect((await all({ experiment_ids: ['1'], filter })).flat().sort()).toEqual(ids.slice(2, 50).sort());
    expect((await all({ experiment_ids: ['1', '2'], filter: `run_id IN ('${ids[0]}', '${ids[3]}')` })).flat().sort()).toEqual([ids[0], ids[3]].sort());
    // Without a filter, every run of the experiments asked for.
    expect((await all({ experiment_ids: ['2'] })).flat()).toEqual([ids[0]]);
    // MLflow's store searches the experiments asked for only: none, none found.
    expect(await search({ filter })).toEqual({ status: 200, body: {} });

    expect((await search({ experiment_ids: ['1'], max_results: 50_000 })).status).toBe(200);
    expect(await search({ experiment_ids: ['1'], max_results: 50_001 })).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('at most 50000') } });
    expect(await search({ experiment_ids: '1' })).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect(await search({ experiment_ids: ['1'], filter: "tags.team IN ('a')" })).toMatchObject({
      status: 400,
      body: { error_code: 'INVALID_PARAMETER_VALUE', message: "Only the 'run_id' attribute supports comparison with a list of quoted string values." },
    });
    expect(await search({ experiment_ids: ['1'], filter: 'metrics.auc > 0.8' })).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    const first = await search({ experiment_ids: ['1'], max_results: 1 });
    expect((await search({ experiment_ids: ['2'], max_results: 1, page_token: first.body.next_page_token })).status).toBe(400);
    expect(sandbox.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/2.0/mlflow/runs/search', body: { experiment_ids: ['2'] } });
  });

  it('answers 401 with the JSON error body to a missing or wrong token, and records every request', async () => {
    sandbox = await startMlflowSandbox({ token: 't' });
    expect(await call(sandbox, '/api/2.0/mlflow/registered-models/search', { token: 'wrong' })).toMatchObject({ status: 401, body: { error_code: 'UNAUTHENTICATED' } });
    const none = await fetch(`${sandbox.url}/api/2.1/unity-catalog/models`);
    expect(none.status).toBe(401);
    expect(sandbox.requests.map(r => [r.path, r.authorized])).toEqual([
      ['/api/2.0/mlflow/registered-models/search', false],
      ['/api/2.1/unity-catalog/models', false],
    ]);
  });

  it('lists Unity Catalog models and versions, capping max_results at the server page length, and inserts empty pages on demand', async () => {
    sandbox = await startMlflowSandbox({ ...generatedRegistry({ models: 5, versions: 3, token: 't' }), unityCatalog: { ...generatedRegistry({ models: 5, versions: 3 }).unityCatalog, pageLength: 2 } });
    const models = await pages(sandbox, '/api/2.1/unity-catalog/models?catalog_name=bench&schema_name=models&max_results=1000', 'registered_models');
    expect(models.map(p => p.length)).toEqual([2, 2, 1]);
    expect((await call(sandbox, '/api/2.1/unity-catalog/models?max_results=-1')).body).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE' });
    expect((await call(sandbox, '/api/2.1/unity-catalog/models?catalog_name=bench')).status).toBe(400);

    sandbox.emptyPages();
    const withEmpty = await pages(sandbox, '/api/2.1/unity-catalog/models/bench.models.model_00001/versions?max_results=1000', 'model_versions');
    expect(withEmpty.map(p => p.length)).toEqual([0, 2, 1]);
    expect(withEmpty[1][0]).toMatchObject({ model_name: 'model_00001', version: 1, status: 'READY', aliases: [] });
    expect(withEmpty[2][0]).toMatchObject({ version: 3, aliases: [{ alias_name: 'champion', version_num: 3 }] });
  });

  it('moves aliases, deletes models, answers runs and serving endpoints', async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    expect(await call(sandbox, '/api/2.0/mlflow/registered-models/alias', { method: 'POST', body: { name: 'fraud-detector', alias: 'champion', version: '3' } })).toEqual({ status: 200, body: {} });
    expect((await call(sandbox, '/api/2.0/mlflow/registered-models/get?name=fraud-detector')).body.registered_model.aliases).toContainEqual({ alias: 'champion', version: '3' });
    // The module's example is not changed by the server's writes.
    expect(exampleRegistry.mlflow.models[0].aliases).toContainEqual({ alias: 'champion', version: '2' });
    expect((await call(sandbox, '/api/2.0/mlflow/registered-models/alias', { method: 'POST', body: { name: 'fraud-detector', alias: 'champion', version: '9' } })).status).toBe(404);

    const put = await call(sandbox, '/api/2.1/unity-catalog/models/acme.risk.card_fraud_scorer/aliases/champion', { method: 'PUT', body: { version_num: 3 } });
    expect(put).toMatchObject({ status: 200, body: { alias_name: 'champion', version_num: 3 } });

    sandbox.deleteModel('fraud-detector');
    sandbox.deleteModel('acme.risk.card_fraud_scorer');
    expect(await call(sandbox, '/api/2.0/mlflow/registered-models/get?name=fraud-detector')).toMatchObject({ status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
    expect((await call(sandbox, '/api/2.1/unity-catalog/models/acme.risk.card_fraud_scorer/versions')).status).toBe(404);
    expect((await call(sandbox, '/api/2.0/mlflow/registered-models/search')).body.registered_models.map((m: { name: string }) => m.name)).toEqual([
      'aml-transaction-screener',
      'credit-default-scorer',
    ]);

    const runGot = await call(sandbox, '/api/2.0/mlflow/runs/get?run_id=cd02f2a3');
    expect(runGot.body.run.info).toMatchObject({ run_id: 'cd02f2a3', experiment_id: '9' });
    expect((await call(sandbox, '/api/2.0/mlflow/runs/get?run_id=nope')).status).toBe(404);

    const list = await call(sandbox, '/api/2.0/serving-endpoints');
    expect(list.body.endpoints[0].config).toEqual({
      served_entities: [
        { name: 'card_fraud_scorer-2', entity_name: 'acme.risk.card_fraud_scorer', entity_version: '2' },
        { name: 'card_fraud_scorer-3', entity_name: 'acme.risk.card_fraud_scorer', entity_version: '3' },
      ],
    });
    const detail = await call(sandbox, '/api/2.0/serving-endpoints/card-fraud-scorer-prod');
    expect(detail.body.config.traffic_config.routes).toEqual([
      { served_model_name: 'card_fraud_scorer-2', traffic_percentage: 90 },
      { served_model_name: 'card_fraud_scorer-3', traffic_percentage: 10 },
    ]);
  });

  it("lists Kubeflow models, versions and artifacts by nextPageToken and pageSize, capped at ML Metadata's 100, in Kubeflow's error bodies", async () => {
    sandbox = await startMlflowSandbox(generatedRegistry({ models: 230, versions: 2, token: 't' }));
    const api = '/api/model_registry/v1alpha3';
    const kfPages = async (path: string) => {
      const seen: Array<Array<{ id: string; name: string }>> = [];
      let token = '';
      do {
        const { status, body } = await call(sandbox, `${path}${token ? `&nextPageToken=${token}` : ''}`);
        expect(status).toBe(200);
        expect(body).toMatchObject({ pageSize: expect.any(Number), size: body.items.length, nextPageToken: expect.any(String) });
        seen.push(body.items);
        token = body.nextPageToken;
      } while (token);
      return seen;
    };
    expect((await kfPages(`${api}/registered_models?pageSize=1000`)).map(p => p.length)).toEqual([100, 100, 30]);
    const byUpdate = await kfPages(`${api}/registered_models?pageSize=100&orderBy=LAST_UPDATE_TIME`);
    expect(byUpdate[0][0].name).toBe('model-00230');

    const versions = await kfPages(`${api}/registered_models/2/versions?pageSize=1&orderBy=ID&sortOrder=ASC`);
    expect(versions.flat().map(v => [v.name, v.id])).toEqual([['v1', '233'], ['v2', '234']]);
    expect((await kfPages(`${api}/model_versions?pageSize=100`)).flat()).toHaveLength(460);
    const artifacts = await call(sandbox, `${api}/model_versions/233/artifacts?artifactType=model-artifact`);
    expect(artifacts.body.items).toEqual([expect.objectContaining({ artifactType: 'model-artifact', uri: 's3://bench/kubeflow/model-00002/v1', modelFormatName: 'onnx' })]);
    expect(artifacts.body.items[0]).not.toHaveProperty('modelVersionId');
    expect((await call(sandbox, `${api}/model_versions/233/artifacts?artifactType=doc-artifact`)).body.items).toEqual([]);
    expect((await call(sandbox, `${api}/registered_model?name=model-00002`)).body).toMatchObject({ id: '2', state: 'LIVE' });

    expect(await call(sandbox, `${api}/registered_models?pageSize=0`)).toEqual({ status: 400, body: { code: '400', message: 'invalid pageSize: 0' } });
    expect((await call(sandbox, `${api}/registered_models?nextPageToken=nonsense`)).status).toBe(400);
    expect((await call(sandbox, `${api}/registered_models/9999/versions`)).body).toMatchObject({ code: '404' });
    expect(await call(sandbox, `${api}/registered_models`, { token: 'wrong' })).toMatchObject({ status: 401, body: { code: '401', message: expect.any(String) } });

    sandbox.emptyPages();
    sandbox.deleteModel('model-00001');
    const withEmpty = await kfPages(`${api}/registered_models?pageSize=100`);
    expect(withEmpty.map(p => p.length)).toEqual([0, 100, 100, 29]);
    expect(sandbox.state.kubeflow.versions.some(v => v.registeredModelId === '1')).toBe(false);
    expect(sandbox.state.kubeflow.artifacts.some(a => a.uri?.includes('model-00001/'))).toBe(false);
  });

  it('fails the next requests of a path with 500 and delays answers without keeping close waiting', async () => {
    sandbox = await startMlflowSandbox(generatedRegistry({ models: 1, versions: 1, token: 't' }));
    sandbox.fail('/api/2.0/mlflow/model-versions/search', 2);
    expect((await call(sandbox, '/api/2.0/mlflow/model-versions/search')).body).toMatchObject({ error_code: 'INTERNAL_ERROR' });
    expect((await call(sandbox, '/api/2.0/mlflow/registered-models/search')).status).toBe(200);
    expect((await call(sandbox, '/api/2.0/mlflow/model-versions/search')).status).toBe(500);
    expect((await call(sandbox, '/api/2.0/mlflow/model-versions/search')).status).toBe(200);

    sandbox.delay(60_000);
    const late = fetch(`${sandbox.url}/api/2.0/mlflow/registered-models/search`, { headers: { authorization: 'Bearer t' }, signal: AbortSignal.timeout(50) });
    await expect(late).rejects.toThrow(/timeout|aborted/i);
    // A request still waiting for its delayed answer: close ends it rather than waiting out the delay.
    const pending = fetch(`${sandbox.url}/api/2.0/mlflow/registered-models/search`, { headers: { authorization: 'Bearer t' } }).catch(e => e);
    while (sandbox.requests.length < 6) await new Promise(resolve => setImmediate(resolve));
    const started = Date.now();
    await sandbox.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(String(await pending)).toMatch(/fetch failed/);
  });
});
