import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef, metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { modelPromotionCancelPermission, modelsPermissions } from '@modelport/plugin-models-common';
import { modelsQualityGatesExtensionPoint, type QualityGate } from '@modelport/plugin-models-node';
import { registerModelActions } from './actions/registerModelActions';
import { readRegistryEnvironments } from './config/registryConfig';
import { GovernanceNotifier } from './governance/GovernanceNotifier';
import { KnexNotifiedStates } from './governance/NotifiedStates';
import { publishRegistryChanges } from './governance/publishRegistryChanges';
import { readReviewPolicy } from './governance/reviewConfig';
import { reviewCurrentGate } from './governance/reviewGate';
import { ReviewService } from './governance/ReviewService';
import { subscribeGovernance } from './governance/subscribeGovernance';
import { connectModelsDatabase } from './database/migrations';
import { metricThresholdGate, modelCardCompleteGate } from './gates/builtinGates';
import { createModelsMetrics } from './metrics/ModelsMetrics';
import { KnexObservabilityStore } from './observability/KnexObservabilityStore';
import { observabilityGate } from './observability/observabilityGate';
import { ObservabilityService } from './observability/ObservabilityService';
import { scheduleObservability } from './observability/scheduleObservability';
import { isRequester, promotionRequestResourceRef } from './permissions/promotionRequestRules';
import { readObservabilityInterval, readPrometheusInstances } from './prometheus/prometheusConfig';
import { createAccess } from './router/access';
import { createRouter } from './router/createRouter';
import { scheduleRegistrySeed } from './seed/scheduleRegistrySeed';
import { ModelLookup } from './service/ModelLookup';
import { registryBaselines } from './service/registryBaselines';
import { registryDeployments } from './service/registryDeployments';
import { RegistryService } from './service/RegistryService';
import { KnexServingStore } from './serving/KnexServingStore';
import { KubernetesBackendGateway } from './serving/KubernetesGateway';
import { scheduleServing } from './serving/scheduleServing';
import { deployedInPreviousEnvironmentGate } from './serving/servingGate';
import { readServingConfig } from './serving/servingConfig';
import { ServingService } from './serving/ServingService';
import { readDefaultMetricsSource } from './slo/sliQueries';
import { KnexModelRegistryStore } from './store/KnexModelRegistryStore';

/**
 * The models backend plugin: the model registry and observability under /api/models.
 *
 * @public
 */
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
        metricsService: metricsServiceRef,
        cache: coreServices.cache,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, database, httpRouter, auth, httpAuth, userInfo, permissions, permissionsRegistry, auditor, logger, lifecycle, scheduler, catalog, metricsService, cache, discovery } = deps;
        const knex = await connectModelsDatabase(database);
        const metrics = createModelsMetrics(metricsService);
        const store = new KnexModelRegistryStore(knex);
        const defaultMetricsSource = readDefaultMetricsSource(config);
        const observability = new ObservabilityService({
          store: new KnexObservabilityStore(knex),
          instances: readPrometheusInstances(config),
          catalog,
          auth,
          logger,
          defaultSource: defaultMetricsSource,
          intervalSeconds: readObservabilityInterval(config),
          baselineOf: registryBaselines(store),
          metrics,
          cache,
        });
        const environments = readRegistryEnvironments(config);
        const serving = new ServingService({
          store: new KnexServingStore(knex),
          gateway: new KubernetesBackendGateway({ discovery, auth }),
          config: readServingConfig(config, environments.map(e => e.name)),
          environments: environments.map(e => e.name),
          deployments: registryDeployments(store),
          logger,
          metrics,
        });
        const publish = publishRegistryChanges({ events: deps.events, logger });
        const reviews = new ReviewService({ store, policy: readReviewPolicy(config), publish });
        const registry = new RegistryService({
          store,
          environments,
          gates: [...gates, observabilityGate(observability), deployedInPreviousEnvironmentGate(serving), reviewCurrentGate(reviews)],
          metrics,
          publish,
        });
        const notifier = new GovernanceNotifier({
          notifications: deps.notifications,
          registry,
          serving,
          catalog,
          auth,
          states: new KnexNotifiedStates(knex),
          latestSnapshots: () => observability.latestSnapshots(),
          logger,
        });
        await subscribeGovernance({ events: deps.events, signals: deps.signals, notifier, logger });

        permissionsRegistry.addPermissions(modelsPermissions);
        permissionsRegistry.addResourceType({
          resourceRef: promotionRequestResourceRef,
          permissions: [modelPromotionCancelPermission],
          rules: [isRequester],
          getResources: ids => Promise.all(ids.map(id => store.getRequest(id))),
        });
        httpRouter.use(
          await createRouter({ registry, reviews, observability, serving, models: new ModelLookup(catalog), auth, httpAuth, userInfo, permissions, auditor, defaultMetricsSource }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        registerModelActions({
          actionsRegistry: deps.actionsRegistry,
          access: createAccess({ auth, httpAuth, userInfo, permissions, models: new ModelLookup(catalog) }),
          registry,
          observability,
          serving,
          auditor,
        });

        await scheduleObservability({ observability, scheduler, lifecycle, knex, logger, afterCycle: () => notifier.observabilityEvaluated() });
        await scheduleServing({ serving, scheduler, lifecycle, knex, logger, afterCycle: () => notifier.servingCollected() });
        await scheduleRegistrySeed({ config, registry, reviews, catalog, auth, logger, lifecycle, scheduler });
      },
    });
  },
});
