import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { churnModel } from '../__testUtils__/fixtures';
import { fakeHttpServer } from '../__testUtils__/fakeHttpServer';
import { modelsPlugin } from '../plugin';
import { KnexObservabilityStore } from './KnexObservabilityStore';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/**
 * The test database, closed to new queries once the root shutdown hooks run, as Backstage's database manager
 * destroys its clients there (at the same time as the scheduler aborts its tasks); the test reads it afterwards.
 */
function closingDatabase(knex: Knex) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { rootLifecycle: coreServices.rootLifecycle },
    factory: ({ rootLifecycle }) => {
      let closed = false;
      rootLifecycle.addShutdownHook(() => {
        closed = true;
      });
      const refuseWhenClosed = () => {
        if (closed) throw new Error('Unable to acquire a connection: the database was closed at shutdown');
      };
      const client = new Proxy(knex, {
        apply(target, thisArg, args) {
          refuseWhenClosed();
          return Reflect.apply(target, thisArg, args);
        },
        get(target, key) {
          if (key === 'transaction' || key === 'raw') refuseWhenClosed();
          return Reflect.get(target, key);
        },
      });
      return { getClient: async () => client, migrations: { skip: false } };
    },
  });
}

describe.each(databases.eachSupportedId())('the observability task on %s', databaseId => {
  it('gives its lock back when the backend stops in the middle of a cycle that waits on Prometheus', async () => {
    const knex = await databases.init(databaseId);
    // A Prometheus that takes the cycle's queries and never answers them (its timeout is ten minutes away).
    let queried!: () => void;
    const firstQuery = new Promise<void>(resolve => (queried = resolve));
    const prometheus = await fakeHttpServer(() => queried());
    try {
      const backend = await startTestBackend({
        features: [
          modelsPlugin,
          // The real scheduler, with its lock table in the plugin's database, as in production.
          schedulerServiceFactory,
          closingDatabase(knex),
          catalogServiceMock.factory({ entities: [churnModel] }),
          mockServices.rootConfig.factory({
            data: { models: { prometheus: { instances: [{ name: 'main', url: prometheus.url, timeout: { minutes: 10 } }] }, observability: { interval: { minutes: 5 } } } },
          }),
        ],
      });
      // The cycle starts after the task's initial delay of 15 s.
      await firstQuery;
      const lock = () => knex('backstage_backend_tasks__tasks').where({ id: 'models-observability' }).first('current_run_ticket');
      expect((await lock()).current_run_ticket).toEqual(expect.any(String));

      await backend.stop();

      expect((await lock()).current_run_ticket).toBeNull();
      // The abandoned cycle stored nothing: no failure of a Prometheus that did nothing wrong, no snapshot.
      const store = new KnexObservabilityStore(knex);
      expect(await store.attempts()).toEqual(new Map());
      expect(await store.latestAll()).toEqual([]);
    } finally {
      await prometheus.close();
    }
  }, 60_000);
});
