import { exampleRegistry, generatedRegistry, startMlflowSandbox, type MlflowSandbox } from '@internal/mlflow-sandbox';
import { KubeflowConnector } from './KubeflowConnector';
import { collect, testInstance } from './testInstance';

const API = '/api/model_registry/v1alpha3';
const LIST = { pageSize: '100', orderBy: 'ID', sortOrder: 'ASC' };
const kubeflow = (url: string, change: Parameters<typeof testInstance>[1] = {}) =>
  testInstance(url, { name: 'acme-kubeflow', flavour: 'kubeflow', namespace: 'acme-kubeflow', aliases: {}, ...change });

describe('the Kubeflow Model Registry connector', () => {
  let sandbox: MlflowSandbox;
  afterEach(() => sandbox?.close());

  it('imports live models with their string properties as tags, and each live version with its model artifact as source', async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    const connector = new KubeflowConnector(kubeflow(sandbox.url));
    expect([connector.flavour, connector.writeBack, connector.aliasEnvironments]).toEqual(['kubeflow', false, {}]);
    const models = (await collect(connector.registeredModels())).flat();
    // kyc-document-classifier is archived: left out, so that the importer marks it deleted.
    expect(models).toEqual([
      {
        name: 'transaction-anomaly',
        description: 'Flags unusual transaction sequences per account',
        tags: { owner: 'group:default/risk-ml', system: 'payments-risk', streaming: '' },
        aliases: {},
        // The newest version's update (v4, 2 days ago), not the model's own (30 days ago).
        updatedAt: '2026-11-28T09:00:00.000Z',
      },
      { name: 'merchant-risk-scorer', tags: {}, aliases: {}, updatedAt: '2026-11-18T09:00:00.000Z' },
    ]);
    expect(sandbox.requests.map(r => [r.path, r.query])).toEqual([
      [`${API}/model_versions`, LIST],
      [`${API}/registered_models`, LIST],
    ]);

    const versions = (await collect(connector.modelVersions(models))).flat();
    expect(versions.map(v => `${v.modelName}/${v.version}:${v.status}`)).toEqual([
      'transaction-anomaly/v1:READY',
      'transaction-anomaly/v2:READY',
      'transaction-anomaly/v4:PENDING_REGISTRATION',
      'merchant-risk-scorer/1.0.0:FAILED_REGISTRATION',
    ]);
    expect(versions[0]).toEqual({
      modelName: 'transaction-anomaly',
      version: 'v1',
      status: 'READY',
      source: 's3://acme-kubeflow/transaction-anomaly/v1/model.onnx',
      description: 'Isolation forest on 90 days of history',
      tags: { framework: 'onnx' },
      createdAt: '2026-10-17T09:00:00.000Z',
    });
    // The model card (a doc-artifact) is no source; the int property is no tag.
    expect(versions[1]).toMatchObject({ source: 's3://acme-kubeflow/transaction-anomaly/v2/model.onnx', tags: { validation: 'MRM-2026-140', framework: 'onnx' } });
    expect(versions[2]).toMatchObject({ source: '', tags: {} });
    // Versions come from the listing; one artifact read per live version, none for the archived v3.
    expect(sandbox.requests.slice(2).map(r => [r.path, r.query.artifactType])).toEqual([
      [`${API}/model_versions/3/artifacts`, 'model-artifact'],
      [`${API}/model_versions/4/artifacts`, 'model-artifact'],
      [`${API}/model_versions/6/artifacts`, 'model-artifact'],
      [`${API}/model_versions/9/artifacts`, 'model-artifact'],
    ]);
  });

  it('lists a model with a version awaiting its artifact without updatedAt until the artifact is attached', async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    const connector = new KubeflowConnector(kubeflow(sandbox.url));
    const anomaly = async () => (await collect(connector.registeredModels())).flat().find(m => m.name === 'transaction-anomaly')!;
    await collect(connector.modelVersions([await anomaly()]));
    expect(await anomaly()).not.toHaveProperty('updatedAt');

    sandbox.update(state => {
      state.kubeflow.artifacts.push({ id: '7', modelVersionId: '6', artifactType: 'model-artifact', uri: 's3://acme-kubeflow/transaction-anomaly/v4/model.onnx', state: 'LIVE', createTimeSinceEpoch: '1', lastUpdateTimeSinceEpoch: '1' });
    });
    const versions = (await collect(connector.modelVersions([await anomaly()]))).flat();
    expect(versions.at(-1)).toMatchObject({ version: 'v4', status: 'READY', source: 's3://acme-kubeflow/transaction-anomaly/v4/model.onnx' });
    expect(await anomaly()).toMatchObject({ updatedAt: '2026-11-28T09:00:00.000Z' });
  });

  it('follows nextPageToken through full and empty pages, and reads a model listed since by name', async () => {
    sandbox = await startMlflowSandbox(generatedRegistry({ models: 250, versions: 1, token: 'sandbox-mlflow' }));
    sandbox.emptyPages();
    const connector = new KubeflowConnector(kubeflow(sandbox.url));
    const pages = await collect(connector.registeredModels());
    expect(pages.map(p => p.length)).toEqual([100, 100, 50]);
    // Each listing: an empty first page, then three; every later call carries the token it was given.
    const listings = sandbox.requests.map(r => [r.path, r.query.nextPageToken === undefined]);
    expect(listings).toEqual([
      ...[true, false, false, false].map(first => [`${API}/model_versions`, first]),
      ...[true, false, false, false].map(first => [`${API}/registered_models`, first]),
    ]);

    sandbox.emptyPages(false);
    const fresh = new KubeflowConnector(kubeflow(sandbox.url));
    const versions = (await collect(fresh.modelVersions([{ name: 'model-00007', tags: {}, aliases: {} }, { name: 'no-such-model', tags: {}, aliases: {} }]))).flat();
    expect(versions).toEqual([expect.objectContaining({ modelName: 'model-00007', version: 'v1', status: 'READY', source: 's3://bench/kubeflow/model-00007/v1', tags: { framework: 'onnx' } })]);
    expect(sandbox.requests.slice(8).map(r => `${r.path}${r.query.name ? `?name=${r.query.name}` : ''}`)).toEqual([
      `${API}/registered_model?name=model-00007`,
      `${API}/registered_models/7/versions`,
      `${API}/model_versions/257/artifacts`,
      `${API}/registered_model?name=no-such-model`,
    ]);
  });

  it('leaves archived and deleted models out, and refuses to move aliases', async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    const connector = new KubeflowConnector(kubeflow(sandbox.url));
    const models = (await collect(connector.registeredModels())).flat();
    sandbox.deleteModel('merchant-risk-scorer');
    expect((await collect(connector.modelVersions(models))).flat().map(v => v.modelName)).toEqual(['transaction-anomaly', 'transaction-anomaly', 'transaction-anomaly']);

    sandbox.update(state => {
      state.kubeflow.models[0].state = 'ARCHIVED';
    });
    expect((await collect(connector.registeredModels())).flat()).toEqual([]);
    // Asked for by name after its listing, an archived model has no versions to import.
    expect((await collect(new KubeflowConnector(kubeflow(sandbox.url)).modelVersions(models))).flat()).toEqual([]);

    await expect(connector.setAlias('transaction-anomaly', 'champion', 'v2')).rejects.toThrow(
      "kubeflow registry 'acme-kubeflow': cannot point alias champion of transaction-anomaly at v2: Kubeflow Model Registry has no aliases, and write-back is not supported for kubeflow",
    );
  });

  it('says which instance, path and status failed: a refused token, a 500, a malformed answer, a timeout', async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    await expect(collect(new KubeflowConnector(kubeflow(sandbox.url, { token: 'stale' })).registeredModels())).rejects.toThrow(
      `kubeflow registry 'acme-kubeflow': GET ${API}/model_versions answered 401, the token was refused (Credential was not sent or was of an unsupported type for this API.)`,
    );
    const connector = new KubeflowConnector(kubeflow(sandbox.url, { timeoutMs: 300 }));
    sandbox.fail(`${API}/registered_models`);
    await expect(collect(connector.registeredModels())).rejects.toThrow(
      `kubeflow registry 'acme-kubeflow': GET ${API}/registered_models answered 500, the registry failed (The server encountered an internal error`,
    );
    const models = (await collect(connector.registeredModels())).flat();
    sandbox.fail(`${API}/model_versions/3/artifacts`);
    await expect(collect(connector.modelVersions(models))).rejects.toThrow(`GET ${API}/model_versions/3/artifacts answered 500`);

    sandbox.update(state => {
      state.kubeflow.versions[0].state = 'DELETED' as never;
    });
    await expect(collect(connector.registeredModels())).rejects.toThrow(/^kubeflow registry 'acme-kubeflow': GET \/api\/model_registry\/v1alpha3\/model_versions answered a malformed body: items.0.state: /);

    sandbox.delay(10_000);
    await expect(collect(connector.modelVersions([{ name: 'transaction-anomaly', tags: {}, aliases: {} }]))).rejects.toThrow(
      `kubeflow registry 'acme-kubeflow': GET ${API}/model_versions/3/artifacts did not answer within 300 ms (timeoutMs)`,
    );
  });
});
