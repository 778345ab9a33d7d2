import { exampleClusters, readyInferenceService, type KubeObject } from '@internal/kubernetes-sandbox';
import { readDeployment } from './deployment';
import { readInferenceService } from './inferenceService';
import { readSeldonExperiment, readSeldonModel } from './seldon';

const [churnProd, fraudProd] = exampleClusters['prod-eu'];
const [churnCanary, summarizerFailed] = exampleClusters['staging-eu'];
const clone = (o: KubeObject): any => JSON.parse(JSON.stringify(o));

describe('reading KServe InferenceServices', () => {
  it('reads a ready one: URL, revisions, all traffic on the latest, artifact, format, replicas, model state', () => {
    expect(readInferenceService(churnProd)).toEqual({
      kind: 'InferenceService',
      namespace: 'customer-ml',
      name: 'churn-classifier',
      labels: { 'modelport.io/model': 'churn-classifier' },
      ready: 'True',
      failing: undefined,
      url: 'https://churn-classifier.customer-ml.prod-eu.acme.example',
      artifact: 's3://acme-models/churn-classifier/1.0.0/model.ubj',
      modelFormat: 'xgboost',
      runtime: undefined,
      revisions: {
        latestReady: 'churn-classifier-predictor-00003',
        latestCreated: 'churn-classifier-predictor-00003',
        previousRolledOut: 'churn-classifier-predictor-00002',
        latestRolledOut: 'churn-classifier-predictor-00003',
        artifactRevision: 'churn-classifier-predictor-00003',
      },
      traffic: [{ revision: 'churn-classifier-predictor-00003', percent: 100, latest: true }],
      canaryPercent: undefined,
      replicas: { min: 1, max: 4 },
      model: { transition: 'UpToDate', activeState: 'Loaded', targetState: 'Loaded', lastFailure: undefined, copies: { failed: 0, total: 1 } },
    });
  });

  it('reads a canary: the split between the new and the previous revision, and the canary percent', () => {
    const read = readInferenceService(churnCanary);
    expect(read).toMatchObject({
      ready: 'True',
      canaryPercent: 10,
      artifact: 's3://acme-models/churn-classifier/1.1.0/model.ubj',
      traffic: [
        { revision: 'churn-classifier-predictor-00004', percent: 10, latest: true },
        { revision: 'churn-classifier-predictor-00003', percent: 90, latest: false },
      ],
    });
  });

  it('reads a model that failed to load: the most specific failing condition and KServe\'s last failure', () => {
    expect(readInferenceService(summarizerFailed)).toMatchObject({
      ready: 'False',
      failing: { condition: 'PredictorConfigurationReady', reason: 'RevisionFailed', message: expect.stringContaining('CUDA out of memory') },
      url: undefined,
      model: {
        transition: 'BlockedByFailedLoad',
        activeState: 'FailedToLoad',
        lastFailure: { reason: 'ModelLoadFailed', message: expect.stringContaining('CUDA out of memory'), exitCode: 1 },
        copies: { failed: 1, total: 1 },
      },
    });
  });

  it('reads the framework-specific predictor form, and an object the controller has not reconciled yet', () => {
    const legacy = clone(churnProd);
    legacy.spec.predictor = { sklearn: { storageUri: 'gs://models/iris/1' } };
    delete legacy.status;
    expect(readInferenceService(legacy)).toMatchObject({ ready: 'Unknown', artifact: 'gs://models/iris/1', modelFormat: 'sklearn', traffic: [], revisions: undefined });
    // A spec newer than the status: the latest ready revision is not yet known to serve the new artifact.
    const catchingUp = clone(churnProd);
    catchingUp.metadata.generation = 4;
    expect((readInferenceService(catchingUp) as { revisions: object }).revisions).not.toHaveProperty('artifactRevision');
    expect((readInferenceService(summarizerFailed) as { revisions: object }).revisions).not.toHaveProperty('artifactRevision');
  });

  it('keeps a malformed object as a finding that names the field, never as a served model', () => {
    const wrong = clone(churnProd);
    wrong.status.conditions[0].status = 'Yes';
    expect(readInferenceService(wrong)).toEqual({
      kind: 'InferenceService',
      namespace: 'customer-ml',
      name: 'churn-classifier',
      problem: 'status.conditions.0.status: Invalid option: expected one of "True"|"False"|"Unknown"',
    });
    const nameless = clone(churnProd);
    delete nameless.metadata.name;
    expect(readInferenceService(nameless)).toMatchObject({ name: undefined, problem: expect.stringContaining('metadata.name') });
    expect(readInferenceService('not an object')).toMatchObject({ kind: 'InferenceService', problem: expect.any(String) });
    const percent = clone(churnCanary);
    percent.spec.predictor.canaryTrafficPercent = 150;
    expect(readInferenceService(percent)).toMatchObject({ problem: expect.stringContaining('spec.predictor.canaryTrafficPercent') });
  });

  it('reads a first revision, which has no previous one', () => {
    expect(readInferenceService(readyInferenceService({ name: 'x', namespace: 'n', cluster: 'c', labels: {}, format: 'onnx', storageUri: 'pvc://m/1', revision: 1 }))).toMatchObject({
      revisions: { previousRolledOut: undefined },
      traffic: [{ revision: 'x-predictor-00001', percent: 100 }],
    });
  });
});

