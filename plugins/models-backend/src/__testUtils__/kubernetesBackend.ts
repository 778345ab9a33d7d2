import { coreServices, createBackendPlugin, type AuthService, type DiscoveryService } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';

/** A cluster entry of the Kubernetes plugin's `config` cluster locator. */
export type ConfiguredCluster = JsonObject & { name: string; url: string; authProvider: string };

/**
 * Backstage's real Kubernetes backend in a test backend, with these clusters in its `kubernetes` block, and the
 * discovery and auth services a plugin of that backend gets, for the code that reaches the clusters through it.
 */
export async function startKubernetesBackend(clusters: ConfiguredCluster[], extraConfig: JsonObject = {}) {
  let services!: { discovery: DiscoveryService; auth: AuthService };
  const probe = createBackendPlugin({
    pluginId: 'probe',
    register(reg) {
      reg.registerInit({
        deps: { discovery: coreServices.discovery, auth: coreServices.auth },
        async init(deps) {
          services = deps;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      import('@backstage/plugin-kubernetes-backend'),
      probe,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: { kubernetes: { serviceLocatorMethod: { type: 'multiTenant' }, clusterLocatorMethods: [{ type: 'config', clusters }] }, ...extraConfig },
      }),
    ],
  });
  return { backend, ...services };
}
