import type { KubeObject } from './sandboxCluster';

/**
 * The serving objects of the example models (examples/models.yaml, with the registry history of
 * examples/registry-seed.yaml), as KServe's and Seldon's controllers write them: one source for the tests, the
 * benchmark and the demo's sandbox clusters. Each shows one state of the Serving card.
 */

const at = '2026-11-30T09:00:00Z';
const condition = (type: string, status: 'True' | 'False' | 'Unknown', extra: { reason?: string; message?: string; severity?: string } = {}) => ({
  type,
  status,
  lastTransitionTime: at,
  ...extra,
});

type IsvcOptions = {
  name: string;
  namespace: string;
  cluster: string;
  labels: Record<string, string>;
  format: string;
  storageUri: string;
  revision: number;
};

/** The metadata and spec of an InferenceService as `kubectl get -o json` shows them once the controller ran. */
function isvcBase(o: IsvcOptions, predictor: Record<string, unknown> = {}) {
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name: o.name,
      namespace: o.namespace,
      labels: o.labels,
      annotations: { 'serving.kserve.io/deploymentMode': 'Serverless' },
      generation: o.revision,
      creationTimestamp: '2026-10-01T08:00:00Z',
    },
    spec: { predictor: { minReplicas: 1, maxReplicas: 4, ...predictor, model: { modelFormat: { name: o.format }, storageUri: o.storageUri } } },
  };
}

const revisionName = (name: string, n: number) => `${name}-predictor-${String(n).padStart(5, '0')}`;
const routeUrl = (o: IsvcOptions) => `https://${o.name}.${o.namespace}.${o.cluster}.acme.example`;

/** Ready, all traffic on the latest revision, the model loaded. */
export function readyInferenceService(o: IsvcOptions): KubeObject {
  const latest = revisionName(o.name, o.revision);
  return {
    ...isvcBase(o),
    status: {
      conditions: [
        condition('IngressReady', 'True'),
        condition('LatestDeploymentReady', 'True', { severity: 'Info' }),
        condition('PredictorConfigurationReady', 'True', { severity: 'Info' }),
        condition('PredictorReady', 'True'),
        condition('PredictorRouteReady', 'True', { severity: 'Info' }),
        condition('Ready', 'True'),
        condition('RoutesReady', 'True', { severity: 'Info' }),
      ],
      url: routeUrl(o),
      address: { url: `http://${o.name}.${o.namespace}.svc.cluster.local` },
      components: {
        predictor: {
          latestCreatedRevision: latest,
          latestReadyRevision: latest,
          latestRolledoutRevision: latest,
          previousRolledoutRevision: o.revision > 1 ? revisionName(o.name, o.revision - 1) : undefined,
          traffic: [{ revisionName: latest, percent: 100, latestRevision: true }],
          url: `https://${o.name}-predictor.${o.namespace}.${o.cluster}.acme.example`,
        },
      },
      modelStatus: { transitionStatus: 'UpToDate', states: { activeModelState: 'Loaded', targetModelState: 'Loaded' }, copies: { failedCopies: 0, totalCopies: 1 } },
      observedGeneration: o.revision,
    },
  };
}

/** A canary: the new revision (this spec's artifact) takes `percent`, the previous rolled-out revision the rest. */
export function canaryInferenceService(o: IsvcOptions & { percent: number }): KubeObject {
  const { status } = readyInferenceService(o) as KubeObject & { status: { components: { predictor: Record<string, unknown> } } };
  const latest = revisionName(o.name, o.revision);
  const previous = revisionName(o.name, o.revision - 1);
  return {
    ...isvcBase(o, { canaryTrafficPercent: o.percent }),
    status: {
      ...status,
      components: {
        predictor: {
          ...status.components.predictor,
          latestRolledoutRevision: previous,
          previousRolledoutRevision: revisionName(o.name, o.revision - 2),
          traffic: [
            { revisionName: latest, percent: o.percent, latestRevision: true, tag: 'latest' },
            { revisionName: previous, percent: 100 - o.percent, latestRevision: false, tag: 'prev' },
          ],
        },
      },
    },
  };
}

