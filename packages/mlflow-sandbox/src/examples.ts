import type { RegistryState } from './sandboxRegistry';
import type { KubeflowArtifact, KubeflowMetadataValue, KubeflowModelVersion, MlflowModelVersion, MlflowRun, UcModelVersion } from './wire';

/**
 * The demo's outside registries: an MLflow tracking server and a Databricks workspace (Unity Catalog and Model
 * Serving) of the example bank's risk team (examples/models.yaml: payments-risk, owned by risk-ml). Each shows one
 * thing the import does:
 * - MLflow `fraud-detector`: `champion` on version 2 while the newest READY version is 3 (and `challenger` on 3),
 *   so that the promotion Modelport decides (3 to prod) and the registry's alias disagree: an alias finding;
 *   version 4 failed to register and is kept with its status, never offered for promotion.
 * - MLflow `credit-default-scorer`: `champion` on the newest version; version 2 links its run (`run_link`).
 * - MLflow `aml-transaction-screener`: no owner tag (its owner is the instance's default); version 2 is still
 *   PENDING_REGISTRATION.
 * - Unity Catalog `acme.risk.card_fraud_scorer`: served by `card-fraud-scorer-prod` (90% version 2, 10% version 3)
 *   and `card-fraud-scorer-staging` (version 3, its configuration being updated); `playground-llm` is served too
 *   but stands for no environment.
 * - Kubeflow `transaction-anomaly`: v1 and v2 LIVE with their model artifacts (v2 also has a model card, a
 *   doc-artifact), v3 archived, v4 registered but its model artifact not yet attached; its owner and system are
 *   custom properties, next to a label (an empty string) and a number.
 * - Kubeflow `merchant-risk-scorer`: no owner property; its one version's artifact upload was abandoned.
 * - Kubeflow `kyc-document-classifier`: archived with its version.
 */

const at = Date.UTC(2026, 10, 30, 9);
const DAY = 86_400_000;
const ago = (days: number) => at - days * DAY;

const run = (runId: string, experimentId: string, days: number, metrics: Record<string, number>, params: Record<string, string>): MlflowRun => ({
  info: { run_id: runId, run_uuid: runId, run_name: `train-${runId.slice(0, 6)}`, experiment_id: experimentId, user_id: 'amara.okafor@acme.example', status: 'FINISHED', start_time: ago(days) - 5_400_000, end_time: ago(days), artifact_uri: `s3://acme-mlflow/${experimentId}/${runId}/artifacts`, lifecycle_stage: 'active' },
  data: {
    metrics: Object.entries(metrics).flatMap(([key, value]) => [
      // An earlier value per key, as a training loop logs them: the last one counts.
      { key, value: Math.round(value * 900) / 1000, timestamp: ago(days) - 3_600_000, step: 0 },
      { key, value, timestamp: ago(days), step: 1 },
    ]),
    params: Object.entries(params).map(([key, value]) => ({ key, value })),
    tags: [{ key: 'mlflow.user', value: 'amara.okafor@acme.example' }],
  },
});

const mlflowVersion = (name: string, version: number, days: number, extra: Partial<MlflowModelVersion> = {}): MlflowModelVersion => ({
  name,
  version: String(version),
  creation_timestamp: ago(days),
  last_updated_timestamp: ago(days),
  user_id: 'amara.okafor@acme.example',
  current_stage: 'None',
  source: `s3://acme-mlflow/models/${name}/${version}`,
  status: 'READY',
  tags: [],
  ...extra,
});

const ucVersion = (model: string, version: number, days: number, extra: Partial<UcModelVersion> = {}): UcModelVersion => ({
  model_name: model,
  catalog_name: 'acme',
  schema_name: 'risk',
  version,
  source: `dbfs:/databricks/mlflow-tracking/31/uc${model.slice(0, 4)}${version}/artifacts/model`,
  status: 'READY',
  storage_location: `s3://acme-uc/risk/${model}/versions/${version}`,
  created_at: ago(days),
  created_by: 'chen.wei@acme.example',
  updated_at: ago(days),
  updated_by: 'chen.wei@acme.example',
  ...extra,
});

const text = (value: string): KubeflowMetadataValue => ({ metadataType: 'MetadataStringValue', string_value: value });
const times = (days: number) => ({ createTimeSinceEpoch: String(ago(days)), lastUpdateTimeSinceEpoch: String(ago(days)) });
const kfVersion = (id: string, registeredModelId: string, name: string, days: number, extra: Partial<KubeflowModelVersion> = {}): KubeflowModelVersion => ({
  id,
  name,
  registeredModelId,
  state: 'LIVE',
  author: 'priya.nair@acme.example',
  ...times(days),
  ...extra,
});
const kfArtifact = (id: string, modelVersionId: string, uri: string, days: number, extra: Partial<KubeflowArtifact> = {}): KubeflowArtifact => ({
  id,
  modelVersionId,
  artifactType: 'model-artifact',
  uri,
  state: 'LIVE',
  modelFormatName: 'onnx',
  modelFormatVersion: '1',
  ...times(days),
  ...extra,
});

