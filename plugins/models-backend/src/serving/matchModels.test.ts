import { exampleModel, exampleModels } from '@internal/test-fixtures';
import { exampleClusters, readyInferenceService, type KubeObject } from '@internal/kubernetes-sandbox';
import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import { snapshotOf } from './clusterSnapshot';
import { matchModels } from './matchModels';
import type { ClusterRead } from './readCluster';

const models = exampleModels<ModelEntityV1alpha1>().map(m => ({ ...m, metadata: { namespace: 'default', ...m.metadata } }));
const kindOf = (o: KubeObject) => (o.kind === 'InferenceService' ? 'inferenceServices' : 'seldonModels');
const at = '2026-12-02T10:00:00.000Z';
const readOf = (cluster: string, environment: string, objects: KubeObject[]) => {
  const byType: ClusterRead['objects'] = { inferenceServices: [], seldonModels: [], seldonExperiments: [], deployments: [] };
  for (const o of objects) byType[kindOf(o)]!.push(o);
  return snapshotOf({ cluster, environment, objects: byType, unavailable: {}, calls: 4 }, at);
};
const withAnnotations = (name: string, annotations: Record<string, string>): ModelEntityV1alpha1 => {
  const model = exampleModel<ModelEntityV1alpha1>(name);
  return { ...model, metadata: { ...model.metadata, annotations } };
};
const isvc = (name: string, namespace: string, labels: Record<string, string>) =>
  readyInferenceService({ name, namespace, cluster: 'prod-eu', labels, format: 'sklearn', storageUri: `s3://m/${name}/1`, revision: 1 });

describe('matching serving objects to Models', () => {
  const reads = [
    readOf('prod-eu', 'prod', exampleClusters['prod-eu']),
    readOf('staging-eu', 'staging', exampleClusters['staging-eu']),
    snapshotOf({ cluster: 'prod-us', environment: 'prod', objects: {}, unavailable: {}, failure: { kind: 'timeout', message: "Cluster 'prod-us': no complete answer" }, calls: 4 }, at),
  ];
  const byRef = Object.fromEntries(matchModels(models, reads).map(s => [s.modelRef, s]));
  const names = (ref: string, cluster: string) => byRef[ref].clusters.find(c => c.cluster === cluster)!.objects.map(o => `${o.kind}/${o.name}`);

  it("finds each example model's objects by its label selector or its kubernetes-id, on every cluster", () => {
    expect(names('model:default/churn-classifier', 'prod-eu')).toEqual(['InferenceService/churn-classifier']);
    expect(names('model:default/churn-classifier', 'staging-eu')).toEqual(['InferenceService/churn-classifier']);
    expect(names('model:default/fraud-detector', 'prod-eu')).toEqual(['SeldonModel/fraud-detector']);
    expect(names('model:default/clinical-notes-summarizer', 'staging-eu')).toEqual(['InferenceService/clinical-notes-summarizer']);
    expect(names('model:default/demand-forecaster', 'prod-eu')).toEqual([]);
    // The cluster that failed is there, with its failure, for every model: nothing of it is shown as current.
    expect(byRef['model:default/churn-classifier'].clusters.find(c => c.cluster === 'prod-us')).toMatchObject({ failure: { kind: 'timeout' }, objects: [] });
  });

  it('says why a model cannot be matched: no annotation, an empty or an invalid selector', () => {
    const [none, empty, invalid] = matchModels(
      [
        withAnnotations('churn-classifier', {}),
        withAnnotations('fraud-detector', { 'backstage.io/kubernetes-label-selector': '' }),
        withAnnotations('demand-forecaster', { 'backstage.io/kubernetes-label-selector': 'app in ()' }),
      ],
      reads,
    );
    expect(none).toEqual({ modelRef: 'model:default/churn-classifier', problem: expect.stringContaining('no backstage.io/kubernetes-id, backstage.io/kubernetes-label-selector or modelport.io/serving-object'), clusters: [] });
    expect(empty.problem).toBe('backstage.io/kubernetes-label-selector is empty and would select every object');
    expect(invalid.problem).toContain('in needs at least one value');
  });

  it('takes exactly the object a serving-object annotation names, and never one declared as another model’s', () => {
    const unlabelled = readOf('prod-eu', 'prod', [isvc('scorer', 'risk', {}), isvc('scorer', 'other', {}), ...exampleClusters['prod-eu']]);
    const [named, thief] = matchModels(
      [
        withAnnotations('demand-forecaster', { 'modelport.io/serving-object': 'InferenceService/risk/scorer' }),
        withAnnotations('credit-default-scorer', { 'modelport.io/serving-object': 'SeldonModel/risk-ml/fraud-detector' }),
      ],
      [unlabelled],
    );
    expect(named.clusters[0].objects.map(o => `${o.namespace}/${o.name}`)).toEqual(['risk/scorer']);
    // fraud-detector's Seldon Model carries backstage.io/kubernetes-id: fraud-detector, so only that id may take it.
    expect(thief.clusters[0].objects).toEqual([]);
  });

  it("never lets one model's selector take an object that declares another model's kubernetes-id", () => {
    const greedy = withAnnotations('demand-forecaster', { 'backstage.io/kubernetes-label-selector': 'modelport.io/version' });
    const [fraud, other] = matchModels([models.find(m => m.metadata.name === 'fraud-detector')!, greedy], reads);
    expect(fraud.clusters[0].objects.map(o => o.name)).toEqual(['fraud-detector']);
    expect(fraud.clusters[0].sharedWith).toEqual({});
    expect(other.clusters[0].objects).toEqual([]);
  });

  it('gives an undeclared object to every model that selects it, each told who else does', () => {
    const broad = withAnnotations('demand-forecaster', { 'backstage.io/kubernetes-label-selector': 'modelport.io/model in (churn-classifier, demand-forecaster)' });
    const [churn, other] = matchModels([models.find(m => m.metadata.name === 'churn-classifier')!, broad], reads);
    expect(churn.clusters[0].objects.map(o => o.name)).toEqual(['churn-classifier']);
    expect(churn.clusters[0].sharedWith).toEqual({ 'InferenceService/customer-ml/churn-classifier': ['model:default/demand-forecaster'] });
    expect(other.clusters[0].sharedWith).toEqual({ 'InferenceService/customer-ml/churn-classifier': ['model:default/churn-classifier'] });
  });

  it('keeps to the namespace a model names, and reports its malformed objects as findings', () => {
    const scoped = withAnnotations('churn-classifier', { 'backstage.io/kubernetes-id': 'churn', 'backstage.io/kubernetes-namespace': 'customer-ml' });
    const malformed = { ...isvc('churn-b', 'customer-ml', { 'backstage.io/kubernetes-id': 'churn' }), spec: { predictor: { canaryTrafficPercent: 'ten' } } };
    const [match] = matchModels(
      [scoped],
      [readOf('prod-eu', 'prod', [isvc('churn-a', 'customer-ml', { 'backstage.io/kubernetes-id': 'churn' }), isvc('churn-x', 'elsewhere', { 'backstage.io/kubernetes-id': 'churn' }), malformed])],
    );
    expect(match.clusters[0].objects.map(o => o.name)).toEqual(['churn-a']);
    expect(match.clusters[0].unreadable).toEqual([
      { kind: 'InferenceService', namespace: 'customer-ml', name: 'churn-b', problem: expect.stringContaining('spec.predictor.canaryTrafficPercent') },
    ]);
  });
});
