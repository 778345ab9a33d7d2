import type { ServingReadFailure, ServingResourceName } from '@modelport/plugin-models-common';

const products: Record<ServingResourceName, string> = {
  inferenceServices: 'KServe',
  seldonModels: 'Seldon Core 2',
  // Both come with Seldon Core 2's CRDs: absent together, said once.
  seldonExperiments: 'Seldon Core 2',
  deployments: 'Deployments (apps/v1)',
};

/** Why a resource type could not be listed on a cluster; a CRD that is absent is said as the product being absent. */
export function unavailableText(cluster: string, name: string, failure: ServingReadFailure): string {
  const product = products[name as ServingResourceName] ?? name;
  if (failure.kind === 'not-installed') return `${product} is not installed on cluster ${cluster}.`;
  if (failure.kind === 'forbidden') return `${product} cannot be listed on cluster ${cluster}: ${failure.message}`;
  return `${product} could not be read on cluster ${cluster} (${failure.kind}): ${failure.message}`;
}

/** The failure of a whole cluster, in words, under that cluster's name (which the message need not repeat). */
export function failureText(failure: ServingReadFailure, cluster: string): string {
  const prefix = `Cluster '${cluster}': `;
  const message = failure.message.startsWith(prefix) ? failure.message.slice(prefix.length) : failure.message;
  const lead: Partial<Record<ServingReadFailure['kind'], string>> = {
    unreachable: 'unreachable',
    timeout: 'did not answer in time',
    unauthorized: 'refused the credentials',
    forbidden: 'forbids the listing',
    'needs-user-token': "needs the user's own token, which a scheduled collection does not have",
    'unknown-cluster': "is not in the Kubernetes plugin's clusters",
    malformed: 'answered something that is not a list',
    expired: 'expired the listing',
  };
  return `${lead[failure.kind] ?? failure.kind} (${message})`;
}
