import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { coreServices, createServiceFactory, type SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import type { RegistryModelLink } from '@modelport/plugin-models-common';
import http from 'node:http';
import type net from 'node:net';
import request from 'supertest';
import { perPluginDatabases } from '../__testUtils__/perPluginDatabases';
import { catalogModuleModels } from '../module';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const churn: RegistryModelLink = {
  connector: 'mlflow-prod',
  flavour: 'mlflow',
  externalName: 'Churn Model',
  modelRef: 'model:default/churn-model',
  description: 'Predicts churn',
  tags: { task: 'classification', owner: 'customer-ml' },
  aliases: { champion: '3' },
  owner: 'group:default/customer-ml',
  url: 'https://mlflow.example.com/#/models/Churn%20Model',
  updatedAt: '2026-12-05T10:00:00.000Z',
  firstSeenAt: '2026-12-01T10:00:00.000Z',
  lastSeenAt: '2026-12-05T10:00:00.000Z',
};
const retired: RegistryModelLink = {
  connector: 'uc-main',
  flavour: 'unity-catalog',
  externalName: 'main.ml.fraud',
  modelRef: 'model:databricks/main.ml.fraud',
  tags: {},
  aliases: {},
  owner: 'group:default/ml-platform',
  firstSeenAt: '2026-12-01T10:00:00.000Z',
  lastSeenAt: '2026-12-04T10:00:00.000Z',
  deletedAt: '2026-12-04T10:10:00.000Z',
};

/** The models backend's `GET /registries/models`, as a real local server that answers what the test says. */
async function modelsBackend() {
  const state = { links: [churn, retired], failing: false, authorizations: [] as string[] };
  const server = http.createServer((req, res) => {
    state.authorizations.push(req.headers.authorization ?? '');
    if (req.url !== '/api/models/registries/models' || state.failing) {
      res.writeHead(state.failing ? 500 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { name: 'Error', message: 'down' }, response: { statusCode: 500 } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items: state.links }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return { state, url, close: () => new Promise(resolve => server.close(resolve)) };
}

describe.each(databases.eachSupportedId())('the registries provider with the real catalog on %s', databaseId => {
  it('offers every imported model as a Model, deleted ones deprecated, and keeps them while the models backend fails', async () => {
    const models = await modelsBackend();
    const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
    const capture = async (task: SchedulerServiceTaskInvocationDefinition) => void tasks.set(task.id, task);
    const database = perPluginDatabases(databaseId, 'registries');
    const backend = await startTestBackend({
      features: [
        databaseServiceFactory,
        catalogPlugin,
        catalogModuleModels,
        // The models backend elsewhere: the catalog's own calls stay on this backend.
        createServiceFactory({
          service: coreServices.discovery,
          deps: {},
          factory: () => {
            const base = async (pluginId: string) => (pluginId === 'models' ? `${models.url}/api/models` : `http://127.0.0.1:1/api/${pluginId}`);
            return { getBaseUrl: base, getExternalBaseUrl: base };
          },
        }),
        mockServices.scheduler.mock({ scheduleTask: capture, createScheduledTaskRunner: () => ({ run: capture }) }).factory,
        mockServices.rootConfig.factory({
          data: {
            backend: { database: database.config },
            catalog: { processingInterval: { seconds: 1 }, rules: [{ allow: ['Model'] }], providers: { modelportRegistries: {} } },
          },
        }),
      ],
    });
    const user = mockCredentials.user.header('user:default/jane');
    const offered = async () =>
      (await request(backend.server).get('/api/catalog/entities/by-query?filter=kind=model').set('Authorization', user).expect(200)).body.items.sort((a: any, b: any) =>
        a.metadata.name.localeCompare(b.metadata.name),
      );
    const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean) => {
      for (;;) {
        const value = await read();
        if (done(value)) return value;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    };
    const refresh = () => tasks.get('modelport-registries:refresh')!.fn(new AbortController().signal);
    try {
      await refresh();
      const [live, deleted] = await until(offered, items => items.length === 2);
      expect(live).toMatchObject({
        kind: 'Model',
        metadata: {
          name: 'churn-model',
          namespace: 'default',
          title: 'Churn Model',
          annotations: { 'modelport.io/registered-model': 'mlflow-prod/Churn Model', 'backstage.io/managed-by-location': 'modelport-registries:mlflow-prod/Churn Model' },
          links: [{ url: 'https://mlflow.example.com/#/models/Churn%20Model', title: 'Churn Model in mlflow-prod' }],
          tags: ['mlflow'],
        },
        spec: { type: 'classification', lifecycle: 'production', owner: 'group:default/customer-ml' },
      });
      expect(live.metadata.annotations['modelport.io/registry-deleted-at']).toBeUndefined();
      expect(deleted).toMatchObject({
        metadata: { name: 'main.ml.fraud', namespace: 'databricks', annotations: { 'modelport.io/registry-deleted-at': '2026-12-04T10:10:00.000Z' } },
        spec: { type: 'unclassified', lifecycle: 'deprecated', owner: 'group:default/ml-platform' },
      });
      // Asked with the catalog's own service token, for the models plugin.
      expect(models.state.authorizations[0]).toMatch(/^Bearer .*plugin:catalog/);

      // The models backend fails: what was offered stays.
      models.state.failing = true;
      await refresh();
      expect(await offered()).toHaveLength(2);

      // A link gone from the list goes from the catalog.
      models.state.failing = false;
      models.state.links = [churn];
      await refresh();
      await until(offered, items => items.length === 1 && items[0].metadata.name === 'churn-model');
    } finally {
      await backend.stop();
      await database.drop();
      await models.close();
    }
  });
});
