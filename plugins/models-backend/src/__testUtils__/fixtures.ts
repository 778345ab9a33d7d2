import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';

/** The Model most backend tests register versions of, as the catalog serves it. */
export const churnModel: Entity = {
  apiVersion: 'modelport.io/v1alpha1',
  kind: 'Model',
  metadata: { name: 'churn-classifier', namespace: 'default' },
  spec: { type: 'classification', lifecycle: 'production', owner: 'group:default/customer-ml' },
};

/** A userInfo service whose users own themselves plus the groups given per user (or `fallback` for others). */
export function userInfoWithGroups(groups: Record<string, string[]>, fallback: string[] = []) {
  return mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const ref = (credentials.principal as { userEntityRef: string }).userEntityRef;
      return { userEntityRef: ref, ownershipEntityRefs: [ref, ...(groups[ref] ?? fallback)] };
    },
  }).factory;
}
