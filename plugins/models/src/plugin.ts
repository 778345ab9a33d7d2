import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension, type FieldExtensionComponent } from '@backstage/plugin-scaffolder-react';
import { ModelRegistryClient } from '@modelport/plugin-models-common';
import { modelRegistryApiRef } from './api/modelRegistryApiRef';
import { modelVersionPickerField, type ModelVersionPickerUiOptions } from './components/ModelVersionPicker';
import { createElement } from 'react';

/**
 * Modelport's frontend plugin for apps on Backstage's legacy frontend system.
 *
 * @public
 */
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

/**
 * The Registry tab content of the Model entity in context: environments, promotions, versions, audit.
 *
 * @public
 */
export const EntityModelRegistryContent: () => JSX.Element = modelsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelRegistryContent',
    component: { lazy: () => import('./components/RegistryContent').then(m => m.RegistryContent) },
  }),
);

/**
 * The model card of the Model entity in context.
 *
 * @public
 */
export const EntityModelCardCard: () => JSX.Element = modelsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelCardCard',
    component: { lazy: () => import('./components/ModelCardCard').then(m => m.ModelCardCard) },
  }),
);

/**
 * Monitored features and service level objectives of the Model entity in context.
 *
 * @public
 */
export const EntityModelMonitoringCard: () => JSX.Element = modelsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelMonitoringCard',
    component: {
      lazy: () => import('./components/ModelMonitoringCard').then(m => m.ModelMonitoringCard),
    },
  }),
);

/**
 * The serving components, APIs and training datasets of the Model entity in context.
 *
 * @public
 */
export const EntityModelRelationsCard: () => JSX.Element = modelsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelRelationsCard',
    component: {
      lazy: () => import('./components/ModelRelationsCard').then(m => m.ModelRelationsCard),
    },
  }),
);

/**
 * Error budgets, burn rates, alert state and latency of the Model entity in context, from Prometheus.
 *
 * @public
 */
export const EntityModelSloCard: () => JSX.Element = modelsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelSloCard',
    component: { lazy: () => import('./components/Observability').then(m => m.SloCard) },
  }),
);

/**
 * Drift per monitored feature of the Model entity in context, and drift over time.
 *
 * @public
 */
export const EntityModelDriftCard: () => JSX.Element = modelsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelDriftCard',
    component: { lazy: () => import('./components/Observability').then(m => m.DriftCard) },
  }),
);

/**
 * What the Model entity in context runs in each serving cluster, against what the registry approved there.
 *
 * @public
 */
export const EntityModelServingCard: () => JSX.Element = modelsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelServingCard',
    component: { lazy: () => import('./components/Serving').then(m => m.ServingCard) },
  }),
);

export const explorerRouteRef = createRouteRef({ id: 'models:explorer' });

/**
 * The models explorer, the page people open first: every model with its versions per environment, approvals
 * waiting, SLO, drift, serving and review. Mount it at /models, next to the fleet page at /models/fleet.
 *
 * @public
 */
export const ModelExplorerPage: () => JSX.Element = modelsPlugin.provide(
  createRoutableExtension({
    name: 'ModelExplorerPage',
    component: () => import('./components/Explorer').then(m => () => createElement(m.ExplorerPage)),
    mountPoint: explorerRouteRef,
  }),
);

export const fleetRouteRef = createRouteRef({ id: 'models:fleet' });

/**
 * The fleet page for leads: every model's SLO budget, burn state and drift. Mount it at e.g. /models/fleet.
 *
 * @public
 */
export const ModelFleetPage: () => JSX.Element = modelsPlugin.provide(
  createRoutableExtension({
    name: 'ModelFleetPage',
    component: () => import('./components/Observability').then(m => m.FleetPage),
    mountPoint: fleetRouteRef,
  }),
);

/**
 * The software templates' `ModelVersionPicker` field (`ui:field: ModelVersionPicker`) for apps on the legacy
 * frontend system: a registered version of a Model, the one its `ui:options` name by `model` or `modelField`.
 * Place it inside `<ScaffolderFieldExtensions>` of the scaffolder's route.
 *
 * @public
 */
export const ModelVersionPickerFieldExtension: FieldExtensionComponent<string, ModelVersionPickerUiOptions> = modelsPlugin.provide(
  createScaffolderFieldExtension(modelVersionPickerField),
);
