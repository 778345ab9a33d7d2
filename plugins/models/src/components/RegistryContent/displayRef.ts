import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';

/** `user:default/jane.doe` -> `jane.doe`: people as the catalog names them, without kind or default namespace. */
export function displayRef(ref: string): string {
  return humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'user' });
}

/** A person as the viewer reads them: "you" for the viewer, otherwise as the catalog names them. */
export function personRef(ref: string, viewerRef: string | undefined): string {
  return viewerRef && ref === viewerRef ? 'you' : displayRef(ref);
}

/** "a", "a and b", "a, b and c". */
export function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "a", "a or b", "a, b or c": who may do something, any one of them. */
export function eitherOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The importer's actor ref, one per connector, as the backend's registry sync registers versions under. */
const REGISTRY_SYNC_ACTOR = 'service:modelport-registry-sync/';

/** Who put a version in the registry: "by jane.doe", or "imported from mlflow-prod" for the outside-registry import. */
export function registeredByText(ref: string, viewerRef: string | undefined): string {
  return ref.startsWith(REGISTRY_SYNC_ACTOR) ? `imported from ${ref.slice(REGISTRY_SYNC_ACTOR.length)}` : `by ${personRef(ref, viewerRef)}`;
}
