import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ModelEntityProcessor } from './ModelEntityProcessor';

/**
 * Adds the Model entity kind to the catalog.
 *
 * @public
 */
export const catalogModuleModels = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'models',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new ModelEntityProcessor());
      },
    });
  },
});
