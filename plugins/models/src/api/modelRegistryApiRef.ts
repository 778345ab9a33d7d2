import { createApiRef } from '@backstage/core-plugin-api';
import type { ModelRegistryClient } from '@modelport/plugin-models-common';

/** @public */
export type ModelRegistryApi = Pick<ModelRegistryClient, keyof ModelRegistryClient>;

/**
 * The models backend's registry API, implemented by `ModelRegistryClient`.
 *
 * @public
 */
export const modelRegistryApiRef = createApiRef<ModelRegistryApi>({ id: 'plugin.models.registry' });
