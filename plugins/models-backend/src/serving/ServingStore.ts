import type { ClusterSnapshot } from './clusterSnapshot';

/** The key of one revision of one InferenceService on one cluster. */
export const revisionKey = (cluster: string, namespace: string, name: string, revision: string) => JSON.stringify([cluster, namespace, name, revision]);

/** The last read of each cluster and its last attempt. */
export interface ServingStore {
  /**
   * Records one cycle's snapshots: a complete read replaces the cluster's objects; a failed one keeps the last good
   * objects and records the failure, so that they show as stale rather than vanish.
   */
  saveCycle(snapshots: ClusterSnapshot[]): Promise<void>;
  /** Every cluster read at least once, as it stands. */
  snapshots(): Promise<ClusterSnapshot[]>;
  /**
   * The artifact each KServe revision was seen serving (recorded by saveCycle from complete reads), keyed by
   * revisionKey(cluster, namespace, name, revision).
   */
  revisionArtifacts(): Promise<Map<string, string>>;
}
