import { exampleClusters, readyInferenceService, readySeldonModel, type KubeObject } from '@internal/kubernetes-sandbox';
import type { ModelVersion } from '@modelport/plugin-models-common';
import type { ClusterServing } from './matchModels';
import { readDeployment } from './objects/deployment';
import { readInferenceService } from './objects/inferenceService';
import { readSeldonExperiment, readSeldonModel } from './objects/seldon';
import type { ServedObject } from './objects/types';
import { clusterVerdict, environmentVerdicts } from './verdicts';

const version = (v: string, artifactUri: string): ModelVersion => ({
  modelRef: 'model:default/x',
  version: v,
  artifactUri,
  framework: 'xgboost',
  metrics: {},
  parameters: {},
  tags: [],
  registeredBy: 'user:default/jane.doe',
  registeredAt: '2026-11-01T09:00:00.000Z',
});
const churnVersions = [version('1.0.0', 's3://acme-models/churn-classifier/1.0.0/model.ubj'), version('1.1.0', 's3://acme-models/churn-classifier/1.1.0/model.ubj')];
const fraudVersions = [version('3.2.0', 's3://acme-models/fraud-detector/3.2.0/model.txt'), version('3.3.0', 's3://acme-models/fraud-detector/3.3.0/model.txt')];

const read = (o: KubeObject) => {
  const reader = { InferenceService: readInferenceService, Model: readSeldonModel, Experiment: readSeldonExperiment, Deployment: readDeployment }[o.kind]!;
  return reader(o) as ServedObject;
};
const on = (cluster: string, objects: KubeObject[], extra: Partial<ClusterServing> = {}): ClusterServing => ({
  cluster,
  environment: 'prod',
  unavailable: {},
  objects: objects.map(read),
  unreadable: [],
  sharedWith: {},
  ...extra,
});
const [churnProd, fraudProd] = exampleClusters['prod-eu'];
const [churnCanary] = exampleClusters['staging-eu'];
const churn = (storageUri: string, labels: Record<string, string> = {}) =>
  readyInferenceService({ name: 'churn-classifier', namespace: 'customer-ml', cluster: 'c', labels, format: 'xgboost', storageUri, revision: 2 });

