import { KubernetesBackendGateway, type ClusterGateway } from './KubernetesGateway';
import { readCluster, type ClusterRead } from './readCluster';
import type { ServingConfig } from './servingConfig';

/** A cluster's read with the seconds from the start of the cycle to its end (its part of the cycle). */
export type CollectedRead = ClusterRead & { seconds: number };

/**
 * One collection cycle: every configured cluster read at once, each within its own timeout, so that one slow,
 * unreachable or forbidden cluster never hides or delays the others. The cluster list comes from the Kubernetes
 * plugin first: a cluster it does not know, or one only its users can sign in to, is reported without a call.
 */
export async function collectServing(
  gateway: ClusterGateway,
  config: ServingConfig,
  /** When each cluster's time is up; by default its timeout from the start of the cycle (tests decide it themselves). */
  deadlineOf: (cluster: string) => AbortSignal = () => AbortSignal.timeout(config.timeoutMs),
  /** When the Kubernetes plugin's cluster list must have come; by default one timeout. */
  listDeadline: AbortSignal = AbortSignal.timeout(config.timeoutMs),
): Promise<CollectedRead[]> {
  const started = performance.now();
  const timed = (read: ClusterRead): CollectedRead => ({ ...read, seconds: (performance.now() - started) / 1000 });
  let known: Awaited<ReturnType<ClusterGateway['clusters']>>;
  try {
    known = await gateway.clusters(listDeadline);
  } catch (error) {
    const timedOut = listDeadline.aborted;
    const message = timedOut ? 'the Kubernetes backend did not list its clusters in time' : `the Kubernetes backend did not list its clusters: ${(error as Error).message}`;
    return config.clusters.map(c => timed(failed(c, { kind: timedOut ? 'timeout' : 'unreachable', message: `Cluster '${c.name}': ${message}` })));
  }
  return Promise.all(
    config.clusters.map(async cluster => {
      const entry = known.find(k => k.name === cluster.name);
      if (!entry) return timed(failed(cluster, { kind: 'unknown-cluster', message: `Cluster '${cluster.name}': the Kubernetes plugin has no cluster of that name` }));
      if (!KubernetesBackendGateway.readable(entry)) {
        return timed(failed(cluster, {
          kind: 'needs-user-token',
          message: `Cluster '${cluster.name}': its auth provider '${entry.authProvider}' signs in as the portal's user, which a scheduled collection is not (see ADR 5)`,
        }));
      }
      return timed(await readCluster(gateway, cluster, { ...config, deadline: deadlineOf(cluster.name) }));
    }),
  );
}

function failed(cluster: { name: string; environment: string }, failure: NonNullable<ClusterRead['failure']>): ClusterRead {
  return { cluster: cluster.name, environment: cluster.environment, objects: {}, unavailable: {}, failure, calls: 0 };
}
