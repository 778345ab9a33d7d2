import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { registryModelEntity, type RegistryEvent } from '@modelport/plugin-models-common';
import { readRegistryEnvironments } from '../config/registryConfig';
import { registryStoreOn, verifyAuditChain } from '../__testUtils__/database';
import { migrateModelsDatabase, rollbackModelsDatabase } from '../database/migrations';
import { RegistryService } from '../service/RegistryService';
import { MemoryConnector } from './__testUtils__/MemoryConnector';
import { KnexRegistrySyncStore } from './KnexRegistrySyncStore';
import { RegistrySyncService } from './RegistrySyncService';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const environments = readRegistryEnvironments(
  new ConfigReader({ models: { registry: { environments: ['dev', 'staging', 'prod'].map(name => ({ name, policy: { approvals: 0 } })) } } }),
);
const jane = { ref: 'user:default/jane', ownershipRefs: ['user:default/jane', 'group:default/customer-ml'] };
const t = (minute: number) => `2026-12-05T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe.each(databases.eachSupportedId())('the registry importer on %s', databaseId => {
  async function setup(options: { entities?: Entity[]; connectors?: MemoryConnector[] } = {}) {
    const knex = await databases.init(databaseId);
    const registryStore = await registryStoreOn(knex);
    let clock = Date.parse('2026-12-05T11:00:00Z');
    const now = () => new Date((clock += 1000));
    const registry = new RegistryService({ store: registryStore, environments, gates: [], now });
    const connectors = options.connectors ?? [new MemoryConnector('mlflow-prod', { aliasEnvironments: { champion: 'prod', challenger: 'staging' } })];
    const store = new KnexRegistrySyncStore(knex);
    const sync = new RegistrySyncService({
      connectors,
      store,
      registry,
      registryStore,
      catalog: catalogServiceMock({ entities: options.entities ?? [] }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      now,
    });
    const auditOf = async (subject: string) => (await registryStore.audit.list({ subject, limit: 100 })).map(e => `${e.action} ${e.actor}`);
    return { knex, registry, registryStore, store, sync, connectors, connector: connectors[0], auditOf };
  }

  it('migrates its tables up and down', async () => {
    const knex = await databases.init(databaseId);
    await migrateModelsDatabase(knex);
    for (const table of ['registry_links', 'registry_sync_runs', 'registry_findings', 'alias_writes']) expect(await knex.schema.hasTable(table)).toBe(true);
    await knex.migrate.down({ directory: path.resolve(__dirname, '../../migrations'), name: '20261205140000_registry_sync.js' });
    for (const table of ['registry_links', 'registry_sync_runs', 'registry_findings', 'alias_writes']) expect(await knex.schema.hasTable(table)).toBe(false);
    await rollbackModelsDatabase(knex);
    await migrateModelsDatabase(knex);
    expect(await knex.schema.hasTable('alias_writes')).toBe(true);
  });

  it("links a version to its run's page when only reading the run gives one", async () => {
    const { sync, connector, registryStore } = await setup();
    connector.setModel({ name: 'scorer' }, t(1));
    connector.addVersion({ modelName: 'scorer', version: '1', runId: 'run-9' });
    connector.runs.set('run-9', { metrics: { auc: 0.8 }, params: {}, runUrl: 'http://mlflow/#/experiments/4/runs/run-9' });
    await sync.syncAll();
    expect((await registryStore.listVersions('model:default/scorer'))[0]).toMatchObject({ sourceRunUrl: 'http://mlflow/#/experiments/4/runs/run-9', metrics: { auc: 0.8 } });
  });

  it("reads the runs of new versions in one call per batch of pages when the connector reads runs in batches, the gone ones' versions imported without", async () => {
    const connector = new MemoryConnector('mlflow-prod', { batchRuns: true });
    const { sync, registryStore } = await setup({ connectors: [connector] });
    connector.setModel({ name: 'churn' }, t(1));
    connector.setModel({ name: 'fraud' }, t(1));
    // Pages of three versions: churn 1-3, then fraud 1-3.
    connector.addVersion({ modelName: 'churn', version: '1', runId: 'run-1' });
    connector.addVersion({ modelName: 'churn', version: '2', runId: 'run-2', status: 'PENDING_REGISTRATION' });
    connector.addVersion({ modelName: 'churn', version: '3', runId: 'run-1' });
    connector.addVersion({ modelName: 'fraud', version: '1', runId: 'run-3' });
    connector.addVersion({ modelName: 'fraud', version: '2', runId: 'run-deleted' });
    connector.addVersion({ modelName: 'fraud', version: '3' });
    connector.runs.set('run-1', { metrics: { auc: 0.91 }, params: { max_depth: '6' }, runUrl: 'http://mlflow/#/experiments/4/runs/run-1' });
    connector.runs.set('run-3', { metrics: { recall: 0.7 }, params: { num_leaves: '63' } });
    await sync.syncAll();

    // Two pages of versions, one read of their runs: the new READY versions' runs, each once.
    expect(connector.calls.runsData).toEqual([['run-1', 'run-3', 'run-deleted']]);
    expect(connector.calls.runData).toEqual([]);
    const churn = await registryStore.listVersions('model:default/churn');
    expect(churn.map(v => [v.version, v.metrics, v.parameters, v.sourceRunUrl])).toEqual([
      ['3', { auc: 0.91 }, { max_depth: '6' }, 'http://mlflow/#/experiments/4/runs/run-1'],
      ['1', { auc: 0.91 }, { max_depth: '6' }, 'http://mlflow/#/experiments/4/runs/run-1'],
    ]);
    const fraud = await registryStore.listVersions('model:default/fraud');
    expect(fraud.map(v => [v.version, v.metrics, v.parameters])).toEqual([
      ['3', {}, {}],
      ['2', {}, {}],
      ['1', { recall: 0.7 }, { num_leaves: '63' }],
    ]);
    expect((await sync.statuses())[0].lastRun).toMatchObject({ versionsImported: 5, versionsNotReady: 1, versionsSkipped: 0 });

    // A new version: only its run is read.
    connector.addVersion({ modelName: 'churn', version: '4', runId: 'run-4' });
    connector.setModel({ name: 'churn' }, t(2));
    await sync.syncAll();
    expect(connector.calls.runsData).toEqual([['run-1', 'run-3', 'run-deleted'], ['run-4']]);
    expect((await sync.statuses())[0].lastRun).toMatchObject({ versionsImported: 1, versionsSkipped: 2, versionsNotReady: 1 });
  });

  it('imports the models and their READY versions, then on a sync with no change only lists', async () => {
    const { sync, connector, registryStore, auditOf, store, knex } = await setup();
    connector.setModel({ name: 'Churn Model', description: 'Churn', tags: { owner: 'customer-ml', task: 'classification' }, url: 'http://mlflow/#/models/Churn%20Model' }, t(1));
    connector.setModel({ name: 'fraud', tags: { owner: 'not a ref!' } }, t(1));
    connector.setModel({ name: 'empty' }, t(1));
    connector.addVersion({ modelName: 'Churn Model', version: '1', runId: 'run-1', runUrl: 'http://mlflow/#/runs/run-1', tags: { framework: 'xgboost' } });
    connector.addVersion({ modelName: 'Churn Model', version: '2', status: 'PENDING_REGISTRATION' });
    connector.addVersion({ modelName: 'Churn Model', version: '3', status: 'FAILED_REGISTRATION' });
    connector.addVersion({ modelName: 'fraud', version: '1' });
    connector.runs.set('run-1', { metrics: { auc: 0.93 }, params: { max_depth: '6' } });

    await sync.syncAll();

    const links = await sync.links();
    expect(links.map(l => [l.externalName, l.modelRef, l.owner])).toEqual([
      ['Churn Model', 'model:default/churn-model', 'group:default/customer-ml'],
      ['empty', 'model:default/empty', 'group:default/ml-platform'],
      ['fraud', 'model:default/fraud', 'group:default/ml-platform'],
    ]);
    expect(await registryStore.listVersions('model:default/churn-model')).toEqual([
      expect.objectContaining({
        version: '1',
        artifactUri: 's3://mlflow/Churn Model/1',
        framework: 'xgboost',
        metrics: { auc: 0.93 },
        parameters: { max_depth: '6' },
        sourceRunUrl: 'http://mlflow/#/runs/run-1',
        tags: ['framework=xgboost'],
        registeredBy: 'service:modelport-registry-sync/mlflow-prod',
      }),
    ]);
    expect((await registryStore.listVersions('model:default/fraud'))[0]).toMatchObject({ version: '1', framework: 'mlflow', metrics: {}, parameters: {} });
    const [status] = await sync.statuses();
    expect(status).toMatchObject({
      name: 'mlflow-prod',
      flavour: 'mlflow',
      lastRun: { models: 3, versionsImported: 2, versionsNotReady: 2, versionsSkipped: 0, deletedModels: 0, refusedModels: 0 },
      totalVersionsImported: 2,
      writeBacks: { pending: 0, failed: 0 },
    });
    expect(status.error).toBeUndefined();
    expect(connector.calls.modelVersions).toEqual([['Churn Model', 'fraud', 'empty']]);

    // Nothing changed: the listing only, no version calls, no writes of links, versions or the audit chain.
    const head = await registryStore.audit.head();
    const before = await store.links();
    await sync.syncAll();
    expect(connector.calls.registeredModels).toBe(2);
    expect(connector.calls.modelVersions).toHaveLength(1);
    expect(await registryStore.audit.head()).toEqual(head);
    expect(await store.links()).toEqual(before);
    expect((await sync.statuses())[0]).toMatchObject({ lastRun: { models: 3, versionsImported: 0, versionsSkipped: 0 }, totalVersionsImported: 2 });
    // Seen by the last sync, though nothing was written.
    expect((await sync.links())[0].lastSeenAt > before[0].lastSeenAt).toBe(true);
    expect(await auditOf('model:default/churn-model')).toEqual(['version.registered service:modelport-registry-sync/mlflow-prod']);

    // A version becomes READY and another model changes: only that model's versions are asked for, nothing twice.
    connector.addVersion({ modelName: 'Churn Model', version: '2', status: 'READY' });
    connector.setModel({ name: 'Churn Model' }, t(2));
    await sync.syncAll();
    expect(connector.calls.modelVersions[1]).toEqual(['Churn Model']);
    expect((await registryStore.listVersions('model:default/churn-model')).map(v => v.version)).toEqual(['2', '1']);
    expect((await sync.statuses())[0].lastRun).toMatchObject({ versionsImported: 1, versionsSkipped: 1, versionsNotReady: 1 });
    // Without batch reads, one read per new version's run, never again for a version that is in.
    expect(connector.calls.runData).toEqual(['run-1']);
    expect(await verifyAuditChain(knex)).toMatchObject({ valid: true });
  });

  it('never overwrites an imported version whose artifact changed in the registry: a finding instead, kept while true', async () => {
    const { sync, connector, registryStore } = await setup();
    connector.setModel({ name: 'churn' }, t(1));
    connector.addVersion({ modelName: 'churn', version: '1', source: 's3://a/1' });
    await sync.syncAll();
    connector.addVersion({ modelName: 'churn', version: '1', source: 's3://b/1' });
    connector.setModel({ name: 'churn' }, t(2));
    await sync.syncAll();

    expect((await registryStore.getVersion('model:default/churn', '1'))?.artifactUri).toBe('s3://a/1');
    const { findings } = await sync.linkOf('model:default/churn');
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'version-changed',
        externalVersion: '1',
        message: 'version 1 changed in mlflow-prod after import; Modelport keeps the imported artifact (s3://a/1, not s3://b/1)',
      }),
    ]);
    // Still true on the next syncs, whether the model's versions are read again or not: found once, kept.
    await sync.syncAll();
    connector.setModel({ name: 'churn' }, t(3));
    await sync.syncAll();
    expect((await sync.linkOf('model:default/churn')).findings).toEqual([{ ...findings[0] }]);
    // Put back as imported: the finding goes.
    connector.addVersion({ modelName: 'churn', version: '1', source: 's3://a/1' });
    connector.setModel({ name: 'churn' }, t(4));
    await sync.syncAll();
    expect((await sync.linkOf('model:default/churn')).findings).toEqual([]);
  });

  it('marks a model no longer listed as deleted once, audited, keeping its versions, and restores it when it returns', async () => {
    const { sync, connector, registryStore, auditOf } = await setup();
    connector.setModel({ name: 'churn' }, t(1));
    connector.setModel({ name: 'fraud' }, t(1));
    connector.addVersion({ modelName: 'churn', version: '1' });
    await sync.syncAll();
    connector.models.delete('churn');
    await sync.syncAll();
    await sync.syncAll();

    const link = (await sync.links()).find(l => l.externalName === 'churn')!;
    expect(link.deletedAt).toEqual(expect.any(String));
    expect((await sync.statuses())[0].lastRun).toMatchObject({ models: 1, deletedModels: 0 });
    expect(await auditOf('model:default/churn')).toEqual([
      'version.registered service:modelport-registry-sync/mlflow-prod',
      'registry.model-deleted service:modelport-registry-sync/mlflow-prod',
    ]);
    expect(await registryStore.listVersions('model:default/churn')).toHaveLength(1);
    expect(registryModelEntity(link)).toMatchObject({
      metadata: { annotations: { 'modelport.io/registry-deleted-at': link.deletedAt } },
      spec: { lifecycle: 'deprecated' },
    });

    connector.setModel({ name: 'churn' }, t(5));
    await sync.syncAll();
    expect((await sync.links()).find(l => l.externalName === 'churn')!.deletedAt).toBeUndefined();
  });

  it('reports an alias that disagrees with the environment it stands for, and applies nothing', async () => {
    const { sync, connector, registry, registryStore } = await setup();
    connector.setModel({ name: 'churn', aliases: { champion: '2', challenger: '2' } }, t(1));
    for (const v of ['1', '2']) connector.addVersion({ modelName: 'churn', version: v });
    await sync.syncAll();
    const model = registryModelEntity((await sync.links())[0]);
    for (const env of ['dev', 'staging', 'prod']) await registry.requestPromotion(model, { version: '1', environment: env }, jane);
    await registry.requestPromotion(model, { version: '2', environment: 'dev' }, jane);
    await registry.requestPromotion(model, { version: '2', environment: 'staging' }, jane);
    await sync.syncAll();

    const { findings } = await sync.linkOf('model:default/churn');
    expect(findings).toEqual([
      {
        modelRef: 'model:default/churn',
        connector: 'mlflow-prod',
        kind: 'alias-drift',
        alias: 'champion',
        environment: 'prod',
        externalVersion: '2',
        registryVersion: '1',
        message: "alias champion points at 2 in mlflow-prod; Modelport's prod is 1 (no Modelport promotion moved it)",
        foundAt: expect.any(String),
      },
    ]);
    expect((await registryStore.listCurrentAssignments('model:default/churn')).find(a => a.environment === 'prod')?.version).toBe('1');
    // Promoted in Modelport: the registry agrees again, and the finding goes.
    await registry.requestPromotion(model, { version: '2', environment: 'prod' }, jane);
    await sync.syncAll();
    expect((await sync.linkOf('model:default/churn')).findings).toEqual([]);
  });

  it('writes the alias back after a promotion, and retries a failed write on the next sync', async () => {
    const connector = new MemoryConnector('mlflow-prod', { aliasEnvironments: { champion: 'prod' }, writeBack: true });
    const { sync, registry, auditOf } = await setup({ connectors: [connector] });
    connector.setModel({ name: 'churn', aliases: { champion: '1' } }, t(1));
    for (const v of ['1', '2']) connector.addVersion({ modelName: 'churn', version: v });
    await sync.syncAll();
    const model = registryModelEntity((await sync.links())[0]);
    const promote = async (version: string, environment: string): Promise<RegistryEvent> => {
      await registry.requestPromotion(model, { version, environment }, jane);
      return { action: 'promotion.completed', modelRef: 'model:default/churn', actor: jane.ref, at: t(30), auditSeq: 1, auditHash: 'x', version, environment };
    };
    for (const env of ['dev', 'staging', 'prod']) await sync.registryChanged(await promote('1', env));
    await sync.writeAliases();
    // v1 is already the champion in MLflow too: still written (idempotent), done.
    expect(connector.calls.setAlias).toEqual([['churn', 'champion', '1']]);

    // The registry fails the write queued after the promotion and its retry by hand.
    connector.setAliasFailures = 2;
    await sync.registryChanged(await promote('2', 'dev'));
    await sync.registryChanged(await promote('2', 'staging'));
    await sync.registryChanged(await promote('2', 'prod'));
    await sync.writeAliases();
    let { aliasWrites, findings } = await sync.linkOf('model:default/churn');
    expect(aliasWrites[0]).toMatchObject({ alias: 'champion', environment: 'prod', version: '2', status: 'failed', attempts: 2, lastError: 'MLflow answered 503 Service Unavailable' });
    expect((await sync.statuses())[0].writeBacks).toEqual({ pending: 0, failed: 1 });
    // The alias still points at 1, but a write of 2 is on its way: not a finding.
    await sync.syncAll();
    ({ aliasWrites, findings } = await sync.linkOf('model:default/churn'));
    expect(findings).toEqual([]);
    expect(aliasWrites.map(w => [w.version, w.status, w.attempts])).toEqual([
      ['2', 'done', 3],
      ['1', 'done', 1],
    ]);
    expect(connector.models.get('churn')!.aliases).toEqual({ champion: '2' });
    expect((await auditOf('model:default/churn')).filter(a => a.startsWith('registry.'))).toEqual([
      'registry.alias-written service:modelport-registry-sync/mlflow-prod',
      'registry.alias-write-failed service:modelport-registry-sync/mlflow-prod',
      'registry.alias-write-failed service:modelport-registry-sync/mlflow-prod',
      'registry.alias-written service:modelport-registry-sync/mlflow-prod',
    ]);
    // No alias stands for dev or staging: nothing was queued for them.
    expect(connector.calls.setAlias).toHaveLength(4);
  });

  it('keeps a failing registry to itself: the others import, its error and time are kept', async () => {
    const broken = new MemoryConnector('mlflow-broken');
    const good = new MemoryConnector('uc-main', { flavour: 'unity-catalog', namespace: 'databricks' });
    const { sync } = await setup({ connectors: [broken, good] });
    broken.failure = Object.assign(new Error('MLflow answered 401 Unauthorized'), { status: 401 });
    good.setModel({ name: 'main.ml.Churn_Model' }, t(1));
    good.addVersion({ modelName: 'main.ml.Churn_Model', version: '1' });
    await sync.syncAll();

    const [b, g] = await sync.statuses();
    expect(b).toMatchObject({ name: 'mlflow-broken', lastAttemptAt: expect.any(String), error: 'MLflow answered 401 Unauthorized' });
    expect(b.lastSuccessAt).toBeUndefined();
    expect(g).toMatchObject({ name: 'uc-main', flavour: 'unity-catalog', lastSuccessAt: expect.any(String), lastRun: { versionsImported: 1 } });
    expect((await sync.links()).map(l => l.modelRef)).toEqual(['model:databricks/main.ml.churn_model']);

    // It recovers: the error goes, the time of the last success stays with the counts.
    broken.failure = undefined;
    await sync.syncAll();
    expect((await sync.statuses())[0].error).toBeUndefined();
  });

  it("refuses to import into a Model ref the catalog holds as another entity", async () => {
    const handWritten: Entity = {
      apiVersion: 'modelport.io/v1alpha1',
      kind: 'Model',
      metadata: { name: 'churn', namespace: 'default' },
      spec: { type: 'classification', lifecycle: 'production', owner: 'group:default/customer-ml' },
    };
    const { sync, connector, registryStore } = await setup({ entities: [handWritten] });
    connector.setModel({ name: 'churn' }, t(1));
    connector.addVersion({ modelName: 'churn', version: '1' });
    await sync.syncAll();
    await sync.syncAll();

    expect(await registryStore.listVersions('model:default/churn')).toEqual([]);
    expect(connector.calls.modelVersions).toEqual([]);
    expect((await sync.statuses())[0].lastRun).toMatchObject({ refusedModels: 1, versionsImported: 0 });
    expect((await sync.linkOf('model:default/churn')).findings).toEqual([
      expect.objectContaining({ kind: 'ref-conflict', message: expect.stringContaining('The catalog holds model:default/churn as another Model') }),
    ]);
  });

  it('imports into a ref the catalog holds as the entity offered for this very model', async () => {
    const first = await setup();
    first.connector.setModel({ name: 'churn' }, t(1));
    await first.sync.syncAll();
    const offered = registryModelEntity((await first.sync.links())[0]);
    const { sync, connector, registryStore } = await setup({ entities: [offered] });
    connector.setModel({ name: 'churn' }, t(1));
    connector.addVersion({ modelName: 'churn', version: '1' });
    await sync.syncAll();
    expect(await registryStore.listVersions('model:default/churn')).toHaveLength(1);
  });

  it('gives a second model whose name cleans to a taken one a ref of its own', async () => {
    const { sync, connector } = await setup();
    connector.setModel({ name: 'Churn' }, t(1));
    connector.setModel({ name: 'churn' }, t(1));
    connector.setModel({ name: `x${'y'.repeat(80)}` }, t(1));
    await sync.syncAll();
    const refs = (await sync.links()).map(l => l.modelRef);
    expect(new Set(refs).size).toBe(3);
    expect(refs).toContain('model:default/churn');
    expect(refs.every(r => r.split('/')[1].length <= 63)).toBe(true);
  });
});
