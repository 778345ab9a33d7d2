import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { actionContext } from '../__testUtils__/actionContext';
import { createMlflowRunAction } from './mlflowRun';

const RUN_ID = '5f1c0c8e2a0b4f52a0f3d7d1c9a4e6b2';

/** MLflow's `runs/get` answer (REST API 2.0, mlflow/protos/service.proto) for a run that logged an xgboost model. */
const runAnswer = {
  run: {
    info: { run_id: RUN_ID, run_uuid: RUN_ID, experiment_id: '12', status: 'FINISHED', artifact_uri: 's3://mlflow-artifacts/12/5f1c0c8e/artifacts', lifecycle_stage: 'active' },
    data: {
      metrics: [
        { key: 'auc', value: 0.912, timestamp: 1764000000000, step: 0 },
        { key: 'brier_score', value: 0.068, timestamp: 1764000000000, step: 0 },
      ],
      params: [
        { key: 'max_depth', value: '6' },
        { key: 'eta', value: '0.1' },
      ],
      tags: [
        { key: 'mlflow.user', value: 'luis.ortega' },
        {
          key: 'mlflow.log-model.history',
          value: JSON.stringify([{ run_id: RUN_ID, artifact_path: 'model', utc_time_created: '2026-11-24 10:00:00.000000', flavors: { python_function: { loader_module: 'mlflow.xgboost' }, xgboost: { xgb_version: '2.1.1' } } }]),
        },
      ],
    },
  },
};

const requests: Request[] = [];
const mlflow = setupServer(
  http.get('https://mlflow.acme.example/api/2.0/mlflow/runs/get', ({ request }) => {
    requests.push(request);
    if (request.headers.get('authorization') !== 'Bearer dapi-test') return HttpResponse.json({ error_code: 'UNAUTHENTICATED', message: 'Credential was not sent' }, { status: 401 });
    const runId = new URL(request.url).searchParams.get('run_id');
    if (runId !== RUN_ID) return HttpResponse.json({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run '${runId}' not found.` }, { status: 404 });
    return HttpResponse.json(runAnswer);
  }),
);

const config = (servers: object[]) => mockServices.rootConfig({ data: { models: { mlflow: { servers } } } });
const action = createMlflowRunAction({ config: config([{ url: 'https://mlflow.acme.example/', token: 'dapi-test' }]) });

describe('modelport:mlflow:run', () => {
  beforeAll(() => mlflow.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => mlflow.resetHandlers());
  afterAll(() => mlflow.close());

  it.each([`https://mlflow.acme.example/#/experiments/12/runs/${RUN_ID}`, `https://mlflow.acme.example/ml/experiments/12/runs/${RUN_ID}/artifacts`, `runs:/${RUN_ID}/model`])(
    'reads the artifact, framework, metrics and parameters of %s with the server’s credentials', async runUrl => {
    const ctx = actionContext({ runUrl }, { isDryRun: true });
    await action.handler(ctx as never);
    expect(ctx.outputs()).toEqual({
      runId: RUN_ID,
      artifactUri: 's3://mlflow-artifacts/12/5f1c0c8e/artifacts/model',
      framework: 'xgboost',
      metrics: { auc: 0.912, brier_score: 0.068 },
      parameters: { max_depth: '6', eta: '0.1' },
    });
    expect(requests.at(-1)!.headers.get('authorization')).toBe('Bearer dapi-test');
  });

  it("says MLflow's own message when the run is missing, and never calls a server that is not configured", async () => {
    const seen = requests.length;
    await expect(action.handler(actionContext({ runUrl: 'https://mlflow.acme.example/#/experiments/12/runs/0000' }) as never)).rejects.toThrow(
      "MLflow answered 404 for run 0000: Run '0000' not found.",
    );
    await expect(action.handler(actionContext({ runUrl: `https://evil.example/#/experiments/1/runs/${RUN_ID}` }) as never)).rejects.toThrow(
      'https://evil.example is not an MLflow server of models.mlflow.servers',
    );
    await expect(action.handler(actionContext({ runUrl: 'https://mlflow.acme.example/#/experiments/12' }) as never)).rejects.toThrow('is not a link to an MLflow run');
    const unconfigured = createMlflowRunAction({ config: config([]) });
    await expect(unconfigured.handler(actionContext({ runUrl: `runs:/${RUN_ID}/model` }) as never)).rejects.toThrow('names no server; configure exactly one in models.mlflow.servers');
    expect(requests.length).toBe(seen + 1);
  });
});
