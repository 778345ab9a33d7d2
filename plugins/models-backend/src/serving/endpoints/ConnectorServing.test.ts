import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { readyInferenceService } from '@internal/kubernetes-sandbox';
import { modelRefOf, registryModelEntity, servingResourceTypes, type ModelVersion, type ServingStatus } from '@modelport/plugin-models-common';
import type { Knex } from 'knex';
import path from 'node:path';
import { churnModel } from '../../__testUtils__/fixtures';
import { KnexRegistrySyncStore } from '../../connectors/KnexRegistrySyncStore';
import { migrateModelsDatabase } from '../../database/migrations';
import { KnexServingStore } from '../KnexServingStore';
import type { ClusterGateway } from '../KubernetesGateway';
import { ServingService } from '../ServingService';
import { ConnectorServing } from './ConnectorServing';
import { KnexServingEndpointStore } from './KnexServingEndpointStore';
import { importedLink, importedVersion } from './__testUtils__/importedModel';
import { MemoryServingConnector, requestError } from './__testUtils__/MemoryServingConnector';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const FRAUD = 'acme.risk.card_fraud_scorer';
const AML = 'acme.risk.aml_alert_ranker';
const fraudLink = importedLink('acme-databricks', FRAUD);
const amlLink = importedLink('eu-databricks', AML);
const fraud = registryModelEntity(fraudLink);
const aml = registryModelEntity(amlLink);
const churn = churnModel;


const served = (modelName: string, entities: Array<[version: string, percent: number]>) =>
  entities.map(([v, trafficPercent]) => ({ name: `${modelName.split('.').pop()}-${v}`, modelName, version: v, trafficPercent }));

/** One Kubernetes cluster, prod-eu, that serves churn-classifier 1.0.0: the path the endpoints must leave alone. */
const churnCluster: ClusterGateway = {
  clusters: async () => [{ name: 'prod-eu', authProvider: 'serviceAccount' }],
  listPage: async (_cluster, type) => ({
    items:
      type === servingResourceTypes.inferenceServices
        ? [
            readyInferenceService({
              name: 'churn-classifier',
              namespace: 'models',
              cluster: 'prod-eu',
              labels: { 'modelport.io/model': 'churn-classifier' },
              format: 'xgboost',
              storageUri: 's3://acme-models/churn-classifier/1.0.0/model.ubj',
              revision: 1,
            }),
          ]
        : [],
  }),
};

