import { http, HttpResponse } from 'msw';

/** The tracking server of the tests, as `models.mlflow.servers` names it, and the token it accepts. */
export const MLFLOW_URL = 'https://mlflow.acme.example';
export const MLFLOW_TOKEN = 'dapi-test';
export const RUN_ID = '5f1c0c8e2a0b4f52a0f3d7d1c9a4e6b2';

/** MLflow's `runs/get` answer (REST API 2.0, mlflow/protos/service.proto) for a run that logged an xgboost model. */
export const runAnswer = {
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

/**
 * MLflow's `GET /api/2.0/mlflow/runs/get` with its error shapes (`error_code`, `message`): 401 without the token,
 * 404 for another run. Every request it sees goes into `requests`.
 */
export function mlflowRunsGet(requests: Request[] = []) {
  return http.get(`${MLFLOW_URL}/api/2.0/mlflow/runs/get`, ({ request }) => {
    requests.push(request);
    if (request.headers.get('authorization') !== `Bearer ${MLFLOW_TOKEN}`) return HttpResponse.json({ error_code: 'UNAUTHENTICATED', message: 'Credential was not sent' }, { status: 401 });
    const runId = new URL(request.url).searchParams.get('run_id');
    if (runId !== RUN_ID) return HttpResponse.json({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run '${runId}' not found.` }, { status: 404 });
    return HttpResponse.json(runAnswer);
  });
}
