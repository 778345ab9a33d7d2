import type { EndpointServing } from './endpoints/ConnectorServing';
import type { ModelServing } from './matchModels';

/** What the Kubernetes clusters say of a model: its match, or that no cluster is configured or read yet. */
export type KubernetesServing = ModelServing | 'not-configured' | 'pending';

export type CombinedServing = { state: 'not-configured' | 'pending' } | { state: 'unmatched'; problem: string } | { state: 'ok'; serving: ModelServing };

/**
 * A model's clusters and its registry's serving endpoints, as one list of clusters. A model that is not linked to a
 * connector that serves models is answered by the clusters alone, as before. A linked one is served where its
 * registry's endpoints are too: Kubernetes annotations that cannot name its workloads (an imported model usually has
 * none) then leave out the clusters rather than the whole answer, and it is pending until both sides were read once.
 */
export function combineServing(modelRef: string, kubernetes: KubernetesServing, endpoints: EndpointServing): CombinedServing {
  if (!endpoints.linked) {
    if (kubernetes === 'not-configured' || kubernetes === 'pending') return { state: kubernetes };
    if (kubernetes.problem) return { state: 'unmatched', problem: kubernetes.problem };
    return { state: 'ok', serving: kubernetes };
  }
  const clusters = typeof kubernetes === 'object' && !kubernetes.problem ? kubernetes.clusters : [];
  if (kubernetes === 'pending' || (endpoints.pending && !clusters.length)) return { state: 'pending' };
  return { state: 'ok', serving: { modelRef, clusters: [...clusters, ...endpoints.clusters] } };
}
