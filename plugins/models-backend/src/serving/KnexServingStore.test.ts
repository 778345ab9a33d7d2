import { TestDatabases } from '@backstage/backend-test-utils';
import { canaryInferenceService, exampleClusters, readyInferenceService } from '@internal/kubernetes-sandbox';
import { migrateModelsDatabase } from '../database/migrations';
import { snapshotOf } from './clusterSnapshot';
import { KnexServingStore } from './KnexServingStore';
import type { ClusterRead } from './readCluster';
import { revisionKey } from './ServingStore';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const read = (cluster: string, extra: Partial<ClusterRead> = {}): ClusterRead => ({
  cluster,
  environment: 'prod',
  objects: { inferenceServices: exampleClusters['prod-eu'].filter(o => o.kind === 'InferenceService'), seldonModels: [], seldonExperiments: [], deployments: [] },
  unavailable: { seldonExperiments: { kind: 'not-installed', message: "Cluster 'x': Experiment is not installed" } },
  calls: 4,
  ...extra,
});

describe.each(databases.eachSupportedId())('KnexServingStore on %s', databaseId => {
  async function store() {
    const knex = await databases.init(databaseId);
    await migrateModelsDatabase(knex);
    return new KnexServingStore(knex);
  }

  it('keeps the last good read of a cluster that stops answering, with the failure and both times', async () => {
    const s = await store();
    await s.saveCycle([snapshotOf(read('prod-eu'), '2026-12-02T10:00:00.000Z')]);
    const failure = { kind: 'unreachable' as const, message: "Cluster 'prod-eu': connect ECONNREFUSED" };
    await s.saveCycle([read('prod-eu', { objects: {}, failure }), read('prod-us', { objects: {}, failure })].map(r => snapshotOf(r, '2026-12-02T10:01:00.000Z')));

    const [eu, us] = await s.snapshots();
    expect(eu).toMatchObject({
      cluster: 'prod-eu',
      readAt: '2026-12-02T10:00:00.000Z',
      attemptAt: '2026-12-02T10:01:00.000Z',
      failure,
      unavailable: { seldonExperiments: { kind: 'not-installed' } },
    });
    expect(eu.objects.map(o => o.object.name)).toEqual(['churn-classifier']);
    expect(eu.objects[0]).toMatchObject({ labels: { 'modelport.io/model': 'churn-classifier' }, namespace: 'customer-ml', object: { kind: 'InferenceService', ready: 'True' } });
    // Never read: no objects, no read time, only the failed attempt.
    expect(us).toEqual({ cluster: 'prod-us', environment: 'prod', readAt: undefined, attemptAt: '2026-12-02T10:01:00.000Z', failure, unavailable: {}, objects: [] });

    // The next complete read replaces everything and clears the failure.
    await s.saveCycle([snapshotOf(read('prod-eu', { objects: { inferenceServices: [] }, unavailable: {} }), '2026-12-02T10:02:00.000Z')]);
    expect((await s.snapshots())[0]).toMatchObject({ readAt: '2026-12-02T10:02:00.000Z', failure: undefined, objects: [], unavailable: {} });
  });

  it('remembers which artifact each settled KServe revision served, and nothing of a revision still catching up', async () => {
    const s = await store();
    const churn = { name: 'churn-classifier', namespace: 'customer-ml', cluster: 'staging-eu', labels: {}, format: 'xgboost' };
    const v1 = readyInferenceService({ ...churn, storageUri: 's3://acme-models/churn-classifier/1.0.0/model.ubj', revision: 3 });
    // A new spec the controller has not observed yet: its latest ready revision still serves the artifact before.
    const unobserved = { ...v1, metadata: { ...v1.metadata, generation: 4 }, spec: { predictor: { model: { storageUri: 's3://acme-models/churn-classifier/1.1.0/model.ubj' } } } };
    const isvcs = (...objects: object[]) => read('staging-eu', { objects: { inferenceServices: objects } });
    await s.saveCycle([snapshotOf(isvcs(v1), '2026-12-02T10:00:00.000Z')]);
    await s.saveCycle([snapshotOf(isvcs(unobserved), '2026-12-02T10:01:00.000Z')]);
    await s.saveCycle([snapshotOf(isvcs(canaryInferenceService({ ...churn, storageUri: 's3://acme-models/churn-classifier/1.1.0/model.ubj', revision: 4, percent: 10 })), '2026-12-02T10:02:00.000Z')]);
    const seen = await s.revisionArtifacts();
    expect(Object.fromEntries([...seen].map(([k, v]) => [JSON.parse(k).join(' '), v]))).toEqual({
      'staging-eu customer-ml churn-classifier churn-classifier-predictor-00003': 's3://acme-models/churn-classifier/1.0.0/model.ubj',
      'staging-eu customer-ml churn-classifier churn-classifier-predictor-00004': 's3://acme-models/churn-classifier/1.1.0/model.ubj',
    });
    expect(seen.get(revisionKey('staging-eu', 'customer-ml', 'churn-classifier', 'churn-classifier-predictor-00003'))).toBe('s3://acme-models/churn-classifier/1.0.0/model.ubj');
  });
});
