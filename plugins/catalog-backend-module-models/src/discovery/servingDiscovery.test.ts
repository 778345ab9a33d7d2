import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { exampleClusters, readyInferenceService, startSandboxCluster, type SandboxCluster } from '@internal/kubernetes-sandbox';
import path from 'node:path';
import request from 'supertest';
import { perPluginDatabases } from '../__testUtils__/perPluginDatabases';
import { catalogModuleModels } from '../module';
import { discoveredEntityName } from './discoveredEntities';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

// Served with no labels at all, as `kubectl apply` of KServe's own examples leaves it: nothing selects it.
const unlabelled = readyInferenceService({
  name: 'sklearn-iris',
  namespace: 'kserve-test',
  cluster: 'prod-eu',
  labels: {},
  format: 'sklearn',
  storageUri: 'gs://kfserving-examples/models/sklearn/1.0/model',
  revision: 1,
});

describe.each(databases.eachSupportedId())('serving discovery with the real catalog, models and Kubernetes backends on %s', databaseId => {
  let cluster: SandboxCluster;
  beforeAll(async () => {
    cluster = await startSandboxCluster({ token: 'eu', objects: [...exampleClusters['prod-eu'], unlabelled] });
  });
  afterAll(async () => cluster?.close());

  it('offers an InferenceService no Model describes as a discovered Model, and withdraws it when the object goes', async () => {
    const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
    const capture = async (task: SchedulerServiceTaskInvocationDefinition) => void tasks.set(task.id, task);
    const database = perPluginDatabases(databaseId, 'discovery');
    const backend = await startTestBackend({
      features: [
        databaseServiceFactory,
        catalogPlugin,
        catalogModuleModels,
        // The real models backend beside the catalog: the provider reads what its serving collection found.
        // eslint-disable-next-line @backstage/no-mixed-plugin-imports
        import('@modelport/plugin-models-backend'),
        import('@backstage/plugin-kubernetes-backend'),
        mockServices.scheduler.mock({ scheduleTask: capture, createScheduledTaskRunner: () => ({ run: capture }) }).factory,
        mockServices.rootConfig.factory({
          data: {
            backend: { database: database.config },
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Model'] }],
              locations: [{ type: 'file', target: path.resolve(__dirname, '../../../../examples/models.yaml') }],
              providers: { modelportServing: { owner: 'group:default/ml-platform' } },
            },
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [{ type: 'config', clusters: [{ name: 'prod-eu', url: cluster.url, authProvider: 'serviceAccount', serviceAccountToken: 'eu' }] }],
            },
            models: { serving: { clusters: [{ name: 'prod-eu', environment: 'prod' }] } },
          },
        }),
      ],
    });
    const user = mockCredentials.user.header('user:default/jane');
    const models = async () => (await request(backend.server).get('/api/catalog/entities/by-query?filter=kind=model').set('Authorization', user).expect(200)).body.items;
    const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean) => {
      for (;;) {
        const value = await read();
        if (done(value)) return value;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    };
    try {
      // The example Models, which describe churn-classifier's and fraud-detector's objects on prod-eu.
      await until(models, items => items.length >= 10);
      await tasks.get('models-serving')!.fn(new AbortController().signal);
      await tasks.get('modelport-serving-discovery:refresh')!.fn(new AbortController().signal);

      const name = discoveredEntityName('kserve-test', 'sklearn-iris');
      const discovered = (await until(models, items => items.some((e: any) => e.metadata.namespace === 'discovered'))).filter((e: any) => e.metadata.namespace === 'discovered');
      // Only the unlabelled one: the example models' objects are theirs, and the offer names exactly its object.
      expect(discovered).toHaveLength(1);
      expect(discovered[0]).toMatchObject({
        kind: 'Model',
        metadata: {
          name,
          title: 'sklearn-iris (discovered)',
          tags: ['discovered', 'sklearn'],
          annotations: { 'modelport.io/discovered-in': 'prod-eu', 'modelport.io/serving-object': 'InferenceService/kserve-test/sklearn-iris' },
        },
        spec: { owner: 'group:default/ml-platform' },
      });

      // The offer is a Model like any other: its Serving card finds its object, and it is never counted as describing it.
      const serving = await request(backend.server).get(`/api/models/models/discovered/${name}/serving`).set('Authorization', user).expect(200);
      expect(serving.body.clusters[0].objects).toMatchObject([{ kind: 'InferenceService', namespace: 'kserve-test', name: 'sklearn-iris', ready: 'True' }]);
      await tasks.get('modelport-serving-discovery:refresh')!.fn(new AbortController().signal);
      expect((await models()).filter((e: any) => e.metadata.namespace === 'discovered')).toHaveLength(1);

      // Only services may ask which objects no Model takes: a user's catalog view may be narrowed by permissions.
      await request(backend.server).get('/api/models/serving/discovered').set('Authorization', user).expect(403);

      // The object is deleted from the cluster: the next collection and refresh withdraw the offer.
      cluster.set({ objects: exampleClusters['prod-eu'] });
      await tasks.get('models-serving')!.fn(new AbortController().signal);
      await tasks.get('modelport-serving-discovery:refresh')!.fn(new AbortController().signal);
      await until(models, items => !items.some((e: any) => e.metadata.namespace === 'discovered'));
    } finally {
      await backend.stop();
      await database.drop();
    }
  });
});
