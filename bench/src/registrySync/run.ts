/*
 * The registry sync against the sandbox registry (packages/mlflow-sandbox, MLflow's and Databricks' wire format)
 * with N registered models x M versions: the calls each flavour makes, by path, and what the registry writes, on a
 * first sync and on a second one with nothing changed, through the real connector (the mlflow module) and the
 * real importer, registry service and store of the models backend.
 * Usage: pnpm --filter @modelport/bench registry-sync [--models 10000] [--versions 10] [--flavour mlflow|unity-catalog]
 *   [--db sqlite|postgres]
 */
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { generatedRegistry, startMlflowSandbox } from '@internal/mlflow-sandbox';
import { KnexRegistrySyncStore } from '@modelport/plugin-models-backend/src/connectors/KnexRegistrySyncStore';
import { RegistrySyncService } from '@modelport/plugin-models-backend/src/connectors/RegistrySyncService';
import { readRegistryEnvironments } from '@modelport/plugin-models-backend/src/config/registryConfig';
import { migrateModelsDatabase } from '@modelport/plugin-models-backend/src/database/migrations';
import { RegistryService } from '@modelport/plugin-models-backend/src/service/RegistryService';
import { KnexModelRegistryStore } from '@modelport/plugin-models-backend/src/store/KnexModelRegistryStore';
import { MlflowConnector, UnityCatalogConnector } from '@modelport/plugin-models-backend-module-mlflow';
import knexFactory, { type Knex } from 'knex';
import os from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: '10000' },
    versions: { type: 'string', default: '10' },
    flavour: { type: 'string', default: 'mlflow' },
    db: { type: 'string', default: 'sqlite' },
  },
});
const models = Number(values.models);
const versions = Number(values.versions);
const flavour = values.flavour as 'mlflow' | 'unity-catalog';

async function database(): Promise<Knex> {
  if (values.db !== 'postgres') return knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?? 'postgresql://postgres@127.0.0.1:5432';
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
  await admin.raw('DROP DATABASE IF EXISTS modelport_bench_registry_sync WITH (FORCE)');
  await admin.raw('CREATE DATABASE modelport_bench_registry_sync');
  await admin.destroy();
  return knexFactory({ client: 'pg', connection: `${url}/modelport_bench_registry_sync` });
}

/** Rows of every table the sync writes to, so that "writes nothing" is measured rather than assumed. */
async function rowCounts(knex: Knex): Promise<Record<string, number>> {
  const tables = ['model_versions', 'audit_events', 'registry_links', 'registry_findings', 'alias_writes'];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await knex(table).count({ n: '*' }))[0].n);
  return counts;
}

async function main() {
  const state = generatedRegistry({ models, versions, token: 'bench' });
  const sandbox = await startMlflowSandbox(state, { port: 0 });
  const knex = await database();
  await migrateModelsDatabase(knex);
  const instance = {
    name: 'bench',
    flavour,
    url: sandbox.url,
    headers: { authorization: 'Bearer bench' },
    timeoutMs: 60_000,
    namespace: 'bench',
    owner: { tag: 'owner', default: 'group:default/ml-platform' },
    aliases: { champion: 'prod' },
    writeBack: false,
    servingEnvironments: {},
    ...(flavour === 'unity-catalog' ? { catalogName: 'bench', schemaName: 'models' } : {}),
  };
  const connector = flavour === 'mlflow' ? new MlflowConnector(instance) : new UnityCatalogConnector(instance);
  const registryStore = new KnexModelRegistryStore(knex);
  const environments = readRegistryEnvironments(new ConfigReader({ models: { registry: { environments: ['dev', 'staging', 'prod'].map(name => ({ name, policy: { approvals: 0 } })) } } }));
  const logger = { info() {}, warn() {}, error() {}, debug() {}, child: () => logger } as unknown as LoggerService;
  // No entity in the catalog holds any of the refs: every model is the importer's to create (plain objects, not jest mocks).
  const catalog = { getEntitiesByRefs: async (r: { entityRefs: string[] }) => ({ items: r.entityRefs.map(() => undefined) }) } as unknown as CatalogService;
  const auth = { getOwnServiceCredentials: async () => ({ $$type: '@backstage/BackstageCredentials', principal: { type: 'service', subject: 'plugin:models' } }) } as unknown as AuthService;
  const sync = new RegistrySyncService({
    connectors: [connector],
    store: new KnexRegistrySyncStore(knex),
    registry: new RegistryService({ store: registryStore, environments, gates: [] }),
    registryStore,
    catalog,
    auth,
    logger,
  });

  const round = async (name: string) => {
    const before = sandbox.requests.length;
    const rowsBefore = await rowCounts(knex);
    const started = performance.now();
    await sync.syncAll();
    const seconds = (performance.now() - started) / 1000;
    const calls = new Map<string, number>();
    for (const r of sandbox.requests.slice(before)) {
      const path = r.path.replace(/\/models\/[^/]+\/versions$/, '/models/{full_name}/versions');
      calls.set(`${r.method} ${path}`, (calls.get(`${r.method} ${path}`) ?? 0) + 1);
    }
    const rowsAfter = await rowCounts(knex);
    const written = Object.fromEntries(Object.entries(rowsAfter).map(([t, n]) => [t, n - rowsBefore[t]]));
    const [status] = await sync.statuses();
    console.log(`${name}: ${seconds.toFixed(1)} s, ${sandbox.requests.length - before} calls`);
    for (const [path, n] of [...calls].sort()) console.log(`  ${path}: ${n}`);
    console.log(`  rows added: ${JSON.stringify(written)}`);
    console.log(`  status: ${JSON.stringify({ error: status.error, lastRun: status.lastRun })}`);
  };
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${values.db}`);
  console.log(`${flavour}: ${models} registered models x ${versions} versions (${models * versions} objects of versions, ${models} of models)`);
  await round('first sync');
  await round('second sync, nothing changed');
  await sandbox.close();
  await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