/** The model server started but the model did not load: not ready, with KServe's last failure. */
export function failedInferenceService(o: IsvcOptions & { message: string }): KubeObject {
  const latest = revisionName(o.name, o.revision);
  return {
    ...isvcBase(o),
    status: {
      conditions: [
        condition('IngressReady', 'True'),
        condition('LatestDeploymentReady', 'False', { reason: 'RevisionFailed', message: `Revision "${latest}" failed with message: ${o.message}.` }),
        condition('PredictorConfigurationReady', 'False', { reason: 'RevisionFailed', message: `Revision "${latest}" failed with message: ${o.message}.` }),
        condition('PredictorReady', 'False', { reason: 'RevisionMissing', message: `Configuration "${o.name}-predictor" does not have any ready Revision.` }),
        condition('PredictorRouteReady', 'True', { severity: 'Info' }),
        condition('Ready', 'False', { reason: 'RevisionMissing', message: `Configuration "${o.name}-predictor" does not have any ready Revision.` }),
        condition('RoutesReady', 'True', { severity: 'Info' }),
      ],
      components: { predictor: { latestCreatedRevision: latest } },
      modelStatus: {
        transitionStatus: 'BlockedByFailedLoad',
        states: { activeModelState: 'FailedToLoad', targetModelState: 'FailedToLoad' },
        lastFailureInfo: { reason: 'ModelLoadFailed', message: o.message, location: `${latest}-deployment-6f9c7d8b5-x2k4q`, time: at, exitCode: 1 },
        copies: { failedCopies: 1, totalCopies: 1 },
      },
      observedGeneration: o.revision,
    },
  };
}

/** A Seldon Core 2 Model, scheduled and ready on its server. */
export function readySeldonModel(o: { name: string; namespace: string; labels: Record<string, string>; storageUri: string; requirements: string[]; replicas: number }): KubeObject {
  return {
    apiVersion: 'mlops.seldon.io/v1alpha1',
    kind: 'Model',
    metadata: { name: o.name, namespace: o.namespace, labels: o.labels, generation: 1, creationTimestamp: '2026-10-01T08:00:00Z' },
    spec: { storageUri: o.storageUri, requirements: o.requirements, replicas: o.replicas },
    status: {
      conditions: [condition('ModelReady', 'True'), condition('Ready', 'True')],
      replicas: o.replicas,
      availableReplicas: o.replicas,
      selector: `seldon-model=${o.name}`,
    },
  };
}

/**
 * The demo's clusters: `prod-eu` (prod) and `staging-eu` (staging) answer; `prod-us` (prod) is configured but never
 * answers. Together they show every state of the Serving card.
 */
export const exampleClusters = {
  'prod-eu': [
    // In line: runs 1.0.0, the version approved for prod.
    readyInferenceService({
      name: 'churn-classifier',
      namespace: 'customer-ml',
      cluster: 'prod-eu',
      labels: { 'modelport.io/model': 'churn-classifier' },
      format: 'xgboost',
      storageUri: 's3://acme-models/churn-classifier/1.0.0/model.ubj',
      revision: 3,
    }),
    // Seldon Core 2, and a version the registry never approved for prod: prod holds 3.2.0; 3.3.0 was rolled back in staging.
    readySeldonModel({
      name: 'fraud-detector',
      namespace: 'risk-ml',
      labels: { 'backstage.io/kubernetes-id': 'fraud-detector', 'modelport.io/version': '3.3.0' },
      storageUri: 's3://acme-models/fraud-detector/3.3.0/model.txt',
      requirements: ['lightgbm'],
      replicas: 2,
    }),
  ],
  'staging-eu': [
    // Rolling out: 1.1.0 takes 10% of staging's traffic, 1.0.0 the rest.
    canaryInferenceService({
      name: 'churn-classifier',
      namespace: 'customer-ml',
      cluster: 'staging-eu',
      labels: { 'modelport.io/model': 'churn-classifier' },
      format: 'xgboost',
      storageUri: 's3://acme-models/churn-classifier/1.1.0/model.ubj',
      revision: 4,
      percent: 10,
    }),
    // The model does not load; 0.9.0's promotion to staging still awaits its approval (0.8.0 is approved there).
    failedInferenceService({
      name: 'clinical-notes-summarizer',
      namespace: 'clinical-ml',
      cluster: 'staging-eu',
      labels: { 'modelport.io/model': 'clinical-notes-summarizer' },
      format: 'huggingface',
      storageUri: 's3://acme-models/clinical-notes-summarizer/0.9.0/',
      revision: 1,
      message: 'CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.77 GiB total capacity)',
    }),
  ],
  'prod-us': [],
} satisfies Record<string, KubeObject[]>;
