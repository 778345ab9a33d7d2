import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * Where a version stands in the outside registry; only READY versions are imported.
 *
 * @public
 */
export type ExternalVersionStatus = 'READY' | 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION';

/**
 * A registered model as an outside registry (MLflow, Databricks Unity Catalog, Kubeflow, ...) holds it, in
 * Modelport's words.
 *
 * @public
 */
export type ExternalRegisteredModel = {
  /** The registry's own name: MLflow's `name`, Unity Catalog's `full_name` (catalog.schema.model). */
  name: string;
  description?: string;
  tags: Record<string, string>;
  /** Alias name to version, as the registry has them now. */
  aliases: Record<string, string>;
  /** When the registry last changed the model or any of its versions (ISO 8601), when it says. */
  updatedAt?: string;
  /** The model's page in the registry's own UI, when known. */
  url?: string;
};

/**
 * A version of an outside registered model.
 *
 * @public
 */
export type ExternalModelVersion = {
  modelName: string;
  version: string;
  status: ExternalVersionStatus;
  /** The artifact's location (MLflow's `source`, Unity Catalog's `storage_location`). */
  source: string;
  runId?: string;
  /** A link to the run that produced the version, when the registry has one. */
  runUrl?: string;
  description?: string;
  tags: Record<string, string>;
  createdAt?: string;
};

/**
 * What a run recorded, imported with a version.
 *
 * @public
 */
export type ExternalRunData = {
  metrics: Record<string, number>;
  params: Record<string, string>;
  /** The run's page in the registry's UI, when the run says enough to build it (MLflow needs its experiment). */
  runUrl?: string;
};

/**
 * A serving endpoint of an outside platform (Databricks Model Serving) and the registered model versions it serves.
 *
 * @public
 */
export type ExternalServingEndpoint = {
  name: string;
  /** Whether the endpoint answers: READY or NOT_READY, and whether a configuration update is under way. */
  ready: boolean;
  updating: boolean;
  /** Each served entity: the registered model, its version, and the share of traffic routed to it (0 to 100). */
  served: Array<{ name: string; modelName: string; version: string; trafficPercent: number }>;
  url?: string;
};

/**
 * One configured instance of an outside model registry, in one flavour (MLflow, Unity Catalog, ...).
 * The models backend imports through it; Modelport stays where promotions are decided.
 *
 * @public
 */
export interface ModelRegistryConnector {
  /** The instance's configured name, unique across connectors; part of every imported model's link. */
  readonly name: string;
  /** `mlflow`, `unity-catalog`, `kubeflow`, ...: shown to people and kept in the audit trail. */
  readonly flavour: string;
  /** The registry's aliases that stand for Modelport environments (alias name to environment name). */
  readonly aliasEnvironments: Record<string, string>;
  /** Whether Modelport moves the mapped alias after a promotion or rollback. */
  readonly writeBack: boolean;
  /** The owner of an imported model: the value of the `tag` when the model has it, else `default` (an entity ref). */
  readonly owner: { tag?: string; default: string };
  /** The catalog namespace of the Model entities offered for this instance's models. */
  readonly namespace: string;
  /** Every registered model, a page at a time, in the registry's own pages. */
  registeredModels(): AsyncIterable<ExternalRegisteredModel[]>;
  /**
   * The versions of these models, a page at a time. A registry that can search versions across models should
   * do so in few calls rather than one call per model.
   */
  modelVersions(models: ExternalRegisteredModel[]): AsyncIterable<ExternalModelVersion[]>;
  /** What the version's run recorded; absent when the registry has no runs. */
  runData?(runId: string): Promise<ExternalRunData | undefined>;
  /**
   * What each of these runs recorded, read in few calls rather than one per run; the importer asks for the runs of
   * a page of versions (at most 1,000) at once, and prefers this to `runData` when both are there. A run absent from
   * the answer is gone (deleted, or unknown to the registry).
   */
  runsData?(runIds: string[]): Promise<Map<string, ExternalRunData>>;
  /** Points `alias` of the model at `version`. */
  setAlias(modelName: string, alias: string, version: string): Promise<void>;
  /** The platform's serving endpoints and the environment each stands for, when the platform serves models. */
  servingEndpoints?(): Promise<Array<ExternalServingEndpoint & { environment: string }>>;
}

/** @public */
export interface ModelsRegistryConnectorsExtensionPoint {
  addConnector(...connectors: ModelRegistryConnector[]): void;
}

/**
 * Lets backend modules connect outside model registries (MLflow, Unity Catalog, and later SageMaker, Vertex AI or
 * Azure ML) to the models plugin, whose importer brings their versions into the registry.
 *
 * @public
 */
export const modelsRegistryConnectorsExtensionPoint = createExtensionPoint<ModelsRegistryConnectorsExtensionPoint>({
  id: 'models.registry-connectors',
});
