import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { exampleRegistry, startMlflowSandbox, type MlflowSandbox } from '@internal/mlflow-sandbox';
import { UnityCatalogConnector, type RegistryInstanceConfig } from '@modelport/plugin-models-backend-module-mlflow';
import { registryModelEntity, type ServingStatus } from '@modelport/plugin-models-common';
import { registryStoreOn } from '../../__testUtils__/database';
import { readRegistryEnvironments } from '../../config/registryConfig';
import { KnexRegistrySyncStore } from '../../connectors/KnexRegistrySyncStore';
import { RegistrySyncService } from '../../connectors/RegistrySyncService';
import { registryDeployments } from '../../service/registryDeployments';
import { RegistryService } from '../../service/RegistryService';
import { KnexServingStore } from '../KnexServingStore';
import { ServingService } from '../ServingService';
import { ConnectorServing } from './ConnectorServing';
import { KnexServingEndpointStore } from './KnexServingEndpointStore';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const environments = readRegistryEnvironments(
  new ConfigReader({ models: { registry: { environments: ['staging', 'prod'].map(name => ({ name, policy: { approvals: 0 } })) } } }),
);
const jane = { ref: 'user:default/jane', ownershipRefs: ['user:default/jane', 'group:default/risk-ml'] };

/** The demo's Databricks workspace as the mlflow module reads it, its two card-fraud endpoints mapped. */
const workspace = (url: string, token = 'sandbox-mlflow'): RegistryInstanceConfig => ({
  name: 'acme-databricks',
  flavour: 'unity-catalog',
  url,
  headers: { authorization: `Bearer ${token}` },
  timeoutMs: 5_000,
  namespace: 'acme-databricks',
  owner: { default: 'group:default/risk-ml' },
  aliases: { champion: 'prod' },
  writeBack: false,
  catalogName: 'acme',
  schemaName: 'risk',
  servingEnvironments: { 'card-fraud-scorer-prod': 'prod', '*-staging': 'staging' },
});

describe.each(databases.eachSupportedId())('Databricks Model Serving through the Unity Catalog connector and the sandbox workspace, on %s', databaseId => {
  let sandbox: MlflowSandbox;
  afterEach(() => sandbox?.close());

  it('compares what the endpoints serve with what Modelport approved, from the imported versions, and reports the workspace failing', async () => {
    sandbox = await startMlflowSandbox(exampleRegistry);
    const knex = await databases.init(databaseId);
    const registryStore = await registryStoreOn(knex);
    const registry = new RegistryService({ store: registryStore, environments, gates: [] });
    const links = new KnexRegistrySyncStore(knex);
    const logger = mockServices.logger.mock();
    const importer = new RegistrySyncService({
      connectors: [new UnityCatalogConnector(workspace(sandbox.url))],
      store: links,
      registry,
      registryStore,
      catalog: catalogServiceMock({ entities: [] }),
      auth: mockServices.auth(),
      logger,
    });
    await importer.syncAll();
    const fraud = registryModelEntity((await links.links()).find(l => l.externalName === 'acme.risk.card_fraud_scorer')!);
    const aml = registryModelEntity((await links.links()).find(l => l.externalName === 'acme.risk.aml_alert_ranker')!);
    await registry.requestPromotion(fraud, { version: '2', environment: 'staging' }, jane);
    await registry.requestPromotion(fraud, { version: '2', environment: 'prod' }, jane);
    await registry.requestPromotion(fraud, { version: '3', environment: 'staging' }, jane);

    const servingWith = (connector: UnityCatalogConnector) =>
      new ServingService({
        store: new KnexServingStore(knex),
        gateway: { clusters: async () => [], listPage: async () => ({ items: [] }) },
        config: { clusters: [], timeoutMs: 5_000, intervalSeconds: 60, pageSize: 500 },
        environments: environments.map(e => e.name),
        deployments: registryDeployments(registryStore),
        logger,
        endpoints: new ConnectorServing({ connectors: [connector], store: new KnexServingEndpointStore(knex), links, environments: environments.map(e => e.name), timeoutMs: 5_000, logger }),
      });
    const serving = servingWith(new UnityCatalogConnector(workspace(sandbox.url)));
    const verdicts = (status: ServingStatus) => Object.fromEntries(status.environments.map(e => [e.environment, e.verdict]));

    sandbox.requests.length = 0;
    await serving.runCycle();
    // One list and one read per mapped endpoint: playground-llm stands for no environment and is never read.
    expect(sandbox.requests.map(r => r.path)).toEqual(['/api/2.0/serving-endpoints', '/api/2.0/serving-endpoints/card-fraud-scorer-prod', '/api/2.0/serving-endpoints/card-fraud-scorer-staging']);
    const status = await serving.status(fraud);
    expect(verdicts(status)).toEqual({
      staging: { state: 'in-line', version: '3' },
      prod: { state: 'rolling-out', version: '3', percent: 10, rest: [{ version: '2', percent: 90 }] },
    });
    expect(status.clusters.map(c => c.cluster)).toEqual(['registry:acme-databricks/card-fraud-scorer-prod', 'registry:acme-databricks/card-fraud-scorer-staging']);
    expect(status.clusters[1].objects[0]).toMatchObject({ updating: true, url: `${sandbox.url}/ml/endpoints/card-fraud-scorer-staging` });
    // Linked to the workspace, served by none of its endpoints.
    expect(verdicts(await serving.status(aml))).toEqual({ staging: { state: 'not-watched' }, prod: { state: 'not-watched' } });

    // The rollout completes on 3 while Modelport still has 2 current in prod.
    sandbox.update(state => {
      state.servingEndpoints[0].config.traffic_config = { routes: [{ served_model_name: 'card_fraud_scorer-3', traffic_percentage: 100 }] };
    });
    await serving.runCycle();
    expect(verdicts(await serving.status(fraud)).prod).toEqual({ state: 'mismatch', running: ['3'] });

    // Someone serves a version registered in the workspace after the last import.
    sandbox.update(state => {
      state.servingEndpoints[0].config.served_entities[1].entity_version = '4';
    });
    await serving.runCycle();
    expect(verdicts(await serving.status(fraud)).prod).toEqual({ state: 'unregistered-artifact', artifacts: ['version 4'] });

    sandbox.fail('/api/2.0/serving-endpoints');
    await serving.runCycle();
    const failed = await serving.status(fraud);
    expect(verdicts(failed).prod).toEqual({
      state: 'cluster-unreachable',
      failure: { kind: 'unreachable', message: expect.stringContaining("unity-catalog registry 'acme-databricks': GET /api/2.0/serving-endpoints answered 500, the registry failed") },
    });
    expect(failed.clusters.map(c => c.stale)).toEqual([true, true]);

    await servingWith(new UnityCatalogConnector(workspace(sandbox.url, 'revoked'))).runCycle();
    expect(verdicts(await serving.status(fraud)).staging).toMatchObject({ state: 'cluster-unreachable', failure: { kind: 'unauthorized' } });
  });
});
