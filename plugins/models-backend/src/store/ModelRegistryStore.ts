import type {
  AssignmentCause,
  EnvironmentAssignment,
  ModelReview,
  ModelVersion,
  PromotionDecision,
  PromotionRequest,
  PromotionStatus,
} from '@modelport/plugin-models-common';
import type { AuditLog, AuditLogReader } from '../audit/AuditLog';

/** Storage of the registry. Every method of a transaction sees and changes one consistent state. */
export interface ModelRegistryStore {
  transaction<T>(fn: (tx: ModelRegistryTransaction) => Promise<T>): Promise<T>;

  getVersion(modelRef: string, version: string): Promise<ModelVersion | undefined>;
  listVersions(modelRef: string): Promise<ModelVersion[]>;
  /** The JSON text of listVersions' answer, for writing it to a response as it is. */
  listVersionsJson(modelRef: string): Promise<string>;
  listAssignments(modelRef: string): Promise<EnvironmentAssignment[]>;
  /** The assignments in force now, at most one per environment. */
  listCurrentAssignments(modelRef: string): Promise<EnvironmentAssignment[]>;
  /** The assignments in force now for every model, for fleet-wide views. */
  listAllCurrentAssignments(): Promise<Array<EnvironmentAssignment & { modelRef: string }>>;
  listRequests(modelRef: string, status?: PromotionStatus): Promise<PromotionRequest[]>;
  getRequest(id: string): Promise<PromotionRequest | undefined>;
  /** The pending requests of every model. */
  listPendingRequests(): Promise<PromotionRequest[]>;
  /**
   * Assignments of every model, newest first, each with the version it replaced; `offset` pages on, for a caller
   * that filters what it reads.
   */
  listRecentAssignments(page: { limit: number; offset: number }): Promise<RecentAssignment[]>;
  /** A model's reviews, newest first. */
  listReviews(modelRef: string): Promise<ModelReview[]>;
  /** The latest review of every model that has one, for fleet-wide views. */
  latestReviews(): Promise<Map<string, ModelReview>>;
  /** The audit log, to read and verify; appending happens in a transaction. */
  readonly audit: AuditLogReader;
}

export type RecentAssignment = EnvironmentAssignment & { modelRef: string; previousVersion?: string };

export interface ModelRegistryTransaction {
  /** Returns false when the version already exists. */
  insertVersion(version: ModelVersion): Promise<boolean>;
  updateVersion(modelRef: string, version: string, change: { description?: string; tags?: string[] }): Promise<void>;
  getVersion(modelRef: string, version: string): Promise<ModelVersion | undefined>;

  currentAssignment(modelRef: string, environment: string): Promise<EnvironmentAssignment | undefined>;
  /** Whether the version was ever assigned to the environment. */
  wasAssigned(modelRef: string, environment: string, version: string): Promise<boolean>;
  /** Ends the current assignment of the environment, if any, and makes the version current. */
  assign(
    modelRef: string,
    assignment: { environment: string; version: string; by: string; cause: AssignmentCause; requestId?: string; reason?: string; at: string },
  ): Promise<void>;

  /** Returns false when a request for the same model and environment is already pending. */
  insertRequest(request: Omit<PromotionRequest, 'decisions'>): Promise<boolean>;
  /** Reads a request and locks it until the transaction ends. */
  getRequestForUpdate(id: string): Promise<PromotionRequest | undefined>;
  /**
   * Returns false when the actor's decision with this ordinal (0 for the first decision of the actor on the
   * request, 1 for the second, ...) already exists.
   */
  insertDecision(requestId: string, decision: PromotionDecision, ordinal?: number): Promise<boolean>;
  closeRequest(id: string, status: Exclude<PromotionStatus, 'pending'>, at: string): Promise<void>;

  insertReview(review: ModelReview): Promise<void>;

  /** The audit log in this transaction: what it appends commits or rolls back with the change it records. */
  readonly audit: AuditLog;
}
