import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRegisterModelVersionAction } from './actions/registerVersion';
import { createRequestPromotionAction } from './actions/requestPromotion';

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
      deps: { scaffolder: scaffolderActionsExtensionPoint, auth: coreServices.auth, discovery: coreServices.discovery },
      async init({ scaffolder, auth, discovery }) {
        scaffolder.addActions(createRegisterModelVersionAction({ auth, discovery }), createRequestPromotionAction({ auth, discovery }));
      },
    });
  },
});
