import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { modelsRegistryConnectorsExtensionPoint, type ModelRegistryConnector } from '@modelport/plugin-models-node';
import { readRegistries, type RegistryInstanceConfig } from './config';
import { KubeflowConnector } from './KubeflowConnector';
import { MlflowConnector } from './MlflowConnector';
import { UnityCatalogConnector } from './UnityCatalogConnector';

/**
 * One connector per configured instance, in its flavour.
 *
 * @public
 */
export function createConnectors(instances: RegistryInstanceConfig[]): ModelRegistryConnector[] {
  return instances.map(c => {
    if (c.flavour === 'mlflow') return new MlflowConnector(c);
    if (c.flavour === 'unity-catalog') return new UnityCatalogConnector(c);
    return new KubeflowConnector(c);
  });
}

/**
 * Connects the MLflow, Databricks Unity Catalog and Kubeflow Model Registry registries of `models.registries` to the
 * models plugin, whose importer brings their models and versions in.
 *
 * @public
 */
export const modelsModuleMlflow = createBackendModule({
  pluginId: 'models',
  moduleId: 'mlflow',
  register(reg) {
    reg.registerInit({
      deps: { config: coreServices.rootConfig, logger: coreServices.logger, registries: modelsRegistryConnectorsExtensionPoint },
      async init({ config, logger, registries }) {
        const connectors = createConnectors(readRegistries(config));
        if (!connectors.length) {
          logger.info('No models.registries configured: no MLflow, Unity Catalog or Kubeflow models are imported');
          return;
        }
        registries.addConnector(...connectors);
        logger.info(`Registry connectors: ${connectors.map(c => `${c.name} (${c.flavour})`).join(', ')}`);
      },
    });
  },
});
