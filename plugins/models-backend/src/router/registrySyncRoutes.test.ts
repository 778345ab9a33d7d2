import { createBackendModule, type SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { registryModelEntity } from '@modelport/plugin-models-common';
import { modelsRegistryConnectorsExtensionPoint } from '@modelport/plugin-models-node';
import request from 'supertest';
import { MemoryConnector } from '../connectors/__testUtils__/MemoryConnector';
import { specChecked, stopChecked } from '../__testUtils__/specCheck';
import { userInfoWithGroups } from '../__testUtils__/fixtures';
import { modelsPlugin } from '../plugin';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const as = (user: string) => mockCredentials.user.header(`user:default/${user}`);
const catalogService = mockCredentials.service.header({ onBehalfOf: mockCredentials.service('plugin:catalog'), targetPluginId: 'models' });

// The entity the catalog's provider offers for MLflow's `churn`: promotions in Modelport need it in the catalog.
const offered = registryModelEntity({
  connector: 'mlflow-prod',
  flavour: 'mlflow',
  externalName: 'churn',
  modelRef: 'model:default/churn',
  tags: { owner: 'customer-ml' },
  aliases: { champion: '1' },
  owner: 'group:default/customer-ml',
  firstSeenAt: '2026-12-05T10:00:00.000Z',
  lastSeenAt: '2026-12-05T10:00:00.000Z',
});

describe.each(databases.eachSupportedId())('the registries API on %s', databaseId => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let checked: Awaited<ReturnType<typeof specChecked>>;
  let connector: MemoryConnector;
  let tasks: Map<string, SchedulerServiceTaskInvocationDefinition>;
  const api = () => request(checked.server);

  beforeEach(async () => {
    tasks = new Map();
    connector = new MemoryConnector('mlflow-prod', { aliasEnvironments: { champion: 'dev' }, writeBack: true });
    connector.setModel({ name: 'churn', tags: { owner: 'customer-ml' }, aliases: { champion: '1' } }, '2026-12-05T10:00:00.000Z');
    connector.addVersion({ modelName: 'churn', version: '1' });
    connector.addVersion({ modelName: 'churn', version: '2' });
    const registryModule = createBackendModule({
      pluginId: 'models',
      moduleId: 'memory-registry',
      register(reg) {
        reg.registerInit({ deps: { connectors: modelsRegistryConnectorsExtensionPoint }, init: async ({ connectors }) => connectors.addConnector(connector) });
      },
    });
    backend = await startTestBackend({
      features: [
        modelsPlugin,
        registryModule,
        mockServices.database.factory({ knex: await databases.init(databaseId) }),
        catalogServiceMock.factory({ entities: [offered] }),
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.scheduler.mock({ scheduleTask: async task => void tasks.set(task.id, task) }).factory,
        mockServices.rootConfig.factory({
          data: { models: { registrySync: { frequency: { minutes: 3 } }, registry: { environments: [{ name: 'dev', policy: { approvals: 0 } }] } } },
        }),
        userInfoWithGroups({ 'user:default/jane': ['group:default/customer-ml'] }),
        // eve may read but not sync; mallory may not even see the model.
        mockServices.permissions.mock({
          authorize: async (requests, { credentials }) => {
            const user = (credentials.principal as { userEntityRef?: string }).userEntityRef;
            return requests.map(r => ({
              result: user === 'user:default/mallory' || (user === 'user:default/eve' && r.permission.name === 'models.registry.sync') ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
            }));
          },
        }).factory,
      ],
    });
    checked = await specChecked(backend.server);
  });

  afterEach(() => stopChecked(checked, backend));

  it('asks for credentials on every route', async () => {
    const statuses = [
      (await api().get('/api/models/registries')).status,
      (await api().get('/api/models/registries/models')).status,
      (await api().post('/api/models/registries/mlflow-prod/sync')).status,
      (await api().get('/api/models/models/default/churn/registry-link')).status,
    ];
    expect(statuses).toEqual([401, 401, 401, 401]);
  });

  it('imports on its schedule, shows each registry to users and every link to services only', async () => {
    const task = tasks.get('models-registry-sync')!;
    expect(task).toMatchObject({ frequency: { minutes: 3 }, scope: 'global' });
    await task.fn(new AbortController().signal);

    const registries = await api().get('/api/models/registries').set('Authorization', as('eve')).expect(200);
    expect(registries.body.items).toEqual([
      expect.objectContaining({ name: 'mlflow-prod', flavour: 'mlflow', writeBack: true, lastRun: expect.objectContaining({ models: 1, versionsImported: 2 }), writeBacks: { pending: 0, failed: 0 } }),
    ]);
    await api().get('/api/models/registries/models').set('Authorization', as('jane')).expect(403);
    const links = await api().get('/api/models/registries/models').set('Authorization', catalogService).expect(200);
    expect(links.body.items).toEqual([expect.objectContaining({ connector: 'mlflow-prod', externalName: 'churn', modelRef: 'model:default/churn', owner: 'group:default/customer-ml' })]);

    const versions = await api().get('/api/models/models/default/churn/versions').set('Authorization', as('jane')).expect(200);
    expect(versions.body.items.map((v: { version: string }) => v.version)).toEqual(['2', '1']);
  });

  it('syncs now for those allowed, and names an unknown registry', async () => {
    await api().post('/api/models/registries/mlflow-prod/sync').set('Authorization', as('eve')).expect(403);
    await api().post('/api/models/registries/nope/sync').set('Authorization', as('jane')).expect(404);
    const res = await api().post('/api/models/registries/mlflow-prod/sync').set('Authorization', as('jane')).expect(200);
    expect(res.body).toMatchObject({ name: 'mlflow-prod', lastSuccessAt: expect.any(String), lastRun: { versionsImported: 2 }, totalVersionsImported: 2 });
  });

  it("moves the mapped alias after a promotion in Modelport, and shows it on the model's link", async () => {
    await api().post('/api/models/registries/mlflow-prod/sync').set('Authorization', as('jane')).expect(200);
    await api().post('/api/models/models/default/churn/promotions').set('Authorization', as('jane')).send({ version: '2', environment: 'dev' }).expect(201);

    const link = async () => (await api().get('/api/models/models/default/churn/registry-link').set('Authorization', as('jane')).expect(200)).body;
    let body = await link();
    for (let i = 0; i < 200 && body.aliasWrites[0]?.status !== 'done'; i++) {
      await new Promise(resolve => setTimeout(resolve, 25));
      body = await link();
    }
    expect(body.aliasWrites).toEqual([expect.objectContaining({ alias: 'champion', environment: 'dev', version: '2', status: 'done', attempts: 1 })]);
    expect(body.link).toMatchObject({ connector: 'mlflow-prod', externalName: 'churn' });
    expect(connector.calls.setAlias).toEqual([['churn', 'champion', '2']]);
    const audit = await api().get('/api/models/audit').query({ subject: 'model:default/churn' }).set('Authorization', as('jane'));
    expect(audit.body.error).toBeUndefined();
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('registry.alias-written');

    await api().get('/api/models/models/default/churn/registry-link').set('Authorization', as('mallory')).expect(404);
    // A model that was never imported has no link, and nothing found.
    expect((await api().get('/api/models/models/default/other/registry-link').set('Authorization', as('jane')).expect(200)).body).toEqual({ findings: [], aliasWrites: [] });
  });
});
