/*
 * The Modelport portal's backend: a standard Backstage backend plus the Modelport plugins and modules.
 */

import { createBackend } from '@backstage/backend-defaults';
import { modelportPermissionPolicyModule } from './permissions/ModelportPermissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@modelport/plugin-scaffolder-backend-module-models'));

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

backend.add(import('@modelport/plugin-catalog-backend-module-models'));

// Modelport: the model registry, the forwarding of its changes to webhooks (models.webhooks.receivers), and the
// MLflow / Unity Catalog registries it imports from (models.registries; nothing without them)
backend.add(import('@modelport/plugin-models-backend'));
backend.add(import('@modelport/plugin-models-backend-module-webhooks'));
backend.add(import('@modelport/plugin-models-backend-module-mlflow'));

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// A sample policy: model owners register, promote and roll back; see ./permissions
backend.add(modelportPermissionPolicyModule);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// The event bus between replicas (on PostgreSQL): a registry change made on one replica reaches the signals of
// every other, so an open Registry tab updates whichever replica serves it; and each subscriber handles each
// event once across replicas.
backend.add(import('@backstage/plugin-events-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// A backend whose start failed would otherwise stay up, unready but alive, so Kubernetes would never restart it.
backend.start().catch(error => {
  console.error('Backend failed to start', error);
  process.exit(1);
});
