import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createMlflowRunAction } from './actions/mlflowRun';
import { createPinServingVersionAction } from './actions/pinServingVersion';
import { createRegisterModelVersionAction } from './actions/registerVersion';
import { createRequestPromotionAction } from './actions/requestPromotion';
import { createServingManifestsAction } from './actions/servingManifests';
import { createSloRulesAction } from './actions/sloRules';
import { createWriteModelAction } from './actions/writeModel';

/**
 * Adds the `modelport:*` actions to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleModels = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'models',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint, auth: coreServices.auth, discovery: coreServices.discovery, config: coreServices.rootConfig, catalog: catalogServiceRef },
      async init({ scaffolder, auth, discovery, config, catalog }) {
        const registry = { auth, discovery };
        scaffolder.addActions(
          createWriteModelAction({ catalog }),
          createServingManifestsAction(),
          createSloRulesAction(registry),
          createPinServingVersionAction({ ...registry, catalog }),
          createMlflowRunAction({ config }),
          createRegisterModelVersionAction(registry),
          createRequestPromotionAction(registry),
        );
      },
    });
  },
});
