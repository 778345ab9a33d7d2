import { createComponentExtension, createPlugin } from '@backstage/core-plugin-api';

/** Modelport's frontend plugin for apps on Backstage's legacy frontend system. */
export const modelsPlugin = createPlugin({ id: 'models' });

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
