import { createApiRef } from '@backstage/core-plugin-api';
import type { ModelRegistryClient } from '@modelport/plugin-models-common';

export type ModelRegistryApi = Pick<ModelRegistryClient, keyof ModelRegistryClient>;

/** The models backend's registry API, implemented by `ModelRegistryClient`. */
export const modelRegistryApiRef = createApiRef<ModelRegistryApi>({ id: 'plugin.models.registry' });
