import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import type { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { KnexAuditLog } from '../audit/KnexAuditLog';
import { connectModelsDatabase } from '../database/migrations';
import { KnexModelRegistryStore } from '../store/KnexModelRegistryStore';

/** The registry store on a test database, migrated as the plugin migrates it. */
export async function registryStoreOn(knex: Knex): Promise<KnexModelRegistryStore> {
  return new KnexModelRegistryStore(await connectModelsDatabase({ getClient: async () => knex }));
}

/** The audit chain of a test database, verified. */
export const verifyAuditChain = (knex: Knex) => new KnexAuditLog(knex).verify();

/**
 * A database service that gives each plugin of a test backend a database of its own, as a real backend does: the
 * given test database to the plugins named, and a fresh one of the same engine to each other plugin on demand.
 * (mockServices.database with one knex hands the same database to every plugin, and their migrations collide.)
 */
export function databasePerPlugin(databases: TestDatabases, databaseId: TestDatabaseId, own: Record<string, Knex>) {
  const others = new Map<string, Promise<Knex>>();
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => ({
      getClient: async () => {
        const id = plugin.getId();
        if (own[id]) return own[id];
        if (!others.has(id)) others.set(id, databases.init(databaseId));
        return others.get(id)!;
      },
    }),
  });
}
