import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { MODEL_ENTITY_API_VERSION, MODEL_ENTITY_KIND } from '../entity/constants';
import type { ModelEntityV1alpha1 } from '../entity/ModelEntityV1alpha1';
import type { RegistryModelLink } from './types';

/**
 * Annotation of the Model entities offered for the models of an outside registry: `<connector>/<external name>`.
 * The importer registers versions only into a Model that carries it with that value (or into none yet), so a
 * hand-written Model of the same name is never written into by an import.
 *
 * @public
 */
export const ANNOTATION_REGISTERED_MODEL = 'modelport.io/registered-model';

/**
 * Annotation of an imported Model whose registered model was deleted in its outside registry: when (ISO 8601).
 * The entity stays, deprecated, with its versions and history.
 *
 * @public
 */
export const ANNOTATION_REGISTRY_DELETED_AT = 'modelport.io/registry-deleted-at';

/** The tags of an outside registered model that may name its Model's `spec.type`, in order of preference. */
const TYPE_TAGS = ['modelport.io/type', 'task'];
const MAX_NAME = 63;

/** FNV-1a, 32 bits, as 8 hex digits: a short stable suffix with no dependency on Node's or the browser's crypto. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The catalog name for a model of an outside registry: lower case, only `[a-z0-9-_.]` (Unity Catalog's dots in
 * `catalog.schema.model` kept), starting and ending with a letter or digit, at most 63 characters; cut names end in
 * a hash of the whole name, so that two long names sharing a start stay apart. `withHash` always appends the
 * hash: for a name another model already took after the same cleaning.
 *
 * @public
 */
export function registryEntityName(externalName: string, options: { withHash?: boolean } = {}): string {
  const clean = externalName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  const suffix = shortHash(externalName);
  if (!clean) return `model-${suffix}`;
  if (clean.length <= MAX_NAME && !options.withHash) return clean;
  const head = clean.slice(0, MAX_NAME - suffix.length - 1).replace(/[^a-z0-9]+$/, '');
  return `${head}-${suffix}`;
}

/**
 * The owner of an imported model: the tag's value when it is a valid Group or User ref (a bare name meaning a
 * group in the default namespace), else the connector's default owner.
 *
 * @public
 */
export function registryModelOwner(tags: Record<string, string>, owner: { tag?: string; default: string }): string {
  const value = owner.tag ? tags[owner.tag]?.trim() : undefined;
  if (value) {
    try {
      const ref = parseEntityRef(value.toLowerCase(), { defaultKind: 'group', defaultNamespace: 'default' });
      if ((ref.kind === 'group' || ref.kind === 'user') && /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/.test(ref.name) && /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(ref.namespace)) {
        return stringifyEntityRef(ref);
      }
    } catch {
      // Not an entity ref: the default owner below.
    }
  }
  return owner.default;
}

function modelTypeOf(tags: Record<string, string>): string {
  const value = TYPE_TAGS.map(t => tags[t]?.trim().toLowerCase()).find(Boolean);
  return value ? value.slice(0, MAX_NAME) : 'unclassified';
}

/**
 * The Model entity of a model imported from an outside registry, the one both the catalog's provider offers and
 * the importer registers versions against (before the catalog has processed it). A model with an alias is taken
 * as in production use (MLflow's aliases such as `champion` mark what is served); one deleted in its registry is
 * still offered, deprecated and annotated with when, so that its versions and history stay in view.
 *
 * @public
 */
export function registryModelEntity(link: RegistryModelLink): ModelEntityV1alpha1 {
  const { namespace, name } = parseEntityRef(link.modelRef);
  let lifecycle = Object.keys(link.aliases).length ? 'production' : 'experimental';
  if (link.deletedAt) lifecycle = 'deprecated';
  const origin = `${link.flavour} model ${link.externalName} in ${link.connector}`;
  return {
    apiVersion: MODEL_ENTITY_API_VERSION,
    kind: MODEL_ENTITY_KIND,
    metadata: {
      name,
      namespace,
      title: link.externalName,
      description: link.description ? `${link.description}\n\nImported from ${origin}.` : `Imported from ${origin}.`,
      tags: [link.flavour.toLowerCase().replace(/[^a-z0-9:+#-]+/g, '-').slice(0, MAX_NAME)].filter(Boolean),
      annotations: {
        [ANNOTATION_REGISTERED_MODEL]: `${link.connector}/${link.externalName}`,
        ...(link.deletedAt ? { [ANNOTATION_REGISTRY_DELETED_AT]: link.deletedAt } : {}),
      },
      links: link.url ? [{ url: link.url, title: `${link.externalName} in ${link.connector}`, type: 'model-registry' }] : [],
    },
    spec: { type: modelTypeOf(link.tags), lifecycle, owner: link.owner },
  };
}