export const exampleRegistry: RegistryState = {
  token: 'sandbox-mlflow',
  mlflow: {
    models: [
      {
        name: 'fraud-detector',
        creation_timestamp: ago(60),
        last_updated_timestamp: ago(3),
        description: 'Scores card transactions for fraud in real time',
        tags: [
          { key: 'owner', value: 'group:default/risk-ml' },
          { key: 'system', value: 'payments-risk' },
        ],
        aliases: [
          { alias: 'champion', version: '2' },
          { alias: 'challenger', version: '3' },
        ],
      },
      {
        name: 'credit-default-scorer',
        creation_timestamp: ago(120),
        last_updated_timestamp: ago(20),
        description: 'Probability of default for retail credit applications',
        tags: [{ key: 'owner', value: 'group:default/risk-ml' }],
        aliases: [{ alias: 'champion', version: '2' }],
      },
      {
        name: 'aml-transaction-screener',
        creation_timestamp: ago(30),
        last_updated_timestamp: ago(1),
        description: 'Ranks transactions for anti-money-laundering review',
        tags: [],
        aliases: [],
      },
    ],
    versions: [
      mlflowVersion('fraud-detector', 1, 55, { run_id: 'fd01a7c3', description: 'LightGBM on the 2025 fraud mix' }),
      mlflowVersion('fraud-detector', 2, 40, { run_id: 'fd02b8d4', tags: [{ key: 'validation', value: 'MRM-2026-131' }] }),
      mlflowVersion('fraud-detector', 3, 10, { run_id: 'fd03c9e5', description: 'Retrained with prepaid card features' }),
      mlflowVersion('fraud-detector', 4, 3, {
        status: 'FAILED_REGISTRATION',
        status_message: 'Artifact upload to s3://acme-mlflow/models/fraud-detector/4 failed: AccessDenied',
      }),
      mlflowVersion('credit-default-scorer', 1, 115, { run_id: 'cd01e1f2' }),
      mlflowVersion('credit-default-scorer', 2, 20, { run_id: 'cd02f2a3', run_link: 'https://mlflow.acme.example/#/experiments/9/runs/cd02f2a3' }),
      mlflowVersion('aml-transaction-screener', 1, 25, { run_id: 'am01a4b5' }),
      mlflowVersion('aml-transaction-screener', 2, 1, { status: 'PENDING_REGISTRATION' }),
    ],
    runs: [
      run('fd01a7c3', '7', 55, { recall_at_0_1pct_fpr: 0.74, auc_pr: 0.6 }, { num_leaves: '63', learning_rate: '0.05' }),
      run('fd02b8d4', '7', 40, { recall_at_0_1pct_fpr: 0.76, auc_pr: 0.61 }, { num_leaves: '63', learning_rate: '0.04' }),
      run('fd03c9e5', '7', 10, { recall_at_0_1pct_fpr: 0.78, auc_pr: 0.64 }, { num_leaves: '127', learning_rate: '0.04' }),
      run('cd01e1f2', '9', 115, { gini: 0.55, ks_statistic: 0.41, adverse_impact_ratio: 0.83 }, { C: '0.5', penalty: 'l2' }),
      run('cd02f2a3', '9', 20, { gini: 0.58, ks_statistic: 0.44, adverse_impact_ratio: 0.86 }, { C: '0.3', penalty: 'l2' }),
      run('am01a4b5', '11', 25, { precision_at_100: 0.31 }, { max_depth: '8' }),
      run('ucca0001', '31', 50, { auc: 0.93 }, { max_depth: '6' }),
      run('ucca0002', '31', 21, { auc: 0.94 }, { max_depth: '7' }),
      run('ucca0003', '31', 6, { auc: 0.95 }, { max_depth: '7' }),
    ],
  },
  unityCatalog: {
    models: [
      {
        name: 'card_fraud_scorer',
        catalog_name: 'acme',
        schema_name: 'risk',
        full_name: 'acme.risk.card_fraud_scorer',
        owner: 'risk-ml',
        comment: 'Card-not-present fraud scores for the payment gateway',
        storage_location: 's3://acme-uc/risk/card_fraud_scorer',
        created_at: ago(52),
        created_by: 'chen.wei@acme.example',
        updated_at: ago(6),
        updated_by: 'chen.wei@acme.example',
        aliases: [{ alias_name: 'champion', version_num: 2 }],
      },
      {
        name: 'aml_alert_ranker',
        catalog_name: 'acme',
        schema_name: 'risk',
        full_name: 'acme.risk.aml_alert_ranker',
        owner: 'risk-ml',
        comment: 'Orders AML alerts for the investigators queue',
        created_at: ago(33),
        updated_at: ago(33),
        aliases: [],
      },
    ],
    versions: [
      ucVersion('card_fraud_scorer', 1, 50, { run_id: 'ucca0001', run_workspace_id: 6051921418418893 }),
      ucVersion('card_fraud_scorer', 2, 21, { run_id: 'ucca0002', run_workspace_id: 6051921418418893, comment: 'Champion since the October release' }),
      ucVersion('card_fraud_scorer', 3, 6, { run_id: 'ucca0003', run_workspace_id: 6051921418418893 }),
      ucVersion('aml_alert_ranker', 1, 33),
    ],
  },
  servingEndpoints: [
    {
      name: 'card-fraud-scorer-prod',
      id: '5a1c7e0b2f3d4c19a8e6b7d0c1f2e3a4',
      creator: 'chen.wei@acme.example',
      creation_timestamp: ago(21),
      last_updated_timestamp: ago(5),
      state: { ready: 'READY', config_update: 'NOT_UPDATING' },
      config: {
        config_version: 4,
        served_entities: [
          { name: 'card_fraud_scorer-2', entity_name: 'acme.risk.card_fraud_scorer', entity_version: '2', workload_size: 'Small', scale_to_zero_enabled: false },
          { name: 'card_fraud_scorer-3', entity_name: 'acme.risk.card_fraud_scorer', entity_version: '3', workload_size: 'Small', scale_to_zero_enabled: false },
        ],
        traffic_config: {
          routes: [
            { served_model_name: 'card_fraud_scorer-2', traffic_percentage: 90 },
            { served_model_name: 'card_fraud_scorer-3', traffic_percentage: 10 },
          ],
        },
      },
    },
    {
      name: 'card-fraud-scorer-staging',
      id: '6b2d8f1c3a4e5d20b9f7c8e1d2a3f4b5',
      creator: 'chen.wei@acme.example',
      creation_timestamp: ago(30),
      last_updated_timestamp: ago(1),
      state: { ready: 'READY', config_update: 'IN_PROGRESS' },
      config: {
        config_version: 7,
        served_entities: [{ name: 'card_fraud_scorer-3', entity_name: 'acme.risk.card_fraud_scorer', entity_version: '3', workload_size: 'Small', scale_to_zero_enabled: true }],
        traffic_config: { routes: [{ served_model_name: 'card_fraud_scorer-3', traffic_percentage: 100 }] },
      },
    },
    {
      name: 'playground-llm',
      creator: 'tom.becker@acme.example',
      creation_timestamp: ago(90),
      state: { ready: 'NOT_READY', config_update: 'UPDATE_FAILED' },
      config: { served_entities: [{ name: 'llama-8b', entity_name: 'system.ai.meta_llama_v3_1_8b_instruct', entity_version: '2' }] },
    },
  ],
  kubeflow: {
    models: [
      {
        id: '1',
        name: 'transaction-anomaly',
        description: 'Flags unusual transaction sequences per account',
        owner: 'priya.nair@acme.example',
        state: 'LIVE',
        customProperties: {
          owner: text('group:default/risk-ml'),
          system: text('payments-risk'),
          streaming: text(''),
          baseline_auc: { metadataType: 'MetadataDoubleValue', double_value: 0.91 },
        },
        createTimeSinceEpoch: String(ago(45)),
        lastUpdateTimeSinceEpoch: String(ago(30)),
      },
      { id: '2', name: 'kyc-document-classifier', description: 'Replaced by the vendor service', state: 'ARCHIVED', ...times(90) },
      { id: '8', name: 'merchant-risk-scorer', state: 'LIVE', ...times(12) },
    ],
    versions: [
      kfVersion('3', '1', 'v1', 44, { description: 'Isolation forest on 90 days of history' }),
      kfVersion('4', '1', 'v2', 15, { customProperties: { validation: text('MRM-2026-140'), epochs: { metadataType: 'MetadataIntValue', int_value: '40' } } }),
      kfVersion('5', '1', 'v3', 9, { state: 'ARCHIVED' }),
      kfVersion('6', '1', 'v4', 2),
      kfVersion('7', '2', 'v1', 90),
      kfVersion('9', '8', '1.0.0', 12),
    ],
    artifacts: [
      kfArtifact('1', '3', 's3://acme-kubeflow/transaction-anomaly/v1/model.onnx', 44),
      kfArtifact('2', '4', 's3://acme-kubeflow/transaction-anomaly/v2/model.onnx', 15),
      { id: '3', modelVersionId: '4', artifactType: 'doc-artifact', name: 'model-card', uri: 's3://acme-kubeflow/transaction-anomaly/v2/card.md', state: 'LIVE', ...times(15) },
      kfArtifact('4', '5', 's3://acme-kubeflow/transaction-anomaly/v3/model.onnx', 9),
      kfArtifact('5', '7', 's3://acme-kubeflow/kyc-document-classifier/v1', 90, { modelFormatName: 'pytorch' }),
      kfArtifact('6', '9', 's3://acme-kubeflow/merchant-risk-scorer/1.0.0', 12, { state: 'ABANDONED', modelFormatName: 'xgboost' }),
    ],
  },
};
