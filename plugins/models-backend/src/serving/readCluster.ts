import { servingResourceTypes, type ServingResourceName } from '@modelport/plugin-models-common';
import { ClusterError, type ClusterErrorKind } from './clusterErrors';
import type { ClusterGateway } from './KubernetesGateway';
import type { ServingCluster } from './servingConfig';

export type ReadFailure = { kind: ClusterErrorKind; message: string };

/** What one cycle read of one cluster: every object of each resource type it could list, or why not. */
export type ClusterRead = {
  cluster: string;
  environment: string;
  /** The objects of each resource type the cluster listed completely. */
  objects: Partial<Record<ServingResourceName, unknown[]>>;
  /** Resource types that cluster does not serve or will not list (e.g. Seldon not installed); the others still count. */
  unavailable: Partial<Record<ServingResourceName, ReadFailure>>;
  /** Set when the cluster as a whole could not be read: nothing of it is current. */
  failure?: ReadFailure;
  /** List calls made, pages included. */
  calls: number;
};

/** Failures of one resource type only; any other failure is the cluster's. */
const TYPE_FAILURES = new Set<ClusterErrorKind>(['not-installed', 'forbidden', 'malformed']);

/**
 * Lists every serving resource type on one cluster, page by page, within the cluster's timeout: the types in
 * parallel, each cluster-wide or per configured namespace. A list whose continue token expires (the API server
 * compacted that snapshot) starts again once, so that no object is counted twice or missed. A cluster-wide
 * failure (unreachable, refused credential, timeout) stops the other lists of that cluster at once.
 */
export async function readCluster(
  gateway: ClusterGateway,
  cluster: ServingCluster,
  options: { pageSize: number; timeoutMs: number; /** Aborts when the cluster's time is up; by default timeoutMs from now. */ deadline?: AbortSignal },
): Promise<ClusterRead> {
  const read: ClusterRead = { cluster: cluster.name, environment: cluster.environment, objects: {}, unavailable: {}, calls: 0 };
  const stop = new AbortController();
  const timeout = options.deadline ?? AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([stop.signal, timeout]);

  const listAll = async (name: ServingResourceName, namespace: string | undefined): Promise<unknown[]> => {
    for (let attempt = 0; ; attempt++) {
      const items: unknown[] = [];
      let token: string | undefined;
      try {
        do {
          read.calls += 1;
          const page = await gateway.listPage(cluster.name, servingResourceTypes[name], { namespace, limit: options.pageSize, continue: token, signal });
          items.push(...page.items);
          token = page.continue;
        } while (token);
        return items;
      } catch (error) {
        if (error instanceof ClusterError && error.kind === 'expired' && attempt === 0) continue;
        throw error;
      }
    }
  };

  await Promise.all(
    (Object.keys(servingResourceTypes) as ServingResourceName[]).map(async name => {
      try {
        const namespaces = cluster.namespaces.length ? cluster.namespaces : [undefined];
        const lists = await Promise.all(namespaces.map(namespace => listAll(name, namespace)));
        if (!read.failure) read.objects[name] = lists.flat();
      } catch (error) {
        const failure = asFailure(cluster.name, error, timeout.aborted, options.timeoutMs);
        if (TYPE_FAILURES.has(failure.kind)) {
          read.unavailable[name] = failure;
        } else if (!read.failure) {
          read.failure = failure;
          stop.abort();
        }
      }
    }),
  );
  if (read.failure) read.objects = {};
  return read;
}

function asFailure(cluster: string, error: unknown, timedOut: boolean, timeoutMs: number): ReadFailure {
  if (timedOut) return { kind: 'timeout', message: `Cluster '${cluster}': no complete answer within ${timeoutMs} ms` };
  if (error instanceof ClusterError) return { kind: error.kind, message: error.message };
  return { kind: 'unreachable', message: `Cluster '${cluster}': ${(error as Error).message}` };
}
