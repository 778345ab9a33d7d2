import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_REGISTERED_MODEL } from '@modelport/plugin-models-common';

/** Refs per catalog request. */
const BATCH = 200;

/**
 * Which of these Model refs the catalog holds as an entity of its own, one not offered for this registered model
 * (without `modelport.io/registered-model: <connector>/<external name>`), such as a hand-written Model of the same
 * namespace and name: versions imported there would land in someone else's model. Asked with the plugin's own
 * credentials, so that no permission narrows the view; a ref the catalog does not hold yet is free.
 */
export async function refusedRefs(options: {
  catalog: CatalogService;
  auth: AuthService;
  wanted: Array<{ modelRef: string; registeredModel: string }>;
}): Promise<Map<string, string>> {
  const { catalog, auth, wanted } = options;
  const refused = new Map<string, string>();
  if (!wanted.length) return refused;
  const credentials = await auth.getOwnServiceCredentials();
  for (let i = 0; i < wanted.length; i += BATCH) {
    const batch = wanted.slice(i, i + BATCH);
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: batch.map(w => w.modelRef), fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.annotations'] },
      { credentials },
    );
    batch.forEach((w, index) => {
      const entity = items[index];
      if (!entity) return;
      const claimed = entity.metadata.annotations?.[ANNOTATION_REGISTERED_MODEL];
      if (claimed !== w.registeredModel) {
        const holder = claimed ? `it is offered for ${claimed}` : `it carries no ${ANNOTATION_REGISTERED_MODEL}: ${w.registeredModel}`;
        refused.set(w.modelRef, `The catalog holds ${w.modelRef} as another ${entity.kind} (${holder}); nothing of ${w.registeredModel} is imported into it`);
      }
    });
  }
  return refused;
}
