import { ConfigReader } from '@backstage/config';
import { canaryInferenceService, failedInferenceService, readyInferenceService, readySeldonModel } from '@internal/kubernetes-sandbox';
import type { ClusterServingStatus, ModelVersion, ServingStatus } from '@modelport/plugin-models-common';
import { churnModel } from '../__testUtils__/fixtures';
import { readInferenceService } from './objects/inferenceService';
import { readSeldonExperiment, readSeldonModel } from './objects/seldon';
import type { ServedObject } from './objects/types';
import { deployedInPreviousEnvironmentGate } from './servingGate';
import type { ServingService } from './ServingService';

const version: ModelVersion = {
  modelRef: 'model:default/churn-classifier',
  version: '1.1.0',
  artifactUri: 's3://acme-models/churn-classifier/1.1.0/model.ubj',
  framework: 'xgboost',
} as ModelVersion;
const isvc = { name: 'churn-classifier', namespace: 'customer-ml', cluster: 'staging-eu', labels: {}, format: 'xgboost', storageUri: version.artifactUri, revision: 4 };
const served = (reader: (raw: unknown) => unknown) => (object: unknown) => {
  const o = reader(object) as ServedObject | { problem: string };
  if ('problem' in o) throw new Error(`unreadable fixture: ${o.problem}`);
  return o;
};
const read = served(readInferenceService);
const cluster = (objects: ClusterServingStatus['objects'], extra: Partial<ClusterServingStatus> = {}): ClusterServingStatus => ({
  cluster: 'staging-eu',
  environment: 'staging',
  readAt: '2026-12-02T10:00:00.000Z',
  stale: false,
  unavailable: {},
  objects,
  unreadable: [],
  sharedWith: {},
  ...extra,
});
const ok = (...clusters: ClusterServingStatus[]): ServingStatus => ({ state: 'ok', intervalSeconds: 60, environments: [], clusters });

async function gate(status: ServingStatus, environment = 'prod') {
  const service = { environments: ['dev', 'staging', 'prod'], status: async () => status } as unknown as ServingService;
  return deployedInPreviousEnvironmentGate(service).evaluate({ model: churnModel, version, environment, config: new ConfigReader({ type: 'deployed-in-previous-environment' }), now: new Date() });
}

describe('the deployed-in-previous-environment gate', () => {
  it('passes when the version takes all the traffic of a ready object in the environment before, and says where', async () => {
    expect(await gate(ok(cluster([read(readyInferenceService(isvc))])))).toEqual({
      passed: true,
      message: '1.1.0 runs, ready, in staging: InferenceService customer-ml/churn-classifier on staging-eu (read 2026-12-02T10:00:00.000Z)',
    });
    // One current cluster that runs it is evidence enough, whatever another cluster of the environment says.
    const down = cluster([], { cluster: 'staging-us', stale: true, failure: { kind: 'unreachable', message: 'connect ECONNREFUSED' } });
    expect(await gate(ok(down, cluster([read(readyInferenceService(isvc))])))).toMatchObject({ passed: true });
  });

  it('passes in the first environment, which has none before it', async () => {
    expect(await gate(ok(), 'dev')).toMatchObject({ passed: true, message: expect.stringContaining('dev is the first environment') });
  });

  it('fails, overridably, on a canary, a model that does not load, another version, or an object that is not ready', async () => {
    expect(await gate(ok(cluster([read(canaryInferenceService({ ...isvc, percent: 10 }))])))).toEqual({
      passed: false,
      overridable: true,
      message: 'Deployment unverified: 1.1.0 is not seen running in staging: on staging-eu InferenceService customer-ml/churn-classifier serves it to 10% of the traffic only (a canary)',
    });
    expect(await gate(ok(cluster([read(failedInferenceService({ ...isvc, message: 'CUDA out of memory' }))])))).toMatchObject({
      passed: false,
      message: expect.stringContaining('InferenceService customer-ml/churn-classifier is not ready (PredictorConfigurationReady: RevisionFailed)'),
    });
    const older = read(readyInferenceService({ ...isvc, storageUri: 's3://acme-models/churn-classifier/1.0.0/model.ubj' }));
    expect(await gate(ok(cluster([older])))).toMatchObject({ passed: false, message: expect.stringContaining('on staging-eu nothing runs 1.1.0') });
  });

  it('counts a Seldon Model by its artifact, and only with all of an Experiment’s traffic', async () => {
    const model = served(readSeldonModel)(readySeldonModel({ name: 'churn-b', namespace: 'customer-ml', labels: {}, storageUri: version.artifactUri, requirements: ['xgboost'], replicas: 1 }));
    expect(await gate(ok(cluster([model])))).toMatchObject({ passed: true });
    const experiment = served(readSeldonExperiment)({
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Experiment',
      metadata: { name: 'churn-ab', namespace: 'customer-ml' },
      spec: { default: 'churn-a', candidates: [{ name: 'churn-a', weight: 70 }, { name: 'churn-b', weight: 30 }] },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
    expect(await gate(ok(cluster([model, experiment])))).toMatchObject({ passed: false, message: expect.stringContaining('30% of the traffic only (Experiment churn-ab)') });
  });

  it('fails closed without current reads of the environment before', async () => {
    const stale = cluster([read(readyInferenceService(isvc))], { stale: true });
    expect(await gate(ok(stale))).toMatchObject({ passed: false, message: expect.stringContaining('the last read (2026-12-02T10:00:00.000Z) is too old to count') });
    const failed = cluster([read(readyInferenceService(isvc))], { stale: true, failure: { kind: 'forbidden', message: 'inferenceservices is forbidden' } });
    expect(await gate(ok(failed))).toMatchObject({ passed: false, message: expect.stringContaining('could not be read (inferenceservices is forbidden)') });
    expect(await gate(ok(cluster([], { environment: 'prod' })))).toMatchObject({ passed: false, message: expect.stringContaining('no configured cluster serves staging') });
    expect(await gate({ state: 'not-configured', intervalSeconds: 60, environments: [], clusters: [] })).toMatchObject({
      passed: false,
      overridable: true,
      message: expect.stringContaining('no serving clusters are configured'),
    });
    expect(await gate({ state: 'pending', intervalSeconds: 60, environments: [], clusters: [] })).toMatchObject({ passed: false, message: expect.stringContaining('not been read yet') });
    expect(await gate({ state: 'unmatched', problem: 'no backstage.io/kubernetes-id annotation', intervalSeconds: 60, environments: [], clusters: [] })).toMatchObject({
      passed: false,
      message: expect.stringContaining('no backstage.io/kubernetes-id annotation'),
    });
  });
});
