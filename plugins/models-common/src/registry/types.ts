/** A registered version of a model. Immutable once registered, except for `description` and `tags`. */
export type ModelVersion = {
  /** Reference to the Model entity, e.g. `model:default/churn-classifier`. */
  modelRef: string;
  version: string;
  artifactUri: string;
  framework: string;
  metrics: Record<string, number>;
  parameters: Record<string, string>;
  /** Link to the run that produced the version, e.g. an MLflow run. */
  sourceRunUrl?: string;
  signature?: { inputs: SignatureField[]; outputs: SignatureField[] };
  /** Distributions of the features and the prediction on the evaluation data: a drift reference. */
  profile?: VersionProfile;
  description?: string;
  tags: string[];
  registeredBy: string;
  registeredAt: string;
};

export type SignatureField = { name: string; type: string };

/**
 * A baseline profile registered with a version: per monitored feature (or prediction), a histogram with the same
 * bucket bounds the service exports (`le`, cumulative counts, the last bound "+Inf") or counts per category.
 */
export type VersionProfile = {
  features: Record<string, { buckets: Array<{ le: number | '+Inf'; count: number }> } | { categories: Record<string, number> }>;
};

/** How a version got into an environment. */
export type AssignmentCause = 'promotion' | 'rollback' | 'break-glass-rollback';

export type EnvironmentAssignment = {
  environment: string;
  version: string;
  since: string;
  /** When a later assignment replaced this one; absent while it is current. */
  until?: string;
  by: string;
  cause: AssignmentCause;
  requestId?: string;
  reason?: string;
};

export type PromotionStatus = 'pending' | 'promoted' | 'rejected' | 'cancelled';

export type PromotionDecision = {
  actor: string;
  decision: 'approve' | 'reject';
  comment?: string;
  at: string;
};

export type PromotionRequest = {
  id: string;
  modelRef: string;
  version: string;
  toEnvironment: string;
  status: PromotionStatus;
  requestedBy: string;
  requestedAt: string;
  comment?: string;
  /** The requester's reason to promote although an overridable gate (live SLO and drift state) fails. */
  gateOverrideReason?: string;
  decisions: PromotionDecision[];
  closedAt?: string;
};

/** One environment of the registry state of a model, in the configured order. */
export type EnvironmentState = {
  name: string;
  current?: EnvironmentAssignment;
};

/** What the caller may do, so that a UI offers only the actions the server would accept. */
export type RegistryViewer = {
  canRegister: boolean;
  canRequestPromotion: boolean;
  canRollback: boolean;
  /** Per pending request: whether the caller may approve or reject it, and if not, why. */
  decisions: Record<string, { allowed: boolean; reason?: string }>;
  /** The pending requests the caller may cancel: their own. */
  cancellable: string[];
};

export type RegistryState = {
  modelRef: string;
  environments: EnvironmentState[];
  pendingRequests: PromotionRequest[];
  viewer?: RegistryViewer;
};

export type AuditEvent = {
  seq: number;
  actor: string;
  action: string;
  subject: string;
  before?: unknown;
  after?: unknown;
  policy?: unknown;
  at: string;
  prevHash: string;
  hash: string;
};

export type AuditVerification =
  | { valid: true; events: number; headHash: string }
  | { valid: false; events: number; firstBrokenSeq: number; reason: string };
