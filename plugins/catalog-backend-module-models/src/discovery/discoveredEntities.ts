import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DISCOVERED_IN,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_SERVING_OBJECT,
  MODEL_ENTITY_API_VERSION,
  MODEL_ENTITY_KIND,
  type DiscoveredServingObject,
} from '@modelport/plugin-models-common';
import { createHash } from 'node:crypto';

/** The catalog namespace of discovered Models: apart from the owners' own, so that no name of theirs is ever taken. */
export const DISCOVERED_NAMESPACE = 'discovered';

/** `<name>.<namespace>` of the InferenceService, cut to the catalog's 63 characters with a hash when longer. */
export function discoveredEntityName(namespace: string, name: string): string {
  const full = `${name}.${namespace}`;
  if (full.length <= 63) return full;
  return `${full.slice(0, 54).replace(/[-.]+$/, '')}-${createHash('sha256').update(full).digest('hex').slice(0, 8)}`;
}

/**
 * One Model entity per InferenceService that no Model describes, merged across the clusters it runs in, annotated
 * as discovered (with the clusters), naming its object outright so that its Serving card shows it, and owned by
 * the configured owner until its real owners describe it.
 */
export function discoveredEntities(objects: DiscoveredServingObject[], options: { owner: string; locationKey: string }): Entity[] {
  const byObject = new Map<string, DiscoveredServingObject[]>();
  for (const o of objects) {
    const key = `${o.namespace}/${o.name}`;
    byObject.set(key, [...(byObject.get(key) ?? []), o]);
  }
  return [...byObject.values()].map(found => {
    const { namespace, name, modelFormat } = found[0];
    const clusters = [...new Set(found.map(f => f.cluster))].sort();
    const environments = [...new Set(found.map(f => f.environment))].sort();
    const location = `${options.locationKey}:${namespace}/${name}`;
    return {
      apiVersion: MODEL_ENTITY_API_VERSION,
      kind: MODEL_ENTITY_KIND,
      metadata: {
        name: discoveredEntityName(namespace, name),
        namespace: DISCOVERED_NAMESPACE,
        title: `${name} (discovered)`,
        description:
          `InferenceService ${namespace}/${name}, found running in ${clusters.join(', ')} (${environments.join(', ')}) with no Model ` +
          'entity describing it. Describe it in a catalog-info.yaml of its own (with a label selector or ' +
          `${ANNOTATION_SERVING_OBJECT} naming it), and this entry goes away.`,
        tags: ['discovered', ...(modelFormat ? [modelFormat.toLowerCase().replace(/[^a-z0-9+#-]/g, '-').slice(0, 63)] : [])],
        annotations: {
          [ANNOTATION_DISCOVERED_IN]: clusters.join(','),
          [ANNOTATION_SERVING_OBJECT]: `InferenceService/${namespace}/${name}`,
          [ANNOTATION_KUBERNETES_NAMESPACE]: namespace,
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
        },
      },
      spec: { type: 'unclassified', lifecycle: 'unknown', owner: options.owner },
    };
  });
}