describe('reading Seldon Core 2 Models and Experiments', () => {
  it('reads a ready Model: artifact, runtime requirement, desired and available replicas', () => {
    expect(readSeldonModel(fraudProd)).toMatchObject({
      kind: 'SeldonModel',
      namespace: 'risk-ml',
      name: 'fraud-detector',
      labels: { 'backstage.io/kubernetes-id': 'fraud-detector', 'modelport.io/version': '3.3.0' },
      ready: 'True',
      failing: undefined,
      artifact: 's3://acme-models/fraud-detector/3.3.0/model.txt',
      modelFormat: 'lightgbm',
      replicas: { desired: 2, available: 2 },
    });
  });

  it('reads a Model that is not ready from its ModelReady condition', () => {
    const failing = clone(fraudProd);
    failing.status = {
      conditions: [
        { type: 'ModelReady', status: 'False', reason: 'ScheduleFailed', message: 'failed to schedule model fraud-detector: no matching servers' },
        { type: 'Ready', status: 'False', reason: 'ScheduleFailed' },
      ],
      replicas: 2,
      availableReplicas: 0,
    };
    expect(readSeldonModel(failing)).toMatchObject({
      ready: 'False',
      failing: { condition: 'ModelReady', reason: 'ScheduleFailed', message: expect.stringContaining('no matching servers') },
      replicas: { desired: 2, available: 0 },
    });
  });

  it("reads an Experiment's candidates as a traffic split in percent", () => {
    const experiment = {
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Experiment',
      metadata: { name: 'fraud-canary', namespace: 'risk-ml', labels: { 'backstage.io/kubernetes-id': 'fraud-detector' } },
      spec: { default: 'fraud-detector', candidates: [{ name: 'fraud-detector', weight: 9 }, { name: 'fraud-detector-v34', weight: 1 }] },
      status: { conditions: [{ type: 'ExperimentReady', status: 'True' }, { type: 'Ready', status: 'True' }] },
    };
    expect(readSeldonExperiment(experiment)).toMatchObject({
      kind: 'SeldonExperiment',
      ready: 'True',
      traffic: [
        { revision: 'fraud-detector', percent: 90, latest: false },
        { revision: 'fraud-detector-v34', percent: 10, latest: true },
      ],
      candidates: [
        { model: 'fraud-detector', weight: 9 },
        { model: 'fraud-detector-v34', weight: 1 },
      ],
    });
    expect(readSeldonExperiment({ ...experiment, spec: { candidates: [] } })).toMatchObject({ problem: expect.stringContaining('spec.candidates') });
  });
});

describe('reading Deployments', () => {
  const deployment = (status: Record<string, unknown>) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'demand-forecaster', namespace: 'supply-ml', labels: { 'modelport.io/version': '2.4.1' } },
    spec: { replicas: 3 },
    status,
  });

  it('reads an available one with its replicas', () => {
    expect(
      readDeployment(
        deployment({
          conditions: [
            { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
            { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
          ],
          readyReplicas: 3,
          availableReplicas: 3,
        }),
      ),
    ).toMatchObject({ kind: 'Deployment', ready: 'True', failing: undefined, replicas: { desired: 3, ready: 3, available: 3 }, labels: { 'modelport.io/version': '2.4.1' } });
  });

  it('says why a rollout is stuck, and that pods were refused', () => {
    expect(
      readDeployment(
        deployment({
          conditions: [
            { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' },
            { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "demand-forecaster-7c9" has timed out progressing.' },
          ],
          readyReplicas: 1,
        }),
      ),
    ).toMatchObject({ ready: 'False', failing: { condition: 'Progressing', reason: 'ProgressDeadlineExceeded' }, replicas: { desired: 3, ready: 1, available: 0 } });
    expect(
      readDeployment(
        deployment({
          conditions: [
            { type: 'Available', status: 'True' },
            { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "demand-forecaster-7c9-x" is forbidden: exceeded quota' },
          ],
        }),
      ),
    ).toMatchObject({ failing: { condition: 'ReplicaFailure', reason: 'FailedCreate' } });
  });
});
