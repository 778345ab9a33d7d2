export interface Config {
  models?: {
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
