import { ApiBlueprint, createFrontendModule, createFrontendPlugin, discoveryApiRef, fetchApiRef, PageBlueprint } from '@backstage/frontend-plugin-api';
import AssessmentIcon from '@material-ui/icons/Assessment';
import GavelIcon from '@material-ui/icons/Gavel';
import ModelsIcon from '@material-ui/icons/Memory';
import { ALL_RELATION_PAIRS, ALL_RELATIONS, catalogGraphApiRef, DefaultCatalogGraphApi } from '@backstage/plugin-catalog-graph';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { ModelRegistryClient, RELATION_SERVED_BY, RELATION_SERVES, RELATION_TRAINED_ON, RELATION_TRAINING_DATA_OF } from '@modelport/plugin-models-common';

import { modelRegistryApiRef } from './api/modelRegistryApiRef';
import { askFirstPage } from './components/Explorer/firstPage';
import { auditReportRouteRef, explorerRouteRef, fleetRouteRef } from './routes';

/** Cards of this plugin appear on Model entities only (kinds are compared case-insensitively). */
const modelsOnly = { kind: 'model' };

/** @public */
export const modelCardEntityCard = EntityCardBlueprint.make({
  name: 'model-card',
  params: {
    type: 'content',
    filter: modelsOnly,
    loader: () => import('./components/ModelCardCard').then(m => <m.ModelCardCard />),
  },
});

/** @public */
export const modelMonitoringEntityCard = EntityCardBlueprint.make({
  name: 'monitoring',
  params: {
    type: 'content',
    filter: modelsOnly,
    loader: () => import('./components/ModelMonitoringCard').then(m => <m.ModelMonitoringCard />),
  },
});

/** @public */
export const modelRelationsEntityCard = EntityCardBlueprint.make({
  name: 'serving-and-data',
  params: {
    type: 'info',
    filter: modelsOnly,
    loader: () => import('./components/ModelRelationsCard').then(m => <m.ModelRelationsCard />),
  },
});

/** @public */
export const modelSloEntityCard = EntityCardBlueprint.make({
  name: 'slo',
  params: {
    type: 'content',
    filter: modelsOnly,
    loader: () => import('./components/Observability').then(m => <m.SloCard />),
  },
});

/** @public */
export const modelDriftEntityCard = EntityCardBlueprint.make({
  name: 'drift',
  params: {
    type: 'content',
    filter: modelsOnly,
    loader: () => import('./components/Observability').then(m => <m.DriftCard />),
  },
});

/** @public */
export const modelServingEntityCard = EntityCardBlueprint.make({
  name: 'serving',
  params: {
    type: 'content',
    filter: modelsOnly,
    loader: () => import('./components/Serving').then(m => <m.ServingCard />),
  },
});

/** @public */
export const modelReviewEntityCard = EntityCardBlueprint.make({
  name: 'review',
  params: {
    type: 'content',
    filter: modelsOnly,
    loader: () => import('./components/Reviews').then(m => <m.ReviewCard />),
  },
});
/**
 * The models explorer at /models, the page people open first: every model with its versions per environment,
 * approvals waiting, SLO, drift, serving and review, searched, filtered and sorted by the server.
 *
 * @public
 */
export const modelExplorerPage = PageBlueprint.makeWithOverrides({
  name: 'explorer',
  factory(originalFactory, { apis }) {
    return originalFactory({
      path: '/models',
      title: 'Models',
      icon: <ModelsIcon fontSize="inherit" />,
      routeRef: explorerRouteRef,
      loader: () => {
        // The first page is asked for while the page's code loads (the loader runs when /models is first shown).
        const api = apis.get(modelRegistryApiRef);
        const firstPage = api ? askFirstPage(api, window.location.search) : undefined;
        return import('./components/Explorer').then(m => <m.ExplorerPage firstPage={firstPage} />);
      },
    });
  },
});

/** @public */
export const modelFleetPage = PageBlueprint.make({
  name: 'fleet',
  params: {
    path: '/models/fleet',
    title: 'Model fleet',
    icon: <AssessmentIcon fontSize="inherit" />,
    routeRef: fleetRouteRef,
    loader: () => import('./components/Observability').then(m => <m.FleetPage />),
  },
});

/** @public */
export const modelAuditReportPage = PageBlueprint.make({
  name: 'audit-report',
  params: {
    path: '/models/audit-report',
    title: "Auditor's report",
    icon: <GavelIcon fontSize="inherit" />,
    routeRef: auditReportRouteRef,
    loader: () => import('./components/AuditReport').then(m => <m.AuditReportPage />),
  },
});

