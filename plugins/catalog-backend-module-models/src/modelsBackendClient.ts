import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ModelRegistryClient } from '@modelport/plugin-models-common';

/** A client of the models backend that calls with the catalog's own service credentials, as the providers read it. */
export function modelsBackendClient(options: { discovery: DiscoveryService; auth: AuthService }): ModelRegistryClient {
  const { discovery, auth } = options;
  return new ModelRegistryClient({
    discoveryApi: discovery,
    fetchApi: {
      fetch: async (input, init) => {
        const { token } = await auth.getPluginRequestToken({ onBehalfOf: await auth.getOwnServiceCredentials(), targetPluginId: 'models' });
        return fetch(input, { ...init, headers: { ...init?.headers, Authorization: `Bearer ${token}` } });
      },
    },
  });
}
