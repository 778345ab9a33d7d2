import { mockServices } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { actionContext } from '../__testUtils__/actionContext';
import { http, HttpResponse } from 'msw';
import { MLFLOW_TOKEN, MLFLOW_URL, mlflowRunsGet, RUN_ID, runAnswer } from '../__testUtils__/mlflowApi';
import { createMlflowRunAction } from './mlflowRun';

const requests: Request[] = [];
const mlflow = setupServer(mlflowRunsGet(requests));

const config = (servers: object[]) => mockServices.rootConfig({ data: { models: { mlflow: { servers } } } });
const action = createMlflowRunAction({ config: config([{ url: `${MLFLOW_URL}/`, token: MLFLOW_TOKEN }]) });

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
    await expect(action.handler(actionContext({ runUrl: `mlflow/runs/${RUN_ID}` }) as never)).rejects.toThrow(`mlflow/runs/${RUN_ID} is not an MLflow server of models.mlflow.servers`);
    const unconfigured = createMlflowRunAction({ config: config([]) });
    await expect(unconfigured.handler(actionContext({ runUrl: `runs:/${RUN_ID}/model` }) as never)).rejects.toThrow('names no server; configure exactly one in models.mlflow.servers');
    expect(requests.length).toBe(seen + 1);
  });

  it('leaves out metrics MLflow writes as NaN or an infinity, and says so', async () => {
    mlflow.use(
      http.get(`${MLFLOW_URL}/api/2.0/mlflow/runs/get`, () =>
        HttpResponse.json({ run: { ...runAnswer.run, data: { ...runAnswer.run.data, metrics: [...runAnswer.run.data.metrics, { key: 'val_loss', value: 'NaN', timestamp: 1, step: 0 }] } } }),
      ),
    );
    const ctx = actionContext({ runUrl: `runs:/${RUN_ID}/model` });
    const warn = jest.spyOn(ctx.logger, 'warn');
    await action.handler(ctx as never);
    expect(ctx.outputs().metrics).toEqual({ auc: 0.912, brier_score: 0.068 });
    expect(warn).toHaveBeenCalledWith(`MLflow run ${RUN_ID}: left out metrics that are not numbers: val_loss (NaN)`);
  });
});
