export interface Config {
  models?: {
    /**
     * Outside model registries whose registered models and versions Modelport imports: MLflow tracking servers
     * (flavour `mlflow`), Databricks workspaces' Unity Catalog (flavour `unity-catalog`, with Model Serving) and
     * Kubeflow Model Registries (flavour `kubeflow`, read only).
     */
    registries?: Array<{
      /** Unique; names the instance in imported models' links, logs and errors. */
      name: string;
      flavour: 'mlflow' | 'unity-catalog' | 'kubeflow';
      /**
       * Base URL: the MLflow tracking server, the Databricks workspace (https://adb-....azuredatabricks.net), or the
       * Kubeflow Model Registry's REST service (the part before /api/model_registry/v1alpha3).
       */
      url: string;
      /**
       * Sent as `Authorization: Bearer <token>`; take it from the environment, e.g. ${DATABRICKS_TOKEN}.
       * @visibility secret
       */
      token?: string;
      /**
       * Headers sent with every request instead of, or besides, the token (e.g. basic auth of an MLflow server).
       * @visibility secret
       */
      headers?: { [name: string]: string };
      /** How long one request may take, in milliseconds. Default 30000. */
      timeoutMs?: number;
      /** The catalog namespace of the Model entities offered for this instance's models. Default: the name. */
      namespace?: string;
      /** Who owns an imported model: the value of its `tag` when it has it, else `default` (an entity ref). */
      owner: { tag?: string; default: string };
      /**
       * The registry's aliases that stand for Modelport environments, e.g. { champion: prod, challenger: staging }.
       * Not for kubeflow, which has no aliases.
       */
      aliases?: { [alias: string]: string };
      /** Whether Modelport moves the mapped alias after a promotion or rollback. Default false; never for kubeflow. */
      writeBack?: boolean;
      /** MLflow only: a search filter of registered models, e.g. "tags.`modelport` = 'true'". Default: every model. */
      filter?: string;
      /** Unity Catalog only, required there: the catalog whose models are imported. */
      catalogName?: string;
      /** Unity Catalog only, required there: the schema whose models are imported. */
      schemaName?: string;
      /**
       * Unity Catalog only: the Databricks serving endpoints that stand for environments, by exact name or a glob
       * with `*`, e.g. { card-fraud-scorer-prod: prod, '*-staging': staging }. Endpoints that match none are not read.
       */
      servingEnvironments?: { [endpoint: string]: string };
    }>;
  };
}
