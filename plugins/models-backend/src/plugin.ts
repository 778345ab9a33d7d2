import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef, metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { modelPromotionCancelPermission, modelsPermissions } from '@modelport/plugin-models-common';
import { type ModelRegistryConnector, modelsQualityGatesExtensionPoint, modelsRegistryConnectorsExtensionPoint, type QualityGate } from '@modelport/plugin-models-node';
import { registerModelActions } from './actions/registerModelActions';
import { readRegistryEnvironments } from './config/registryConfig';
import { KnexRegistrySyncStore } from './connectors/KnexRegistrySyncStore';
import { RegistrySyncService } from './connectors/RegistrySyncService';
import { scheduleRegistrySync, subscribeAliasWriteBack } from './connectors/scheduleRegistrySync';
import { GovernanceNotifier } from './governance/GovernanceNotifier';
import { KnexNotifiedStates } from './governance/NotifiedStates';
import { publishRegistryChanges } from './governance/publishRegistryChanges';
import { readReviewPolicy } from './governance/reviewConfig';
import { reviewCurrentGate } from './governance/reviewGate';
import { ReviewService } from './governance/ReviewService';
import { subscribeGovernance } from './governance/subscribeGovernance';
import { connectModelsDatabase } from './database/migrations';
import { ExplorerService } from './explorer/ExplorerService';
import { KnexExplorerStore } from './explorer/KnexExplorerStore';
import { scheduleExplorer } from './explorer/scheduleExplorer';
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
import { ConnectorServing } from './serving/endpoints/ConnectorServing';
import { KnexServingEndpointStore } from './serving/endpoints/KnexServingEndpointStore';
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
    const connectors: ModelRegistryConnector[] = [];
    reg.registerExtensionPoint(modelsRegistryConnectorsExtensionPoint, {
      addConnector(...added) {
        connectors.push(...added);
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
        const servingConfig = readServingConfig(config, environments.map(e => e.name));
        const registrySyncStore = new KnexRegistrySyncStore(knex);
        const serving = new ServingService({
          store: new KnexServingStore(knex),
          gateway: new KubernetesBackendGateway({ discovery, auth }),
          config: servingConfig,
          environments: environments.map(e => e.name),
          deployments: registryDeployments(store),
          logger,
          metrics,
          // The registries' serving endpoints (Databricks Model Serving) stand as clusters of imported models.
          endpoints: new ConnectorServing({
            connectors,
            store: new KnexServingEndpointStore(knex),
            links: registrySyncStore,
            environments: environments.map(e => e.name),
            timeoutMs: servingConfig.timeoutMs,
            logger,
          }),
        });
        const publishEvents = publishRegistryChanges({ events: deps.events, logger });
        // After the events, the explorer's rows of the models changed, so that a lead who approves sees the page agree.
        let explorerCatchUp = async (_modelRefs: string[]) => {};
        const publish = async (changes: Parameters<typeof publishEvents>[0]) => {
          await publishEvents(changes);
          await explorerCatchUp(changes.map(c => c.subject).filter(s => s.startsWith('model:')));
        };
        const reviews = new ReviewService({ store, policy: readReviewPolicy(config), publish });
        const explorer = new ExplorerService({
          store: new KnexExplorerStore(knex),
          catalog,
          auth,
          permissions,
          logger,
          sources: {
            environments: () => environments.map(e => e.name),
            currentAssignments: () => store.listAllCurrentAssignments(),
            pendingRequests: () => store.listPendingRequests(),
            observability: async models => (await observability.fleetOf(models)).map(row => row.status),
            serving: models => serving.fleet(models),
            reviews: models => reviews.statusesOf(models),
            intervals: { observability: observability.intervalSeconds, serving: serving.intervalSeconds },
          },
        });
        explorerCatchUp = modelRefs => explorer.refreshModels(modelRefs).catch(error => logger.warn('Models explorer: could not catch up after a registry change', error));
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
        const registrySync = new RegistrySyncService({ connectors, store: registrySyncStore, registry, registryStore: store, catalog, auth, logger });
        await subscribeAliasWriteBack({ events: deps.events, registrySync, logger });

        permissionsRegistry.addPermissions(modelsPermissions);
        permissionsRegistry.addResourceType({
          resourceRef: promotionRequestResourceRef,
          permissions: [modelPromotionCancelPermission],
          rules: [isRequester],
          getResources: ids => Promise.all(ids.map(id => store.getRequest(id))),
        });
        httpRouter.use(
          await createRouter({ registry, reviews, observability, serving, explorer, registrySync, models: new ModelLookup(catalog), auth, httpAuth, userInfo, permissions, auditor, defaultMetricsSource }),
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

        const catchUp = () => explorer.refreshFigures();
        const afterObservability = () => notifier.observabilityEvaluated().then(catchUp);
        await scheduleObservability({ observability, scheduler, lifecycle, knex, logger, afterCycle: afterObservability });
        await scheduleServing({ serving, scheduler, lifecycle, knex, logger, afterCycle: () => notifier.servingCollected().then(catchUp) });
        await scheduleExplorer({ explorer, intervalSeconds: config.getOptionalNumber('models.explorer.intervalSeconds') ?? 60, scheduler, lifecycle, knex, logger });
        await scheduleRegistrySeed({ config, registry, reviews, catalog, auth, logger, lifecycle, scheduler });
        await scheduleRegistrySync({ registrySync, config, scheduler, lifecycle, knex, logger });
      },
    });
  },
});
