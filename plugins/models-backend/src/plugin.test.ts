import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { churnModel } from './__testUtils__/fixtures';
import { modelsPlugin } from './plugin';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('the models plugin', () => {
  it('wires one database client, migrated once, into every store', async () => {
    const knex = await databases.init('SQLITE_3');
    // Counts the plugin's uses of knex's migrator, which only the migrations' owner touches.
    let migrations = 0;
    const counted = new Proxy(knex, {
      get(target, key) {
        if (key === 'migrate') migrations += 1;
        return Reflect.get(target, key);
      },
    });
    const getClient = jest.fn(async () => counted);
    const backend = await startTestBackend({
      features: [
        modelsPlugin,
        createServiceFactory({ service: coreServices.database, deps: {}, factory: () => ({ getClient, migrations: { skip: false } }) }),
        catalogServiceMock.factory({ entities: [churnModel] }),
        mockServices.rootConfig.factory({ data: { models: { prometheus: { instances: [{ name: 'main', url: 'http://127.0.0.1:9' }] } } } }),
      ],
    });
    await request(backend.server).get('/api/models/health').expect(200);
    expect(getClient).toHaveBeenCalledTimes(1);
    expect(migrations).toBe(1);
    await backend.stop();
  });
});
