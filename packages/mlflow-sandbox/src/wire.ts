/**
 * The objects as MLflow's and Databricks' REST APIs write them (snake_case, timestamps in milliseconds), so that the
 * sandbox's state is what a client reads, field for field.
 */

export type VersionStatus = 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY';

/** MLflow's RegisteredModel, without `latest_versions`, which the server derives from the versions. */
export type MlflowRegisteredModel = {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description?: string;
  user_id?: string;
  tags?: Array<{ key: string; value: string }>;
  aliases?: Array<{ alias: string; version: string }>;
};

/** MLflow's ModelVersion, without `aliases`, which the server derives from its model's. */
export type MlflowModelVersion = {
  name: string;
  version: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description?: string;
  user_id?: string;
  current_stage?: string;
  source: string;
  run_id?: string;
  run_link?: string;
  status: VersionStatus;
  status_message?: string;
  tags?: Array<{ key: string; value: string }>;
};

export type MlflowRun = {
  info: {
    run_id: string;
    run_uuid?: string;
    run_name?: string;
    experiment_id: string;
    user_id?: string;
    status?: 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
    start_time?: number;
    end_time?: number;
    artifact_uri?: string;
    lifecycle_stage?: string;
  };
  data: {
    metrics?: Array<{ key: string; value: number; timestamp: number; step: number }>;
    params?: Array<{ key: string; value: string }>;
    tags?: Array<{ key: string; value: string }>;
  };
};

/** MLflow's Experiment (service.proto); runs name theirs by `experiment_id`. */
export type MlflowExperiment = {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage: 'active' | 'deleted';
  creation_time?: number;
  last_update_time?: number;
  tags?: Array<{ key: string; value: string }>;
};

/** Unity Catalog's RegisteredModelInfo. */
export type UcRegisteredModel = {
  name: string;
  catalog_name: string;
  schema_name: string;
  full_name: string;
  owner?: string;
  comment?: string;
  storage_location?: string;
  created_at: number;
  created_by?: string;
  updated_at: number;
  updated_by?: string;
  aliases?: Array<{ alias_name: string; version_num: number }>;
};

/** Unity Catalog's ModelVersionInfo. */
export type UcModelVersion = {
  model_name: string;
  catalog_name: string;
  schema_name: string;
  version: number;
  source: string;
  run_id?: string;
  run_workspace_id?: number;
  status: VersionStatus;
  storage_location?: string;
  comment?: string;
  created_at: number;
  created_by?: string;
  updated_at: number;
  updated_by?: string;
};

/**
 * Databricks Model Serving's ServingEndpointDetailed (GET /api/2.0/serving-endpoints/{name}); the list answers
 * the summary of each, without the traffic configuration, as Databricks does.
 */
export type ServingEndpoint = {
  name: string;
  id?: string;
  creator?: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  state: {
    ready: 'READY' | 'NOT_READY';
    config_update: 'NOT_UPDATING' | 'IN_PROGRESS' | 'UPDATE_FAILED' | 'UPDATE_CANCELED';
  };
  config: {
    served_entities: Array<{ name: string; entity_name: string; entity_version: string; workload_size?: string; scale_to_zero_enabled?: boolean }>;
    traffic_config?: { routes: Array<{ served_model_name?: string; served_entity_name?: string; traffic_percentage: number }> };
    config_version?: number;
  };
};

/**
 * Kubeflow Model Registry's MetadataValue (api/openapi/src/lib/common.yaml of kubeflow/model-registry): a typed
 * value of `customProperties`; int values are strings of digits, struct and proto values base64.
 */
export type KubeflowMetadataValue =
  | { metadataType: 'MetadataStringValue'; string_value: string }
  | { metadataType: 'MetadataIntValue'; int_value: string }
  | { metadataType: 'MetadataDoubleValue'; double_value: number }
  | { metadataType: 'MetadataBoolValue'; bool_value: boolean }
  | { metadataType: 'MetadataStructValue'; struct_value: string };

/** Kubeflow Model Registry's RegisteredModel (v1alpha3): ids and times since epoch are strings of digits. */
export type KubeflowRegisteredModel = {
  id: string;
  name: string;
  description?: string;
  /** Free text, often the dashboard user who registered it; not an entity ref. */
  owner?: string;
  state: 'LIVE' | 'ARCHIVED';
  customProperties?: Record<string, KubeflowMetadataValue>;
  createTimeSinceEpoch: string;
  lastUpdateTimeSinceEpoch: string;
};

/** Kubeflow Model Registry's ModelVersion (v1alpha3). */
export type KubeflowModelVersion = {
  id: string;
  name: string;
  registeredModelId: string;
  state: 'LIVE' | 'ARCHIVED';
  description?: string;
  author?: string;
  customProperties?: Record<string, KubeflowMetadataValue>;
  createTimeSinceEpoch: string;
  lastUpdateTimeSinceEpoch: string;
};

/**
 * Kubeflow Model Registry's Artifact (a ModelArtifact, or another type such as doc-artifact), with
 * `modelVersionId`: the sandbox's own link to the version it belongs to, never answered (the API links them by
 * the path `model_versions/{id}/artifacts`).
 */
export type KubeflowArtifact = {
  id: string;
  modelVersionId: string;
  artifactType: 'model-artifact' | 'doc-artifact';
  name?: string;
  uri?: string;
  state?: 'UNKNOWN' | 'PENDING' | 'LIVE' | 'MARKED_FOR_DELETION' | 'DELETED' | 'ABANDONED' | 'REFERENCE';
  modelFormatName?: string;
  modelFormatVersion?: string;
  customProperties?: Record<string, KubeflowMetadataValue>;
  createTimeSinceEpoch: string;
  lastUpdateTimeSinceEpoch: string;
};
