import type { ModelRegistryStore } from '../store/ModelRegistryStore';
import type { RegistryDeployments } from '../serving/ServingService';

/**
 * What the serving verdicts compare with: the version current in each environment and every registered version
 * (their artifact URIs), read from the registry's store, so that the serving service does not hold the registry's.
 */
export function registryDeployments(store: ModelRegistryStore): RegistryDeployments {
  return {
    async of(modelRef) {
      const [assignments, versions] = await Promise.all([store.listCurrentAssignments(modelRef), store.listVersions(modelRef)]);
      return { approved: Object.fromEntries(assignments.map(a => [a.environment, a.version])), versions };
    },
    async approvedAll() {
      const approved = new Map<string, Record<string, string>>();
      for (const a of await store.listAllCurrentAssignments()) approved.set(a.modelRef, { ...approved.get(a.modelRef), [a.environment]: a.version });
      return approved;
    },
    versions: modelRef => store.listVersions(modelRef),
  };
}
