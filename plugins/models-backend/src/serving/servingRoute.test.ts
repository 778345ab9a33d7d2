import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { exampleClusters, readyInferenceService, startSandboxCluster, type SandboxCluster } from '@internal/kubernetes-sandbox';
import { exampleModel } from '@internal/test-fixtures';
import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import request from 'supertest';
import { specChecked } from '../__testUtils__/specCheck';
import { modelsPlugin } from '../plugin';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const models = ['churn-classifier', 'fraud-detector', 'clinical-notes-summarizer'].map(n => exampleModel<ModelEntityV1alpha1>(n));
const jane = mockCredentials.user.header('user:default/jane');

describe.each(databases.eachSupportedId())('the serving API through the real Kubernetes backend on %s', databaseId => {
  let clusters: Record<string, SandboxCluster>;
  beforeAll(async () => {
    clusters = {
      'prod-eu': await startSandboxCluster({ token: 'eu', objects: exampleClusters['prod-eu'] }),
      'staging-eu': await startSandboxCluster({ token: 'staging', objects: exampleClusters['staging-eu'] }),
      // Answers, but not to the token the Kubernetes plugin holds for it.
      'prod-us': await startSandboxCluster({ token: 'rotated', objects: [] }),
    };
  });
  afterAll(async () => Promise.all(Object.values(clusters ?? {}).map(c => c.close())));

  it('collects every cluster in one task and answers what runs where against what the registry approved', async () => {
    const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
    const backend = await startTestBackend({
      features: [
        modelsPlugin,
        import('@backstage/plugin-kubernetes-backend'),
        mockServices.database.factory({ knex: await databases.init(databaseId) }),
        catalogServiceMock.factory({ entities: models }),
        mockServices.scheduler.mock({ scheduleTask: async task => void tasks.set(task.id, task) }).factory,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: Object.entries(clusters).map(([name, c]) => ({ name, url: c.url, authProvider: 'serviceAccount', serviceAccountToken: name === 'staging-eu' ? 'staging' : 'eu' })),
                },
              ],
            },
            models: {
              serving: {
                clusters: [
                  { name: 'prod-eu', environment: 'prod' },
                  { name: 'prod-us', environment: 'prod' },
                  { name: 'staging-eu', environment: 'staging' },
                ],
              },
              // No approvals, so that the test can put versions where it needs them; prod verifies the deployment.
              registry: {
                environments: [
                  { name: 'dev', policy: { approvals: 0 } },
                  { name: 'staging', policy: { approvals: 0 } },
                  { name: 'prod', policy: { approvals: 0, qualityGates: [{ type: 'deployed-in-previous-environment' }] } },
                ],
              },
            },
          },
        }),
      ],
    });
    const checked = await specChecked(backend.server);
    const api = () => request(checked.server);
    try {
      const register = async (model: string, version: string, artifactUri: string) =>
        api().post(`/api/models/models/default/${model}/versions`).set('Authorization', jane).send({ version, artifactUri, framework: 'xgboost' }).expect(201);
      const promotion = (model: string, body: object) => api().post(`/api/models/models/default/${model}/promotions`).set('Authorization', jane).send(body);
      const promote = async (model: string, version: string, environment: string) => promotion(model, { version, environment }).expect(201);
      await register('churn-classifier', '1.0.0', 's3://acme-models/churn-classifier/1.0.0/model.ubj');
      await register('churn-classifier', '1.1.0', 's3://acme-models/churn-classifier/1.1.0/model.ubj');
      for (const env of ['dev', 'staging']) await promote('churn-classifier', '1.0.0', env);
      // Nothing has been read from the clusters yet: the gate fails closed, and only a reason gets past it.
      const unread = await promotion('churn-classifier', { version: '1.0.0', environment: 'prod' }).expect(409);
      expect(unread.body.error.message).toContain('Deployment unverified: 1.0.0 is not seen running in staging: the clusters have not been read yet');
      await promotion('churn-classifier', { version: '1.0.0', environment: 'prod', gateOverride: { reason: 'First release: the serving collection starts with it' } }).expect(201);
      await register('fraud-detector', '3.3.0', 's3://acme-models/fraud-detector/3.3.0/model.txt');

      const pending = await api().get('/api/models/models/default/churn-classifier/serving').set('Authorization', jane).expect(200);
      expect(pending.body).toEqual({ state: 'pending', intervalSeconds: 60, environments: [], clusters: [] });

      // One collection: each cluster's four resource types, one list each (none holds more than a page).
      await tasks.get('models-serving')!.fn(new AbortController().signal);
      expect(clusters['prod-eu'].requests.map(r => r.path).sort()).toEqual([
        '/apis/apps/v1/deployments',
        '/apis/mlops.seldon.io/v1alpha1/experiments',
        '/apis/mlops.seldon.io/v1alpha1/models',
        '/apis/serving.kserve.io/v1beta1/inferenceservices',
      ]);

      const churn = (await api().get('/api/models/models/default/churn-classifier/serving').set('Authorization', jane).expect(200)).body;
      expect(churn.state).toBe('ok');
      const unauthorized = { kind: 'unauthorized', message: expect.stringContaining("Cluster 'prod-us'") };
      expect(churn.environments).toEqual([
        { environment: 'dev', approved: '1.0.0', verdict: { state: 'not-watched' }, clusters: [] },
        {
          environment: 'staging',
          approved: '1.0.0',
          verdict: { state: 'rolling-out', version: '1.1.0', percent: 10, rest: [{ revision: 'churn-classifier-predictor-00003', percent: 90 }] },
          clusters: [{ cluster: 'staging-eu', verdict: expect.objectContaining({ state: 'rolling-out' }) }],
        },
        {
          environment: 'prod',
          approved: '1.0.0',
          // prod-eu runs what was approved; prod-us could not be read, and an environment is only as known as its clusters.
          verdict: { state: 'cluster-unreachable', failure: unauthorized },
          clusters: [
            { cluster: 'prod-eu', verdict: { state: 'in-line', version: '1.0.0' } },
            { cluster: 'prod-us', verdict: { state: 'cluster-unreachable', failure: unauthorized } },
          ],
        },
      ]);
      const byCluster = Object.fromEntries(churn.clusters.map((c: { cluster: string }) => [c.cluster, c]));
      expect(byCluster['prod-eu']).toMatchObject({ stale: false, readAt: expect.any(String), objects: [{ kind: 'InferenceService', name: 'churn-classifier', ready: 'True' }] });
      expect(byCluster['prod-us']).toMatchObject({ stale: true, failure: unauthorized, objects: [] });
      expect(byCluster['prod-us'].readAt).toBeUndefined();

      const fraud = (await api().get('/api/models/models/default/fraud-detector/serving').set('Authorization', jane).expect(200)).body;
      expect(fraud.environments.find((e: { environment: string }) => e.environment === 'prod').clusters[0]).toEqual({
        cluster: 'prod-eu',
        verdict: { state: 'mismatch', running: ['3.3.0'] },
      });

      const summarizer = (await api().get('/api/models/models/default/clinical-notes-summarizer/serving').set('Authorization', jane).expect(200)).body;
      const staging = summarizer.clusters.find((c: { cluster: string }) => c.cluster === 'staging-eu');
      expect(staging.objects[0]).toMatchObject({ ready: 'False', failing: { condition: 'PredictorConfigurationReady' }, model: { activeState: 'FailedToLoad' } });
      // Its artifact is not registered at all: that is the finding, whatever its readiness.
      expect(summarizer.environments.find((e: { environment: string }) => e.environment === 'staging').verdict).toEqual({
        state: 'unregistered-artifact',
        artifacts: ['s3://acme-models/clinical-notes-summarizer/0.9.0/'],
      });

      // The fleet page's column: the same verdicts for every model in one answer, in the catalog's order.
      const fleet = (await api().get('/api/models/fleet').set('Authorization', jane).expect(200)).body.items;
      const servingOf = (name: string) => fleet.find((f: { modelRef: string }) => f.modelRef === `model:default/${name}`).serving;
      expect(servingOf('churn-classifier')).toEqual({ state: 'ok', environments: churn.environments, stale: true, readAt: expect.any(String) });
      expect(servingOf('fraud-detector').environments[2].clusters[0]).toEqual({ cluster: 'prod-eu', verdict: { state: 'mismatch', running: ['3.3.0'] } });
      expect(servingOf('clinical-notes-summarizer').environments[1].verdict).toEqual(summarizer.environments[1].verdict);

      // The gate reads the same collection: a 10% canary in staging is not a verified deployment, all of staging's traffic is.
      for (const env of ['dev', 'staging']) await promote('churn-classifier', '1.1.0', env);
      const canary = await promotion('churn-classifier', { version: '1.1.0', environment: 'prod' }).expect(409);
      expect(canary.body.error.message).toContain(
        'on staging-eu InferenceService customer-ml/churn-classifier serves it to 10% of the traffic only (a canary)',
      );
      clusters['staging-eu'].set({
        objects: [
          readyInferenceService({
            name: 'churn-classifier',
            namespace: 'customer-ml',
            cluster: 'staging-eu',
            labels: { 'modelport.io/model': 'churn-classifier' },
            format: 'xgboost',
            storageUri: 's3://acme-models/churn-classifier/1.1.0/model.ubj',
            revision: 4,
          }),
        ],
      });
      await tasks.get('models-serving')!.fn(new AbortController().signal);
      const verified = await promote('churn-classifier', '1.1.0', 'prod');
      expect(verified.body.gates).toEqual([
        { type: 'deployed-in-previous-environment', passed: true, message: expect.stringMatching(/^1\.1\.0 runs, ready, in staging: InferenceService customer-ml\/churn-classifier on staging-eu/) },
      ]);

      // The next cycle finds prod-eu gone: its last good read stays, marked stale, and its verdict says so.
      const lastGood = (await api().get('/api/models/models/default/churn-classifier/serving').set('Authorization', jane).expect(200)).body;
      const lastGoodRead = lastGood.clusters.find((c: { cluster: string }) => c.cluster === 'prod-eu').readAt;
      await clusters['prod-eu'].close();
      await tasks.get('models-serving')!.fn(new AbortController().signal);
      const later = (await api().get('/api/models/models/default/churn-classifier/serving').set('Authorization', jane).expect(200)).body;
      const eu = later.clusters.find((c: { cluster: string }) => c.cluster === 'prod-eu');
      expect(eu).toMatchObject({ stale: true, readAt: lastGoodRead, failure: { kind: 'unreachable' }, objects: [{ name: 'churn-classifier' }] });
      expect(later.environments[2].clusters[0].verdict).toMatchObject({ state: 'cluster-unreachable', failure: { kind: 'unreachable' } });
    } finally {
      await checked.close();
      await backend.stop();
    }
    expect(checked.violations).toEqual([]);
  });
});
