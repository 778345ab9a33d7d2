import { coreServices, createBackendModule, readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ServingDiscoveryProvider } from './discovery/ServingDiscoveryProvider';
import { ModelEntityProcessor } from './ModelEntityProcessor';

/**
 * Adds the Model entity kind to the catalog, and, when `catalog.providers.modelportServing` is configured, the
 * provider that offers InferenceServices without a Model as discovered Model entities.
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
        const discoveryConfig = config.getOptionalConfig('catalog.providers.modelportServing');
        if (discoveryConfig) {
          const schedule = discoveryConfig.has('schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(discoveryConfig.getConfig('schedule'))
            : { frequency: { minutes: 5 }, timeout: { minutes: 2 }, initialDelay: { seconds: 30 } };
          catalog.addEntityProvider(
            new ServingDiscoveryProvider({ owner: discoveryConfig.getString('owner'), discovery, auth, logger, runner: scheduler.createScheduledTaskRunner(schedule) }),
          );
        }
      },
    });
  },
});
