import type { ModelRegistryConnector } from '@modelport/plugin-models-node';
import type { ModelRegistryStore } from '../store/ModelRegistryStore';
import type { NewFinding, RegistrySyncStore, StoredLink } from './RegistrySyncStore';

/**
 * The aliases that stand for a Modelport environment (the connector's `aliasEnvironments`) and point elsewhere than
 * the version current there in Modelport: moved in the registry, not by a Modelport promotion. Modelport decides
 * promotions, so these are only reported; an alias whose write-back of that very version is still to be done is
 * not news.
 */
export async function aliasFindings(options: {
  connector: ModelRegistryConnector;
  links: StoredLink[];
  registryStore: ModelRegistryStore;
  store: RegistrySyncStore;
}): Promise<NewFinding[]> {
  const { connector, links, store } = options;
  const mapped = Object.entries(connector.aliasEnvironments);
  if (!mapped.length || !links.some(l => Object.keys(l.aliases).length)) return [];
  const current = new Map((await options.registryStore.listAllCurrentAssignments()).map(a => [`${a.modelRef}|${a.environment}`, a.version]));
  const findings: NewFinding[] = [];
  for (const link of links) {
    for (const [alias, environment] of mapped) {
      const external = link.aliases[alias];
      if (external === undefined) continue;
      const registry = current.get(`${link.modelRef}|${environment}`);
      if (registry === external) continue;
      if (await store.aliasWriteOutstanding(link.modelRef, connector.name, alias, registry ?? '')) continue;
      const ours = registry ? `Modelport's ${environment} is ${registry}` : `Modelport's ${environment} has no version`;
      findings.push({
        modelRef: link.modelRef,
        connector: connector.name,
        kind: 'alias-drift',
        alias,
        environment,
        externalVersion: external,
        ...(registry ? { registryVersion: registry } : {}),
        message: `alias ${alias} points at ${external} in ${connector.name}; ${ours} (no Modelport promotion moved it)`,
      });
    }
  }
  return findings;
}