describe('approved against running', () => {
  it('is in line when what runs is the approved version, matched by artifact URI with or without a trailing slash', () => {
    expect(clusterVerdict(on('prod-eu', [churnProd]), '1.0.0', churnVersions)).toEqual({ state: 'in-line', version: '1.0.0' });
    const dir = [version('0.9.0', 's3://acme-models/summarizer/0.9.0/')];
    expect(clusterVerdict(on('c', [churn('s3://acme-models/summarizer/0.9.0')]), '0.9.0', dir)).toEqual({ state: 'in-line', version: '0.9.0' });
  });

  it('is a mismatch when another version runs, or one runs where nothing is approved', () => {
    expect(clusterVerdict(on('prod-eu', [churnProd]), '1.1.0', churnVersions)).toEqual({ state: 'mismatch', running: ['1.0.0'] });
    expect(clusterVerdict(on('prod-eu', [fraudProd]), undefined, fraudVersions)).toEqual({ state: 'mismatch', running: ['3.3.0'] });
    // Two objects in one environment serving two versions are a mismatch even when one of them is the approved one.
    expect(clusterVerdict(on('c', [churnProd, churn('s3://acme-models/churn-classifier/1.1.0/model.ubj')]), '1.0.0', churnVersions)).toEqual({
      state: 'mismatch',
      running: ['1.0.0', '1.1.0'],
    });
  });

  it('is rolling out during a KServe canary: the new version at its percent, the rest on the previous revision', () => {
    expect(clusterVerdict(on('staging-eu', [churnCanary]), '1.0.0', churnVersions)).toEqual({
      state: 'rolling-out',
      version: '1.1.0',
      percent: 10,
      rest: [{ revision: 'churn-classifier-predictor-00003', percent: 90 }],
    });
    // Once that revision was seen settled on its artifact, the older side is named by its version too.
    const seen = (cluster: string, o: ServedObject, revision: string) =>
      cluster === 'staging-eu' && o.name === 'churn-classifier' && revision === 'churn-classifier-predictor-00003' ? 's3://acme-models/churn-classifier/1.0.0/model.ubj' : undefined;
    expect(clusterVerdict(on('staging-eu', [churnCanary]), '1.0.0', churnVersions, seen)).toMatchObject({
      rest: [{ version: '1.0.0', revision: 'churn-classifier-predictor-00003', percent: 90 }],
    });
    expect(clusterVerdict(on('staging-us', [churnCanary]), '1.0.0', churnVersions, seen)).toMatchObject({ rest: [{ revision: 'churn-classifier-predictor-00003', percent: 90 }] });
  });

  it('is rolling out when a Seldon Experiment sends part of the traffic to a candidate', () => {
    const candidate = readySeldonModel({ name: 'fraud-v33', namespace: 'risk-ml', labels: {}, storageUri: 's3://acme-models/fraud-detector/3.3.0/model.txt', requirements: ['lightgbm'], replicas: 1 });
    const stable = readySeldonModel({ name: 'fraud-v32', namespace: 'risk-ml', labels: {}, storageUri: 's3://acme-models/fraud-detector/3.2.0/model.txt', requirements: ['lightgbm'], replicas: 2 });
    const experiment = {
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Experiment',
      metadata: { name: 'fraud-canary', namespace: 'risk-ml' },
      spec: { default: 'fraud-v32', candidates: [{ name: 'fraud-v32', weight: 75 }, { name: 'fraud-v33', weight: 25 }] },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    expect(clusterVerdict(on('prod-eu', [stable, candidate, experiment]), '3.2.0', fraudVersions)).toEqual({
      state: 'rolling-out',
      version: '3.3.0',
      percent: 25,
      rest: [{ version: '3.2.0', revision: 'fraud-v32', percent: 75 }],
    });
  });

  it('names an artifact or a version label the registry does not hold, and trusts the artifact over a label', () => {
    expect(clusterVerdict(on('c', [churn('s3://scratch/jane/churn-try-7/model.ubj')]), '1.0.0', churnVersions)).toEqual({
      state: 'unregistered-artifact',
      artifacts: ['s3://scratch/jane/churn-try-7/model.ubj'],
    });
    // The label says 1.1.0, the artifact loaded is 1.0.0's: 1.0.0 is what runs.
    expect(clusterVerdict(on('c', [churn('s3://acme-models/churn-classifier/1.0.0/model.ubj', { 'modelport.io/version': '1.1.0' })]), '1.1.0', churnVersions)).toEqual({
      state: 'mismatch',
      running: ['1.0.0'],
    });
    const deployment = (labels: Record<string, string>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'churn', namespace: 'customer-ml', labels }, spec: { replicas: 1 } });
    expect(clusterVerdict(on('c', [deployment({ 'modelport.io/version': '9.9.9' })]), '1.0.0', churnVersions)).toEqual({ state: 'unregistered-artifact', artifacts: ['version 9.9.9'] });
    expect(clusterVerdict(on('c', [deployment({ 'modelport.io/version': '1.0.0' })]), '1.0.0', churnVersions)).toEqual({ state: 'in-line', version: '1.0.0' });
    expect(clusterVerdict(on('c', [deployment({})]), '1.0.0', churnVersions)).toEqual({ state: 'unidentified', objects: ['Deployment/customer-ml/churn'] });
  });

  it('is not deployed when an approved version runs nowhere, and unreachable when the cluster was not read', () => {
    expect(clusterVerdict(on('c', []), '1.0.0', churnVersions)).toEqual({ state: 'not-deployed' });
    expect(clusterVerdict(on('c', []), undefined, churnVersions)).toEqual({ state: 'in-line' });
    const failure = { kind: 'timeout' as const, message: "Cluster 'prod-us': no complete answer within 10000 ms" };
    expect(clusterVerdict(on('prod-us', [], { failure }), '1.0.0', churnVersions)).toEqual({ state: 'cluster-unreachable', failure });
  });

  it('cannot say in line or not deployed when a type could not be listed, but says what it saw running', () => {
    const forbidden = { seldonModels: { kind: 'forbidden' as const, message: 'models.mlops.seldon.io is forbidden' } };
    expect(clusterVerdict(on('prod-eu', [churnProd], { unavailable: forbidden }), '1.0.0', churnVersions)).toEqual({ state: 'cluster-unreachable', failure: forbidden.seldonModels });
    expect(clusterVerdict(on('prod-eu', [], { unavailable: forbidden }), '1.0.0', churnVersions)).toMatchObject({ state: 'cluster-unreachable' });
    expect(clusterVerdict(on('prod-eu', [churnProd], { unavailable: forbidden }), '1.1.0', churnVersions)).toEqual({ state: 'mismatch', running: ['1.0.0'] });
    // A type that is not installed cannot run anything: the verdict stands.
    const absent = { seldonModels: { kind: 'not-installed' as const, message: 'Model is not installed' } };
    expect(clusterVerdict(on('prod-eu', [churnProd], { unavailable: absent }), '1.0.0', churnVersions)).toEqual({ state: 'in-line', version: '1.0.0' });
  });

  it("gives each environment its clusters' verdicts and the most severe of them, or not-watched without a cluster", () => {
    const failure = { kind: 'unreachable' as const, message: "Cluster 'prod-us': ECONNREFUSED" };
    const serving = {
      modelRef: 'model:default/churn-classifier',
      clusters: [on('prod-eu', [churnProd]), on('prod-us', [], { failure }), { ...on('staging-eu', [churnCanary]), environment: 'staging' }],
    };
    expect(environmentVerdicts(['dev', 'staging', 'prod'], { staging: '1.0.0', prod: '1.0.0' }, churnVersions, serving)).toEqual([
      { environment: 'dev', approved: undefined, verdict: { state: 'not-watched' }, clusters: [] },
      {
        environment: 'staging',
        approved: '1.0.0',
        verdict: expect.objectContaining({ state: 'rolling-out', version: '1.1.0', percent: 10 }),
        clusters: [{ cluster: 'staging-eu', verdict: expect.objectContaining({ state: 'rolling-out' }) }],
      },
      {
        environment: 'prod',
        approved: '1.0.0',
        verdict: { state: 'cluster-unreachable', failure },
        clusters: [
          { cluster: 'prod-eu', verdict: { state: 'in-line', version: '1.0.0' } },
          { cluster: 'prod-us', verdict: { state: 'cluster-unreachable', failure } },
        ],
      },
    ]);
  });
});
