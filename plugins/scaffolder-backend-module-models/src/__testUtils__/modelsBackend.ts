import { createServiceFactory } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { type CatalogService, catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// Only tests run the models backend beside the actions, as a portal would; the actions talk HTTP to it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import modelsPlugin from '@modelport/plugin-models-backend';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { RegistryActionOptions } from '../actions/registryClient';

/**
 * The real models backend (SQLite, the registry's real rules) with these catalog entities, and the options the
 * actions take to reach it as a scaffolder module would: Backstage's mock auth, whose tokens the test backend
 * accepts as the person on whose behalf they were issued. The entities of `processedLater` are missing the first
 * time each is asked for and there from then on, as a new location's are while the catalog processes it.
 */
export async function startModelsBackend(entities: Entity[], catalogState: { processedLater?: Entity[] } = {}) {
  const catalog = catalogServiceMock({ entities: [...entities, ...(catalogState.processedLater ?? [])] });
  const pending = new Set((catalogState.processedLater ?? []).map(e => stringifyEntityRef(e)));
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  catalog.getEntityByRef = async (ref, opts) => {
    const key = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
    if (pending.delete(key)) return undefined;
    return getEntityByRef(ref, opts);
  };
  const backend = await startTestBackend({
    features: [
      modelsPlugin,
      createServiceFactory({ service: catalogServiceRef, deps: {}, factory: () => catalog }),
      mockServices.rootConfig.factory({ data: {} }),
    ],
  });
  const server = backend.server as unknown as Server;
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/models`;
  const options: RegistryActionOptions & { catalog: CatalogService } = {
    catalog: catalog as unknown as CatalogService,
    auth: mockServices.auth(),
    discovery: { getBaseUrl: async () => base, getExternalBaseUrl: async () => base },
  };
  /** Calls the API as a person, e.g. to register and promote the versions an action then reads. */
  const as = (user: string) => ({
    post: (path: string, body: object) => request(server).post(`/api/models${path}`).set('Authorization', mockCredentials.user.header(user)).send(body),
  });
  return { backend, options, as };
}