/** @public */
export const modelOnCallEntityCard = EntityCardBlueprint.make({
  name: 'on-call',
  params: {
    type: 'info',
    filter: modelsOnly,
    loader: () => import('./components/OnCall').then(m => <m.OnCallCard />),
  },
});

/** @public */
export const modelRegistryEntityContent = EntityContentBlueprint.make({
  name: 'registry',
  params: {
    path: 'registry',
    title: 'Registry',
    filter: modelsOnly,
    loader: () => import('./components/RegistryContent').then(m => <m.RegistryContent />),
  },
});

/**
 * The software templates' `ModelVersionPicker` field (`ui:field: ModelVersionPicker`): a registered version of a
 * Model, the one its `ui:options` name by `model` or `modelField`. It attaches to the scaffolder's form fields, so
 * an app with both plugins offers it to every template.
 *
 * @public
 */
export const modelVersionPickerFormField = FormFieldBlueprint.make({
  name: 'model-version-picker',
  params: {
    field: () => import('./components/ModelVersionPicker/extension').then(m => m.ModelVersionPickerFormField),
  },
});

/** @public */
export const modelRegistryApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: modelRegistryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new ModelRegistryClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The home page's widget of the signed-in person's teams' models, those needing attention first; its `name` is what
 * `page:home`'s `defaultConfig` places.
 *
 * @public
 */
export const modelsHomePageWidget = HomePageWidgetBlueprint.make({
  name: 'my-teams-models',
  params: {
    name: 'ModelportMyTeamsModels',
    title: "My teams' models",
    description: 'The models your teams own, those that need attention first (error budget, burn-rate alerts, drift, serving against approval)',
    components: async () => import('./components/Home').then(m => ({ Content: m.MyTeamsModels })),
  },
});

/**
 * The home page's widget of the pending promotions the signed-in person may decide on, and their own requests still
 * waiting; its `name` is what `page:home`'s `defaultConfig` places.
 *
 * @public
 */
export const awaitingMyApprovalHomePageWidget = HomePageWidgetBlueprint.make({
  name: 'awaiting-my-approval',
  params: {
    name: 'ModelportAwaitingMyApproval',
    title: 'Awaiting my approval',
    description: 'Promotion requests you may approve or reject now, and your own requests still waiting for others',
    components: async () => import('./components/Home').then(m => ({ Content: m.AwaitingMyApproval })),
  },
});

/**
 * The home page's widget of the latest versions promoted or rolled back, across the models the person may see.
 *
 * @public
 */
export const recentPromotionsHomePageWidget = HomePageWidgetBlueprint.make({
  name: 'recent-promotions',
  params: {
    name: 'ModelportRecentPromotions',
    title: 'Recent promotions',
    description: 'The latest versions made current in an environment, by promotion or rollback, newest first',
    components: async () => import('./components/Home').then(m => ({ Content: m.RecentPromotions })),
  },
});

/** Modelport's frontend plugin for apps on Backstage's new frontend system. */
export default createFrontendPlugin({
  pluginId: 'models',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    modelRegistryApi,
    modelsHomePageWidget,
    awaitingMyApprovalHomePageWidget,
    recentPromotionsHomePageWidget,
    modelCardEntityCard,
    modelMonitoringEntityCard,
    modelRelationsEntityCard,
    modelSloEntityCard,
    modelDriftEntityCard,
    modelServingEntityCard,
    modelReviewEntityCard,
    modelOnCallEntityCard,
    modelRegistryEntityContent,
    modelExplorerPage,
    modelFleetPage,
    modelAuditReportPage,
    modelVersionPickerFormField,
  ],
  routes: { explorer: explorerRouteRef, fleet: fleetRouteRef, auditReport: auditReportRouteRef },
});

/**
 * Teaches the catalog graph (its entity card and page) the relations of Models, which it otherwise leaves out
 * because it draws only the relation types it knows.
 *
 * @public
 */
export const catalogGraphModelRelations = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: {},
          factory: () =>
            new DefaultCatalogGraphApi({
              knownRelations: [...ALL_RELATIONS, RELATION_SERVED_BY, RELATION_SERVES, RELATION_TRAINED_ON, RELATION_TRAINING_DATA_OF],
              knownRelationPairs: [...ALL_RELATION_PAIRS, [RELATION_SERVED_BY, RELATION_SERVES], [RELATION_TRAINED_ON, RELATION_TRAINING_DATA_OF]],
              defaultRelationTypes: { exclude: [] },
            }),
        }),
    }),
  ],
});
