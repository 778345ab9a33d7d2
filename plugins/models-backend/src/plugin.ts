import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { modelsPermissions } from '@modelport/plugin-models-common';
import { modelsQualityGatesExtensionPoint, type QualityGate } from '@modelport/plugin-models-node';
import { readRegistryEnvironments } from './config/registryConfig';
import { metricThresholdGate, modelCardCompleteGate } from './gates/builtinGates';
import { createRouter } from './router/createRouter';
import { RegistryService } from './service/RegistryService';
import { KnexModelRegistryStore } from './store/KnexModelRegistryStore';

/** The models backend plugin: the model registry under /api/models. */
export const modelsPlugin = createBackendPlugin({
  pluginId: 'models',
  register(reg) {
    const gates: QualityGate[] = [metricThresholdGate, modelCardCompleteGate];
    reg.registerExtensionPoint(modelsQualityGatesExtensionPoint, {
      addQualityGate(...added) {
        gates.push(...added);
      },
    });
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      async init({ config, database, httpRouter, auth, httpAuth, userInfo, permissions, permissionsRegistry, auditor, catalog }) {
        permissionsRegistry.addPermissions(modelsPermissions);
        const store = await KnexModelRegistryStore.create({ database });
        const service = new RegistryService({ store, environments: readRegistryEnvironments(config), gates });
        httpRouter.use(
          await createRouter({ service, store, knex: await database.getClient(), catalog, auth, httpAuth, userInfo, permissions, auditor }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
