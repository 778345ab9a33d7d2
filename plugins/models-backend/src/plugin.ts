import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  isModelEntity,
  type ModelEntityV1alpha1,
  modelPromotionCancelPermission,
  modelsPermissions,
} from '@modelport/plugin-models-common';
import { modelsQualityGatesExtensionPoint, type QualityGate } from '@modelport/plugin-models-node';
import { readRegistryEnvironments } from './config/registryConfig';
import { isRequester, promotionRequestResourceRef } from './permissions/promotionRequestRules';
import { metricThresholdGate, modelCardCompleteGate } from './gates/builtinGates';
import { createRouter } from './router/createRouter';
import { seedRegistry } from './seed/seedRegistry';
import { ObservabilityService } from './observability/ObservabilityService';
import { ObservabilityStore } from './observability/ObservabilityStore';
import { observabilityGate } from './observability/observabilityGate';
import { readPrometheusInstances } from './prometheus/prometheusConfig';
import { readDefaultMetricsSource } from './slo/sliQueries';
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
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, database, httpRouter, auth, httpAuth, userInfo, permissions, permissionsRegistry, auditor, logger, lifecycle, scheduler, catalog } = deps;
        const store = await KnexModelRegistryStore.create({ database });
        const defaultMetricsSource = readDefaultMetricsSource(config);
        const intervalSeconds = config.has('models.observability.interval')
          ? durationToMilliseconds(readDurationFromConfig(config, { key: 'models.observability.interval' })) / 1000
          : 300;
        const observability = new ObservabilityService({
          store: new ObservabilityStore(await database.getClient()),
          instances: readPrometheusInstances(config),
          catalog,
          auth,
          logger,
          defaultSource: defaultMetricsSource,
          intervalSeconds,
          baselineOf: async (modelRef, environment) => {
            const current = (await store.listCurrentAssignments(modelRef)).find(a => a.environment === environment);
            if (!current) return {};
            return { version: current.version, profile: (await store.getVersion(modelRef, current.version))?.profile };
          },
        });
        if (observability.configured) {
          // Global: one replica evaluates per interval, whichever holds the task's lock.
          await scheduler.scheduleTask({
            id: 'models-observability',
            scope: 'global',
            frequency: { seconds: intervalSeconds },
            timeout: { seconds: Math.max(60, intervalSeconds - 10) },
            initialDelay: { seconds: 15 },
            fn: async () => {
              await observability.runCycle();
            },
          });
        }
        permissionsRegistry.addPermissions(modelsPermissions);
        permissionsRegistry.addResourceType({
          resourceRef: promotionRequestResourceRef,
          permissions: [modelPromotionCancelPermission],
          rules: [isRequester],
          getResources: ids => Promise.all(ids.map(id => store.getRequest(id))),
        });
        const service = new RegistryService({ store, environments: readRegistryEnvironments(config), gates: [...gates, observabilityGate(observability)] });
        httpRouter.use(
          await createRouter({
            service,
            store,
            knex: await database.getClient(),
            catalog,
            auth,
            httpAuth,
            userInfo,
            permissions,
            auditor,
            defaultMetricsSource,
            observability,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        const seedFile = config.getOptionalString('models.registry.seedFile');
        if (seedFile) {
          const loadModel = async (ref: string) => {
            const entity = await catalog.getEntityByRef(ref, { credentials: await auth.getOwnServiceCredentials() });
            return entity && isModelEntity(entity) ? (entity as ModelEntityV1alpha1) : undefined;
          };
          // A global task runs on one replica at a time, so replicas that share the database replay the seed once:
          // whichever runs second finds history and skips. In the background, as the seed waits for the catalog.
          const task = 'models-registry-seed';
          await scheduler.scheduleTask({
            id: task,
            scope: 'global',
            frequency: { trigger: 'manual' },
            timeout: { minutes: 10 },
            fn: async () => {
              try {
                await seedRegistry({ file: seedFile, service, store, loadModel, logger });
              } catch (error) {
                logger.error(`Could not seed the model registry from ${seedFile}`, error as Error);
              }
            },
          });
          lifecycle.addStartupHook(async () => {
            // Another replica may be running it already, which is as good.
            await scheduler.triggerTask(task).catch(error => logger.debug(`Registry seed not triggered here: ${error}`));
          });
        }
      },
    });
  },
});
