export interface Config {
  models?: {
    mlflow?: {
      /**
       * MLflow tracking servers whose runs the "Register an existing model" template may read (through MLflow's
       * REST API, `GET /api/2.0/mlflow/runs/get`). A run link on any other host is refused.
       */
      servers?: Array<{
        /** Base URL of the server, as its run links start, e.g. https://mlflow.acme.example or a Databricks workspace. */
        url: string;
        /**
         * A bearer token (Databricks personal access or service principal token).
         * @visibility secret
         */
        token?: string;
        /** Basic authentication of an MLflow server with auth enabled. */
        username?: string;
        /** @visibility secret */
        password?: string;
      }>;
    };
  };
}
