/**
 * A Kubernetes resource type Modelport lists, by the names the Kubernetes API gives it: listed at
 * `/apis/<group>/<version>/[namespaces/<namespace>/]<plural>`.
 *
 * @public
 */
export type ServingResourceType = { group: string; version: string; plural: string; kind: string };

/**
 * What the serving collection reads on every cluster: KServe InferenceServices, Seldon Core 2 Models and
 * Experiments (its canary), and plain Deployments for models served another way.
 *
 * @public
 */
export const servingResourceTypes = {
  inferenceServices: { group: 'serving.kserve.io', version: 'v1beta1', plural: 'inferenceservices', kind: 'InferenceService' },
  seldonModels: { group: 'mlops.seldon.io', version: 'v1alpha1', plural: 'models', kind: 'Model' },
  seldonExperiments: { group: 'mlops.seldon.io', version: 'v1alpha1', plural: 'experiments', kind: 'Experiment' },
  deployments: { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment' },
} as const satisfies Record<string, ServingResourceType>;

/**
 * The name of one of the serving resource types.
 *
 * @public
 */
export type ServingResourceName = keyof typeof servingResourceTypes;
