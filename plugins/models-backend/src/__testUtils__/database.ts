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
