/**
 * Why a cluster, or one resource type on it, could not be read:
 * - unknown-cluster: the Kubernetes plugin has no cluster of that name;
 * - needs-user-token: its auth provider (oidc, google, aks) signs in as the user, which a scheduled collection is not;
 * - unreachable: no connection, or the Kubernetes backend's proxy could not reach it;
 * - unauthorized / forbidden: the cluster refused the credential (401), or it may not list the type (403);
 * - not-installed: the API server does not serve the type (its CRD is not installed);
 * - timeout: no complete answer within the cluster's timeout;
 * - malformed: an answer that is not a Kubernetes list;
 * - expired: a continue token the API server no longer holds (410), after which the list starts again.
 */
export type ClusterErrorKind =
  | 'unknown-cluster'
  | 'needs-user-token'
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'not-installed'
  | 'timeout'
  | 'malformed'
  | 'expired';

export class ClusterError extends Error {
  readonly name = 'ClusterError';
  constructor(
    readonly kind: ClusterErrorKind,
    readonly cluster: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Cluster '${cluster}': ${message}`, options);
  }
}
