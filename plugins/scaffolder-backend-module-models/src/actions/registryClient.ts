import type { AuthService, BackstageCredentials, DiscoveryService } from '@backstage/backend-plugin-api';
import { type CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError, ResponseError } from '@backstage/errors';
import { ModelRegistryClient } from '@modelport/plugin-models-common';

/** @public */
export type RegistryActionOptions = { auth: AuthService; discovery: DiscoveryService };

/**
 * The registry's typed client acting for the person who started the task, so that the registry applies that
 * person's permissions, separation of duties and audit identity, not the scaffolder's.
 */
export function registryClientFor(options: RegistryActionOptions, credentials: BackstageCredentials) {
  return new ModelRegistryClient({
    discoveryApi: options.discovery,
    fetchApi: {
      async fetch(input, init) {
        const { token } = await options.auth.getPluginRequestToken({ onBehalfOf: credentials, targetPluginId: 'models' });
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      },
    },
  });
}

/** Parses the `model` input: a Model entity ref, `model:` being the default kind. */
export function parseModelInput(ref: string): CompoundEntityRef {
  const parsed = parseEntityRef(ref, { defaultKind: 'Model', defaultNamespace: 'default' });
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'model') {
    throw new InputError(`Expected a Model entity ref such as model:default/churn-classifier, got ${ref}`);
  }
  return { kind: 'Model', namespace: parsed.namespace, name: parsed.name };
}

/** Runs a registry call; a refusal fails the task with the registry's own explanation in the task log. */
export async function withRegistryMessage<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ResponseError) throw new Error(`${error.message}: ${error.body.error.message}`);
    throw error;
  }
}
