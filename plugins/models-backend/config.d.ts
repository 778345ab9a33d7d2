export interface Config {
  models?: {
    observability?: {
      /**
       * The serving stack whose request metrics SLOs read, for models without a `modelport.io/metrics-source`
       * annotation: `kserve` (the default; Knative queue-proxy metrics) or `seldon` (Seldon Core 2).
       */
      metricsSource?: 'kserve' | 'seldon';
      /** How often SLOs and drift are evaluated for the whole fleet, e.g. { minutes: 5 } (the default). */
      interval?: { [unit: string]: number } | string;
    };
    /** The Prometheus servers that drift and SLO cards read. Without any, the cards say Prometheus is not configured. */
    prometheus?: {
      instances?: Array<{
        /** Named in a Model's `modelport.io/prometheus-instance` annotation; the first instance is the default. */
        name: string;
        /** Base URL of the Prometheus HTTP API (Prometheus, Thanos Query, Mimir, Cortex, VictoriaMetrics). */
        url: string;
        /**
         * Headers sent with every query, e.g. `Authorization: Bearer ...`, or `X-Scope-OrgID` for a tenant.
         * @visibility secret
         */
        headers?: { [name: string]: string };
        /** How long a query may take, e.g. { seconds: 10 } (the default) or an ISO 8601 duration. */
        timeout?: { [unit: string]: number } | string;
      }>;
    };
    registry?: {
      /** A YAML file of example history replayed into an empty registry at start, for demos. */
      seedFile?: string;
      /**
       * The environments a model version moves through, in promotion order. Defaults to dev (no approval),
       * staging (one approval from the model's owner group) and prod (two approvals from the owner group and a
       * complete model card).
       */
      environments?: Array<{
        name: string;
        policy?: {
          /** How many approvals are needed. 0 promotes as soon as the request passes the gates. */
          approvals?: number;
          /**
           * Who may approve: group or user entity refs, or `owner` for the model's owner. Default: [owner].
           */
          approvers?: string[];
          /** Whether the requester may approve their own request. Default false (separation of duties). */
          requesterMayApprove?: boolean;
          /**
           * Whether each approval must come from a different person. Default true. With false, one approver's
           * repeated approvals each count (for example a review and, later, a sign-off by the same risk officer).
           */
          distinctApprovers?: boolean;
          /** Gates that must pass, by type, with their own settings (e.g. { type: metric, metric: auc, min: 0.85 }). */
          qualityGates?: Array<{ type: string; [key: string]: unknown }>;
        };
      }>;
    };
  };
}
