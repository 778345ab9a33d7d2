import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import type { Facet } from './explorerQuery';

const kinds: Partial<Record<Facet, string>> = { owner: 'group', system: 'system' };

/**
 * A facet's value as people read it: owners and systems as the catalog names them (`customer-ml`, not
 * `group:default/customer-ml`), every other value as it is.
 */
export function facetText(facet: Facet, value: string): string {
  const defaultKind = kinds[facet];
  if (!defaultKind) return value;
  try {
    return humanizeEntityRef(parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }), { defaultKind });
  } catch {
    // A value that is no entity ref is shown as the index holds it.
    return value;
  }
}
