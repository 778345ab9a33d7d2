import type { Entity } from '@backstage/catalog-model';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
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
 * accepts as the person on whose behalf they were issued.
 */
export async function startModelsBackend(entities: Entity[]) {
  const backend = await startTestBackend({
    features: [modelsPlugin, catalogServiceMock.factory({ entities }), mockServices.rootConfig.factory({ data: {} })],
  });
  const server = backend.server as unknown as Server;
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/models`;
  const options: RegistryActionOptions = {
    auth: mockServices.auth(),
    discovery: { getBaseUrl: async () => base, getExternalBaseUrl: async () => base },
  };
  /** Calls the API as a person, e.g. to register and promote the versions an action then reads. */
  const as = (user: string) => ({
    post: (path: string, body: object) => request(server).post(`/api/models${path}`).set('Authorization', mockCredentials.user.header(user)).send(body),
  });
  return { backend, options, as };
}
