import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';

/** `user:default/jane.doe` -> `jane.doe`: people as the catalog names them, without kind or default namespace. */
export function displayRef(ref: string): string {
  return humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'user' });
}
