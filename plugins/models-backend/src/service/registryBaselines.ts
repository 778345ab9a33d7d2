import type { VersionProfile } from '@modelport/plugin-models-common';
import type { ModelRegistryStore } from '../store/ModelRegistryStore';

/**
 * The drift baseline of a model whose reference is an environment: the version current there and its registered
 * profile. The observability cycle reads it from the registry's store; the registry's promotion gates in turn
 * read the observability, so neither service holds the other.
 */
export function registryBaselines(store: ModelRegistryStore) {
  return async (modelRef: string, environment: string): Promise<{ version?: string; profile?: VersionProfile }> => {
    const current = (await store.listCurrentAssignments(modelRef)).find(a => a.environment === environment);
    if (!current) return {};
    return { version: current.version, profile: (await store.getVersion(modelRef, current.version))?.profile };
  };
}
