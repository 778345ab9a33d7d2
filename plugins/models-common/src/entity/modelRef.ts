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
