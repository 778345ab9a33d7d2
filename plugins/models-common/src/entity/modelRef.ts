import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The one spelling of a Model's entity ref that Modelport stores, labels and answers with, e.g.
 * `model:default/churn-classifier`: lower case, as the catalog compares refs, so that a Model named with capitals
 * finds the same registry rows whichever way a caller spells it. Takes the entity or a `{ namespace, name }` ref.
 *
 * @public
 */
export function modelRefOf(model: { metadata: { namespace?: string; name: string } } | { namespace?: string; name: string }): string {
  const { namespace, name } = 'metadata' in model ? model.metadata : model;
  // toLowerCase is what toLocaleLowerCase('en-US') does, without the locale lookup that showed in profiles.
  return `model:${namespace ?? 'default'}/${name}`.toLowerCase();
}

/**
 * A Model's owner as a full entity ref (`group:default/customer-ml`), as the registry's approver rules compare it
 * with a person's ownership refs: `spec.owner` may be written short, a Group by
 * default and in the Model's namespace, as the catalog reads it for the ownedBy relation.
 *
 * @public
 */
export function modelOwnerRefOf(model: { metadata: { namespace?: string }; spec: { owner: string } }): string {
  const ref = parseEntityRef(model.spec.owner, { defaultKind: 'group', defaultNamespace: model.metadata.namespace ?? 'default' });
  return stringifyEntityRef(ref);
}

/**
 * A Model's system as a full entity ref (`system:default/customer-insights`), or undefined without one: `spec.system`
 * may be written short, a System in the Model's namespace, as the catalog reads it for the partOf relation.
 *
 * @public
 */
export function modelSystemRefOf(model: { metadata: { namespace?: string }; spec: { system?: string } }): string | undefined {
  if (!model.spec.system) return undefined;
  return stringifyEntityRef(parseEntityRef(model.spec.system, { defaultKind: 'system', defaultNamespace: model.metadata.namespace ?? 'default' }));
}
