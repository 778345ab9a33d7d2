import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { exampleRegistry, startMlflowSandbox } from '@internal/mlflow-sandbox';
import { modelsRegistryConnectorsExtensionPoint, type ModelRegistryConnector } from '@modelport/plugin-models-node';
import { modelsModuleMlflow } from './module';

/** Stands in for the models plugin: takes the connectors the module adds, as its importer does. */
function fakeModelsPlugin(added: ModelRegistryConnector[]) {
  return createBackendPlugin({
    pluginId: 'models',
    register(env) {
      env.registerExtensionPoint(modelsRegistryConnectorsExtensionPoint, { addConnector: (...connectors) => added.push(...connectors) });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('the mlflow module of the models backend', () => {
  it('adds one connector per configured registry, each reading its own instance', async () => {
    const sandbox = await startMlflowSandbox(exampleRegistry);
    const added: ModelRegistryConnector[] = [];
    const owner = { tag: 'owner', default: 'group:default/risk-ml' };
    const backend = await startTestBackend({
      features: [
        fakeModelsPlugin(added),
        modelsModuleMlflow,
        mockServices.rootConfig.factory({
          data: {
            models: {
              registries: [
                { name: 'acme-mlflow', flavour: 'mlflow', url: sandbox.url, token: exampleRegistry.token, owner, aliases: { champion: 'prod' }, writeBack: true },
                {
                  name: 'acme-databricks',
                  flavour: 'unity-catalog',
                  url: sandbox.url,
                  token: exampleRegistry.token,
                  owner,
                  namespace: 'databricks',
                  catalogName: 'acme',
                  schemaName: 'risk',
                  servingEnvironments: { '*-prod': 'prod' },
                },
                { name: 'acme-kubeflow', flavour: 'kubeflow', url: sandbox.url, token: exampleRegistry.token, owner },
              ],
            },
          },
        }),
      ],
    });
    try {
      expect(added.map(c => [c.name, c.flavour, c.namespace, c.writeBack, c.aliasEnvironments, c.owner, typeof c.servingEndpoints])).toEqual([
        ['acme-mlflow', 'mlflow', 'acme-mlflow', true, { champion: 'prod' }, owner, 'undefined'],
        ['acme-databricks', 'unity-catalog', 'databricks', false, {}, owner, 'function'],
        ['acme-kubeflow', 'kubeflow', 'acme-kubeflow', false, {}, owner, 'undefined'],
      ]);
      const names = async (c: ModelRegistryConnector) => {
        const all: string[] = [];
        for await (const page of c.registeredModels()) all.push(...page.map(m => m.name));
        return all;
      };
      expect(await names(added[0])).toEqual(['aml-transaction-screener', 'credit-default-scorer', 'fraud-detector']);
      expect(await names(added[1])).toEqual(['acme.risk.card_fraud_scorer', 'acme.risk.aml_alert_ranker']);
      expect(await names(added[2])).toEqual(['transaction-anomaly', 'merchant-risk-scorer']);
      expect((await added[1].servingEndpoints!()).map(e => [e.name, e.environment])).toEqual([['card-fraud-scorer-prod', 'prod']]);
    } finally {
      await backend.stop();
      await sandbox.close();
    }
  });

  it('adds none without models.registries', async () => {
    const added: ModelRegistryConnector[] = [];
    const backend = await startTestBackend({ features: [fakeModelsPlugin(added), modelsModuleMlflow, mockServices.rootConfig.factory({ data: {} })] });
    expect(added).toEqual([]);
    await backend.stop();
  });
});
