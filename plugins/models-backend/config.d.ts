export interface Config {
  models?: {
    observability?: {
      /**
       * The serving stack whose request metrics SLOs read, for models without a `modelport.io/metrics-source`
       * annotation: `kserve` (the default; Knative queue-proxy metrics), `seldon` (Seldon Core 2) or `modelport` (the
       * model server's own request metrics, as the paved road's model service exports them; see docs/metrics.md).
       */
      metricsSource?: 'kserve' | 'seldon' | 'modelport';
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
    /**
     * Which clusters of the `kubernetes` block (Backstage's Kubernetes plugin, any cluster locator and auth
     * provider it reads) serve which registry environment. Without any, the Serving card says it is not configured.
     */
    /** The models explorer (/models): an index of every Model kept in the plugin's database. */
    explorer?: {
      /**
       * Seconds between two catch-ups of the index with the catalog (default 60). Registry changes and each
       * observability or serving cycle catch up at once; Models added or edited in the catalog show within this.
       */
      intervalSeconds?: number;
    };
    /**
     * The import of outside model registries (MLflow, Unity Catalog), whose connectors backend modules add: their
     * models become Model entities (catalog.providers.modelportRegistries) and their READY versions are registered.
     */
    registrySync?: {
      /** How often every connected registry is read, e.g. { minutes: 10 } (the default); it is also read at start. */
      frequency?: { [unit: string]: number } | string;
    };
    serving?: {
      clusters?: Array<{
        /** The cluster's name in the `kubernetes` block. */
        name: string;
        /** The registry environment its models serve, e.g. prod. */
        environment: string;
        /** The namespaces to list; by default the whole cluster. */
        namespaces?: string[];
      }>;
      /**
       * How long one cluster may take to answer a cycle's lists, e.g. { seconds: 10 } (the default); also how long a
       * registry connector's serving endpoints (models.registries[].servingEnvironments) may take to be read.
       */
      timeout?: { [unit: string]: number } | string;
      /** How often the clusters, and the registries' serving endpoints, are read, e.g. { minutes: 1 } (the default). */
      interval?: { [unit: string]: number } | string;
      /** Objects per list page; the rest come with continue tokens. Default 500. */
      pageSize?: number;
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
    /** Governance: periodic model reviews. */
    governance?: {
      reviews?: {
        /**
         * Months between reviews per model card risk level; a level left out (or 0) needs no periodic review.
         * Default: { critical: 6, high: 12, medium: 24 }.
         */
        cycleMonths?: { low?: number; medium?: number; high?: number; critical?: number };
        /** The risk levels whose reviewer must be outside the groups that own the model. Default: [critical, high]. */
        independent?: Array<'low' | 'medium' | 'high' | 'critical'>;
        /** How a model whose card declares no risk level is reviewed. Default: medium. */
        unclassifiedAs?: 'low' | 'medium' | 'high' | 'critical';
        /** A review due within this many days is `upcoming`. Default 30. */
        upcomingDays?: number;
      };
    };
  };
}
