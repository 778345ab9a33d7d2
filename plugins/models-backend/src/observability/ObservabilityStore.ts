import type { ModelObservability, ObservabilityAttempt, ObservabilityError } from '@modelport/plugin-models-common';

/** Snapshots of the observability evaluation and the last attempt per Prometheus instance. */
export interface ObservabilityStore {
  /** Stores one instance's evaluation of its models and records the attempt as successful, together. */
  saveCycle(instance: string, at: string, results: ModelObservability[]): Promise<void>;
  saveFailure(instance: string, at: string, error: ObservabilityError): Promise<void>;
  /** The last attempt per Prometheus instance. */
  attempts(): Promise<Map<string, ObservabilityAttempt>>;
  latest(modelRef: string): Promise<ModelObservability | undefined>;
  /** The latest snapshot of every model. */
  latestAll(): Promise<ModelObservability[]>;
  /** Snapshots of a model since an instant, oldest first, at most `limit`. */
  history(modelRef: string, since: string, limit?: number): Promise<ModelObservability[]>;
  /** Deletes the snapshots older than an instant; returns how many. */
  prune(before: string): Promise<number>;
}
