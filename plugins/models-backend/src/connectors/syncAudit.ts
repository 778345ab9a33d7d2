import type { AuditEvent } from '@modelport/plugin-models-common';
import type { Actor } from '../service/RegistryService';
import type { ModelRegistryStore } from '../store/ModelRegistryStore';

/** Who the importer acts as in the registry and its audit chain: a service ref per connector. */
export function syncActor(connector: string): Actor {
  return { ref: `service:modelport-registry-sync/${connector}`, ownershipRefs: [] };
}

/**
 * What the importer records in the registry's hash chain besides the versions it registers: a registered model
 * deleted in its registry, and each attempt to move an alias there. These are not registry changes, so they are
 * appended without being published on `modelport.registry`; `GET /audit?subject=<model ref>` reads them.
 */
export function appendSyncAudit(
  registryStore: ModelRegistryStore,
  event: { connector: string; action: 'registry.model-deleted' | 'registry.alias-written' | 'registry.alias-write-failed'; subject: string; after: object; at: string },
): Promise<AuditEvent> {
  return registryStore.transaction(tx => tx.audit.append({ actor: syncActor(event.connector).ref, action: event.action, subject: event.subject, after: event.after }, event.at));
}
