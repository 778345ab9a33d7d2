import type { RegistryState } from './sandboxRegistry';

const DAY = 86_400_000;

/**
 * A registry of `models` models with `versions` versions each, in every flavour: MLflow models `model-00001`, ...,
 * Unity Catalog models `bench.models.model_00001`, ... (with a run per MLflow version), and Kubeflow models
 * `model-00001`, ... (versions `v1`, `v2`, ..., each with one model artifact), for benchmarks and paging tests.
 * Every version is READY (LIVE, for Kubeflow); the newest MLflow and Unity Catalog one carries the alias `champion`.
 */
export function generatedRegistry(options: { models: number; versions: number; token?: string; at?: number }): RegistryState {
  const at = options.at ?? Date.UTC(2026, 10, 30, 9);
  const pad = (i: number) => String(i + 1).padStart(5, '0');
  const state: RegistryState = {
    token: options.token ?? 'sandbox-bench',
    mlflow: { models: [], versions: [], runs: [] },
    unityCatalog: { models: [], versions: [] },
    servingEndpoints: [],
    kubeflow: { models: [], versions: [], artifacts: [] },
  };
  // Kubeflow's models and versions share one id space (both are ML Metadata contexts); artifacts have their own.
  let kubeflowId = options.models;
  for (let i = 0; i < options.models; i++) {
    const name = `model-${pad(i)}`;
    const ucName = `model_${pad(i)}`;
    const created = at - 400 * DAY + i * 1000;
    state.mlflow.models.push({
      name,
      creation_timestamp: created,
      last_updated_timestamp: created + options.versions * DAY,
      description: `Benchmark model ${i + 1}`,
      tags: [{ key: 'team', value: `team-${i % 10}` }],
      aliases: options.versions ? [{ alias: 'champion', version: String(options.versions) }] : [],
    });
    state.unityCatalog.models.push({
      name: ucName,
      catalog_name: 'bench',
      schema_name: 'models',
      full_name: `bench.models.${ucName}`,
      owner: `team-${i % 10}@bench.example`,
      created_at: created,
      updated_at: created + options.versions * DAY,
      storage_location: `s3://bench/models/${ucName}`,
      aliases: options.versions ? [{ alias_name: 'champion', version_num: options.versions }] : [],
    });
    const kubeflowModel = String(i + 1);
    state.kubeflow.models.push({
      id: kubeflowModel,
      name,
      description: `Benchmark model ${i + 1}`,
      state: 'LIVE',
      customProperties: { team: { metadataType: 'MetadataStringValue', string_value: `team-${i % 10}` } },
      createTimeSinceEpoch: String(created),
      lastUpdateTimeSinceEpoch: String(created),
    });
    for (let v = 1; v <= options.versions; v++) {
      const runId = `run${pad(i)}v${v}`;
      state.mlflow.versions.push({
        name,
        version: String(v),
        creation_timestamp: created + v * DAY,
        last_updated_timestamp: created + v * DAY,
        source: `mlflow-artifacts:/1/${runId}/artifacts/model`,
        run_id: runId,
        status: 'READY',
        tags: [],
      });
      state.mlflow.runs.push({
        info: { run_id: runId, run_uuid: runId, experiment_id: '1', status: 'FINISHED', start_time: created + v * DAY - 3_600_000, end_time: created + v * DAY },
        data: {
          metrics: [
            { key: 'auc', value: 0.8, timestamp: created, step: 0 },
            { key: 'auc', value: 0.8 + v / 1000, timestamp: created + 1, step: 1 },
          ],
          params: [{ key: 'max_depth', value: String(4 + (v % 4)) }],
        },
      });
      state.unityCatalog.versions.push({
        model_name: ucName,
        catalog_name: 'bench',
        schema_name: 'models',
        version: v,
        source: `dbfs:/databricks/mlflow-tracking/1/${runId}/artifacts/model`,
        run_id: runId,
        status: 'READY',
        storage_location: `s3://bench/models/${ucName}/versions/${v}`,
        created_at: created + v * DAY,
        updated_at: created + v * DAY,
      });
      const versionId = String(++kubeflowId);
      state.kubeflow.versions.push({
        id: versionId,
        name: `v${v}`,
        registeredModelId: kubeflowModel,
        state: 'LIVE',
        author: `team-${i % 10}`,
        createTimeSinceEpoch: String(created + v * DAY),
        lastUpdateTimeSinceEpoch: String(created + v * DAY),
      });
      state.kubeflow.artifacts.push({
        id: String(state.kubeflow.artifacts.length + 1),
        modelVersionId: versionId,
        artifactType: 'model-artifact',
        name,
        uri: `s3://bench/kubeflow/${name}/v${v}`,
        state: 'LIVE',
        modelFormatName: 'onnx',
        modelFormatVersion: '1',
        createTimeSinceEpoch: String(created + v * DAY),
        lastUpdateTimeSinceEpoch: String(created + v * DAY),
      });
    }
  }
  return state;
}
