import { coreServices, createBackendModule, readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ModelsApiEntityProvider } from './api/ModelsApiEntityProvider';
import { ServingDiscoveryProvider } from './discovery/ServingDiscoveryProvider';
import { RegistryModelsProvider } from './registries/RegistryModelsProvider';
import { ModelEntityProcessor } from './ModelEntityProcessor';

/**
 * Adds the Model entity kind to the catalog, and, when `catalog.providers.modelportServing` is configured, the
 * provider that offers InferenceServices without a Model as discovered Model entities; when
 * `catalog.providers.modelportApi` is, the models API as an API entity (its definition the backend's OpenAPI document);
 * when `catalog.providers.modelportRegistries` is, the models of the outside registries the models backend imports from.
 *
 * @public
 */
export const catalogModuleModels = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'models',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ catalog, config, scheduler, discovery, auth, logger }) {
        catalog.addProcessor(new ModelEntityProcessor());
        const apiConfig = config.getOptionalConfig('catalog.providers.modelportApi');
        if (apiConfig) {
          catalog.addEntityProvider(new ModelsApiEntityProvider({ owner: apiConfig.getString('owner'), system: apiConfig.getOptionalString('system') }));
        }
        const discoveryConfig = config.getOptionalConfig('catalog.providers.modelportServing');
        if (discoveryConfig) {
          const schedule = discoveryConfig.has('schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(discoveryConfig.getConfig('schedule'))
            : { frequency: { minutes: 5 }, timeout: { minutes: 2 }, initialDelay: { seconds: 30 } };
          catalog.addEntityProvider(
            new ServingDiscoveryProvider({ owner: discoveryConfig.getString('owner'), discovery, auth, logger, runner: scheduler.createScheduledTaskRunner(schedule) }),
          );
        }
        const registriesConfig = config.getOptionalConfig('catalog.providers.modelportRegistries');
        if (registriesConfig) {
          const schedule = registriesConfig.has('schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(registriesConfig.getConfig('schedule'))
            : { frequency: { minutes: 5 }, timeout: { minutes: 2 }, initialDelay: { seconds: 30 } };
          catalog.addEntityProvider(new RegistryModelsProvider({ discovery, auth, logger, runner: scheduler.createScheduledTaskRunner(schedule) }));
        }
      },
    });
  },
});
