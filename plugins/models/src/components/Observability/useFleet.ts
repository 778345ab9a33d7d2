import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { byBudget, ownerRefOf, rowOf, type Row } from './fleetRow';

/**
 * The fleet as rows, lowest budget first, and the owners the signed-in person counts as theirs (full refs): what the
 * fleet page and the home page's widget both start from.
 */
export function useFleet() {
  const api = useApi(modelRegistryApiRef);
  const identity = useApi(identityApiRef);
  return useAsync(async (): Promise<{ rows: Row[]; mine: Set<string> }> => {
    const [fleet, me] = await Promise.all([api.listFleet(), identity.getBackstageIdentity()]);
    return { rows: fleet.map(rowOf).sort(byBudget), mine: new Set(me.ownershipEntityRefs.map(ownerRefOf)) };
  }, [api, identity]);
}
