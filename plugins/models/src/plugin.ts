import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ModelRegistryClient } from '@modelport/plugin-models-common';
import { modelRegistryApiRef } from './api/modelRegistryApiRef';

/** Modelport's frontend plugin for apps on Backstage's legacy frontend system. */
export const modelsPlugin = createPlugin({
  id: 'models',
  apis: [
    createApiFactory({
      api: modelRegistryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new ModelRegistryClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/** The Registry tab content of the Model entity in context: environments, promotions, versions, audit. */
export const EntityModelRegistryContent = modelsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelRegistryContent',
    component: { lazy: () => import('./components/RegistryContent').then(m => m.RegistryContent) },
  }),
);

/** The model card of the Model entity in context. */
export const EntityModelCardCard = modelsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelCardCard',
    component: { lazy: () => import('./components/ModelCardCard').then(m => m.ModelCardCard) },
  }),
);

/** Monitored features and service level objectives of the Model entity in context. */
export const EntityModelMonitoringCard = modelsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelMonitoringCard',
    component: {
      lazy: () => import('./components/ModelMonitoringCard').then(m => m.ModelMonitoringCard),
    },
  }),
);

/** The serving components, APIs and training datasets of the Model entity in context. */
export const EntityModelRelationsCard = modelsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelRelationsCard',
    component: {
      lazy: () => import('./components/ModelRelationsCard').then(m => m.ModelRelationsCard),
    },
  }),
);

/** Error budgets, burn rates, alert state and latency of the Model entity in context, from Prometheus. */
export const EntityModelSloCard = modelsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelSloCard',
    component: { lazy: () => import('./components/Observability').then(m => m.SloCard) },
  }),
);

/** Drift per monitored feature of the Model entity in context, and drift over time. */
export const EntityModelDriftCard = modelsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelDriftCard',
    component: { lazy: () => import('./components/Observability').then(m => m.DriftCard) },
  }),
);

export const fleetRouteRef = createRouteRef({ id: 'models:fleet' });

/** The fleet page for leads: every model's SLO budget, burn state and drift. Mount it at e.g. /models/fleet. */
export const ModelFleetPage = modelsPlugin.provide(
  createRoutableExtension({
    name: 'ModelFleetPage',
    component: () => import('./components/Observability').then(m => m.FleetPage),
    mountPoint: fleetRouteRef,
  }),
);
