import type { ExternalServingEndpoint } from '@modelport/plugin-models-node';
import type { ReadFailure } from '../readCluster';

/** A serving endpoint as a registry connector reported it, with the registry environment it stands for. */
export type ReadEndpoint = ExternalServingEndpoint & { environment: string };

/** What Modelport knows of one registry connector's serving endpoints: its last complete read, and its last attempt. */
export type EndpointSnapshot = {
  connector: string;
  /** When `endpoints` were read; absent until a read succeeds. */
  readAt?: string;
  attemptAt: string;
  /** Why the last attempt failed; `endpoints` are then those of `readAt`, no longer current. */
  failure?: ReadFailure;
  endpoints: ReadEndpoint[];
};

/** The last read of each registry connector's serving endpoints, as ServingStore keeps the clusters'. */
export interface ServingEndpointStore {
  /**
   * Records one cycle's reads: a complete read replaces the connector's endpoints; a failed one keeps the last good
   * endpoints and records the failure, so that they show as stale rather than vanish.
   */
  saveEndpointReads(snapshots: EndpointSnapshot[]): Promise<void>;
  /** Every connector read at least once, as it stands. */
  endpointSnapshots(): Promise<EndpointSnapshot[]>;
}
