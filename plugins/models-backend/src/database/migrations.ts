import { type DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * The one owner of the plugin's schema: the registry's, the audit log's, the observability snapshots' and the
 * serving collection's tables share one migrations folder and one knex_migrations table, so every store is built on
 * a database migrated here.
 */
const migrationsDir = resolvePackagePath('@modelport/plugin-models-backend', 'migrations');

export async function migrateModelsDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

export async function rollbackModelsDatabase(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ directory: migrationsDir }, true);
}

/** The plugin's database client, migrated unless the deployment migrates on its own (`migrations.skip`). */
export async function connectModelsDatabase(database: Pick<DatabaseService, 'getClient' | 'migrations'>): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) await migrateModelsDatabase(knex);
  return knex;
}