describe.each(databases.eachSupportedId())('serving endpoints of registry connectors on %s', databaseId => {
  async function setup(options: { kubernetes?: boolean; timeoutMs?: number } = {}) {
    const knex = await databases.init(databaseId);
    await migrateModelsDatabase(knex);
    const links = new KnexRegistrySyncStore(knex);
    await links.saveLink(fraudLink);
    await links.saveLink(amlLink);
    const acme = new MemoryServingConnector('acme-databricks', { aliasEnvironments: { champion: 'prod' } });
    const eu = new MemoryServingConnector('eu-databricks', { aliasEnvironments: { champion: 'prod', challenger: 'staging' } });
    // A registry without serving: its models are answered by the clusters alone.
    const mlflow = new MemoryServingConnector('acme-mlflow');
    (mlflow as { servingEndpoints?: unknown }).servingEndpoints = undefined;

    const approved = new Map<string, Record<string, string>>([
      [fraudLink.modelRef, { staging: '3', prod: '2' }],
      [amlLink.modelRef, { prod: '1' }],
      [modelRefOf(churn), { prod: '1.0.0' }],
    ]);
    const versions = new Map<string, ModelVersion[]>([
      [fraudLink.modelRef, ['1', '2', '3'].map(v => importedVersion(fraudLink.modelRef, v))],
      [amlLink.modelRef, [importedVersion(amlLink.modelRef, '1')]],
      [modelRefOf(churn), [importedVersion(modelRefOf(churn), '1.0.0', 's3://acme-models/churn-classifier/1.0.0/model.ubj')]],
    ]);
    let clock = Date.parse('2026-12-06T10:00:00Z');
    const now = () => new Date(clock);
    const service = (connectors = [acme, eu, mlflow]) =>
      new ServingService({
        store: new KnexServingStore(knex),
        gateway: churnCluster,
        config: { clusters: options.kubernetes ? [{ name: 'prod-eu', environment: 'prod', namespaces: [] }] : [], timeoutMs: options.timeoutMs ?? 10_000, intervalSeconds: 60, pageSize: 500 },
        environments: ['staging', 'prod'],
        deployments: {
          of: async ref => ({ approved: approved.get(ref) ?? {}, versions: versions.get(ref) ?? [] }),
          approvedAll: async () => new Map(approved),
          versions: async ref => versions.get(ref) ?? [],
        },
        logger: mockServices.logger.mock(),
        endpoints: new ConnectorServing({
          connectors,
          store: new KnexServingEndpointStore(knex),
          links,
          environments: ['staging', 'prod'],
          timeoutMs: options.timeoutMs ?? 10_000,
          logger: mockServices.logger.mock(),
        }),
        now,
      });
    const tick = (seconds: number) => {
      clock += seconds * 1000;
    };
    return { knex, acme, eu, approved, service, tick };
  }

  const verdictsOf = (status: ServingStatus) => Object.fromEntries(status.environments.map(e => [e.environment, e.verdict]));

  it('migrates its table up and down', async () => {
    const { knex } = await setup();
    expect(await knex.schema.hasTable('serving_endpoint_reads')).toBe(true);
    await (knex as Knex).migrate.down({ directory: path.resolve(__dirname, '../../../migrations'), name: '20261205150000_serving_endpoints.js' });
    expect(await knex.schema.hasTable('serving_endpoint_reads')).toBe(false);
    await migrateModelsDatabase(knex);
    expect(await knex.schema.hasTable('serving_endpoint_reads')).toBe(true);
  });

  it("counts each endpoint that serves a linked model as a cluster of its environment: a split with the approved version rolls out, all traffic on it is in line", async () => {
    const { acme, eu, service } = await setup();
    acme.endpoints = [
      { name: 'card-fraud-scorer-prod', environment: 'prod', ready: true, updating: false, served: served(FRAUD, [['2', 90], ['3', 10]]), url: 'https://adb.example/ml/endpoints/card-fraud-scorer-prod' },
      { name: 'card-fraud-scorer-staging', environment: 'staging', ready: true, updating: true, served: served(FRAUD, [['3', 100]]) },
      // Another model's endpoint, and an endpoint mapped to an environment the registry does not have: neither is the fraud model's.
      { name: 'aml-prod', environment: 'prod', ready: true, updating: false, served: served(AML, [['1', 100]]) },
      { name: 'card-fraud-scorer-canary', environment: 'canary', ready: true, updating: false, served: served(FRAUD, [['3', 100]]) },
    ];
    eu.endpoints = [{ name: 'aml-ranker', environment: 'prod', ready: true, updating: false, served: served(AML, [['1', 100]]) }];
    const serving = service();
    expect(await serving.status(fraud)).toMatchObject({ state: 'pending' });

    await serving.runCycle();
    // One call per connector per cycle.
    expect([acme.servingCalls, eu.servingCalls]).toEqual([1, 1]);

    const status = await serving.status(fraud);
    expect(status.state).toBe('ok');
    expect(verdictsOf(status)).toEqual({
      staging: { state: 'in-line', version: '3' },
      prod: { state: 'rolling-out', version: '3', percent: 10, rest: [{ version: '2', percent: 90 }] },
    });
    expect(status.clusters.map(c => [c.cluster, c.environment, c.stale])).toEqual([
      ['registry:acme-databricks/card-fraud-scorer-prod', 'prod', false],
      ['registry:acme-databricks/card-fraud-scorer-staging', 'staging', false],
    ]);
    expect(status.clusters[0]).toMatchObject({
      readAt: '2026-12-06T10:00:00.000Z',
      objects: [
        {
          kind: 'ServingEndpoint',
          namespace: 'acme-databricks',
          name: 'card-fraud-scorer-prod',
          ready: 'True',
          url: 'https://adb.example/ml/endpoints/card-fraud-scorer-prod',
          traffic: [
            { revision: 'card_fraud_scorer-2', percent: 90, latest: false },
            { revision: 'card_fraud_scorer-3', percent: 10, latest: false },
          ],
          servedEntities: [
            { name: 'card_fraud_scorer-2', model: FRAUD, version: '2', percent: 90 },
            { name: 'card_fraud_scorer-3', model: FRAUD, version: '3', percent: 10 },
          ],
          updating: false,
        },
      ],
    });
    expect(status.clusters[1].objects[0]).toMatchObject({ updating: true });

    // A model of the other connector: its own endpoints only, the shared one included.
    expect((await serving.status(aml)).clusters.map(c => c.cluster)).toEqual(['registry:eu-databricks/aml-ranker']);
    // The fleet (and so the explorer) answers the same, from the same reads.
    const [fleetFraud, fleetAml, fleetChurn] = await serving.fleet([fraud, aml, churn]);
    expect(fleetFraud).toEqual({ state: 'ok', environments: status.environments, stale: false, readAt: '2026-12-06T10:00:00.000Z' });
    expect(fleetAml.environments.map(e => e.verdict.state)).toEqual(['not-watched', 'in-line']);
    // Without a link, and without clusters, a model is where it was before.
    expect(fleetChurn).toEqual({ state: 'not-configured', environments: [], stale: false });
    expect(await serving.status(churn)).toMatchObject({ state: 'not-configured' });
  });

  it('says mismatch when no traffic is on the approved version, unregistered-artifact for a version never imported, not-deployed for an endpoint that is not ready', async () => {
    const { acme, service, approved } = await setup();
    const serving = service();
    const prod = (entities: Array<[string, number]>, ready = true) => {
      acme.endpoints = [{ name: 'card-fraud-scorer-prod', environment: 'prod', ready, updating: !ready, served: served(FRAUD, entities) }];
    };

    prod([['3', 100]]);
    await serving.runCycle();
    expect(verdictsOf(await serving.status(fraud)).prod).toEqual({ state: 'mismatch', running: ['3'] });

    prod([['2', 80], ['4', 20]]);
    await serving.runCycle();
    expect(verdictsOf(await serving.status(fraud)).prod).toEqual({ state: 'unregistered-artifact', artifacts: ['version 4'] });

    prod([['2', 100]], false);
    await serving.runCycle();
    const status = await serving.status(fraud);
    expect(verdictsOf(status).prod).toEqual({ state: 'not-deployed' });
    expect(status.clusters[0].objects[0]).toMatchObject({ ready: 'False', failing: { condition: 'Ready', reason: 'NOT_READY' } });

    // Promoting 3 in Modelport does not move the endpoint: staging now has it current, and no endpoint serves staging.
    prod([['2', 100]]);
    approved.set(fraudLink.modelRef, { staging: '3', prod: '3' });
    await serving.runCycle();
    expect(verdictsOf(await serving.status(fraud))).toEqual({ staging: { state: 'not-watched' }, prod: { state: 'mismatch', running: ['2'] } });
  });

  it("reports a connector that fails as unreachable in its environments, keeps its last endpoints marked stale, and leaves the other connector's models and the clusters alone", async () => {
    const { acme, eu, service, tick } = await setup({ kubernetes: true, timeoutMs: 300 });
    acme.endpoints = [{ name: 'card-fraud-scorer-prod', environment: 'prod', ready: true, updating: false, served: served(FRAUD, [['2', 100]]) }];
    eu.endpoints = [{ name: 'aml-ranker', environment: 'prod', ready: true, updating: false, served: served(AML, [['1', 100]]) }];
    const serving = service();
    await serving.runCycle();
    expect(verdictsOf(await serving.status(fraud)).prod).toEqual({ state: 'in-line', version: '2' });
    const churnBefore = await serving.status(churn);
    expect(verdictsOf(churnBefore).prod).toEqual({ state: 'in-line', version: '1.0.0' });

    tick(60);
    acme.servingFailure = requestError("unity-catalog registry 'acme-databricks': GET /api/2.0/serving-endpoints answered 401, the token was refused (UNAUTHENTICATED)", 401);
    await serving.runCycle();
    // Another replica answers from the database alone.
    const replica = service();
    const status = await replica.status(fraud);
    const failure = { kind: 'unauthorized', message: "unity-catalog registry 'acme-databricks': GET /api/2.0/serving-endpoints answered 401, the token was refused (UNAUTHENTICATED)" };
    expect(verdictsOf(status)).toEqual({ staging: { state: 'not-watched' }, prod: { state: 'cluster-unreachable', failure } });
    expect(status.clusters).toEqual([
      expect.objectContaining({ cluster: 'registry:acme-databricks/card-fraud-scorer-prod', readAt: '2026-12-06T10:00:00.000Z', failure, stale: true, objects: [expect.objectContaining({ name: 'card-fraud-scorer-prod' })] }),
    ]);
    expect((await replica.fleet([fraud]))[0]).toMatchObject({ stale: true, readAt: '2026-12-06T10:00:00.000Z' });
    // The other connector's model and the Kubernetes cluster's are as they were, and fresh.
    const amlStatus = await replica.status(aml);
    expect(verdictsOf(amlStatus).prod).toEqual({ state: 'in-line', version: '1' });
    expect(amlStatus.clusters.map(c => [c.stale, c.readAt])).toEqual([[false, '2026-12-06T10:01:00.000Z']]);
    const churnAfter = await replica.status(churn);
    expect(churnAfter.environments).toEqual(churnBefore.environments);
    expect(churnAfter.clusters.map(c => [c.cluster, c.stale])).toEqual([['prod-eu', false]]);

    // A 500, then a platform that does not answer in time: the same, with their kinds.
    acme.servingFailure = requestError("unity-catalog registry 'acme-databricks': GET /api/2.0/serving-endpoints answered 500, the registry failed", 500);
    await serving.runCycle();
    expect(verdictsOf(await serving.status(fraud)).prod).toMatchObject({ state: 'cluster-unreachable', failure: { kind: 'unreachable' } });
    acme.hang = true;
    await serving.runCycle();
    expect(verdictsOf(await serving.status(fraud)).prod).toEqual({
      state: 'cluster-unreachable',
      failure: { kind: 'timeout', message: "Registry 'acme-databricks': its serving endpoints were not read within 300 ms" },
    });

    // Answering again, it is current again.
    acme.hang = false;
    acme.servingFailure = undefined;
    await serving.runCycle();
    expect((await serving.status(fraud)).clusters.map(c => c.stale)).toEqual([false]);
  });

  it('before its first good read, a failing connector is unreachable in the environments its aliases stand for; its last read turns stale with age', async () => {
    const { acme, eu, service, tick } = await setup();
    acme.servingFailure = new Error('connect ECONNREFUSED 127.0.0.1:1');
    eu.endpoints = [{ name: 'aml-ranker', environment: 'prod', ready: true, updating: false, served: served(AML, [['1', 100]]) }];
    const serving = service();
    await serving.runCycle();
    const status = await serving.status(fraud);
    const failure = { kind: 'unreachable', message: "Registry 'acme-databricks': connect ECONNREFUSED 127.0.0.1:1" };
    expect(verdictsOf(status)).toEqual({ staging: { state: 'not-watched' }, prod: { state: 'cluster-unreachable', failure } });
    expect(status.clusters).toEqual([expect.objectContaining({ cluster: 'registry:acme-databricks', environment: 'prod', failure, stale: true, objects: [] })]);

    // Nothing read for two intervals: the figures are stale even though the last attempt did not fail.
    tick(121);
    expect((await serving.status(aml)).clusters.map(c => c.stale)).toEqual([true]);
  });
});
