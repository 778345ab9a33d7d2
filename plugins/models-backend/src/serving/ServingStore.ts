import type { ClusterSnapshot } from './clusterSnapshot';

/** The last read of each cluster and its last attempt. */
export interface ServingStore {
  /**
   * Records one cycle's snapshots: a complete read replaces the cluster's objects; a failed one keeps the last good
   * objects and records the failure, so that they show as stale rather than vanish.
   */
  saveCycle(snapshots: ClusterSnapshot[]): Promise<void>;
  /** Every cluster read at least once, as it stands. */
  snapshots(): Promise<ClusterSnapshot[]>;
}
