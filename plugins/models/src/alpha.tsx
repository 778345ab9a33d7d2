import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** Cards of this plugin appear on Model entities only (kinds are compared case-insensitively). */
const modelsOnly = { kind: 'model' };

export const modelCardEntityCard = EntityCardBlueprint.make({
  name: 'model-card',
  params: {
    type: 'content',
    filter: modelsOnly,
    loader: () => import('./components/ModelCardCard').then(m => <m.ModelCardCard />),
  },
});

export const modelMonitoringEntityCard = EntityCardBlueprint.make({
  name: 'monitoring',
  params: {
    type: 'content',
    filter: modelsOnly,
    loader: () => import('./components/ModelMonitoringCard').then(m => <m.ModelMonitoringCard />),
  },
});

export const modelRelationsEntityCard = EntityCardBlueprint.make({
  name: 'serving-and-data',
  params: {
    type: 'info',
    filter: modelsOnly,
    loader: () => import('./components/ModelRelationsCard').then(m => <m.ModelRelationsCard />),
  },
});

/** Modelport's frontend plugin for apps on Backstage's new frontend system. */
export default createFrontendPlugin({
  pluginId: 'models',
  info: { packageJson: () => import('../package.json') },
  extensions: [modelCardEntityCard, modelMonitoringEntityCard, modelRelationsEntityCard],
});
