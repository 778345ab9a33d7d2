import { mockServices } from '@backstage/backend-test-utils';
import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import { exampleModel } from '@internal/test-fixtures';

/** The Model most backend tests register versions of: the demo's churn classifier, as the catalog serves it. */
export const churnModel = exampleModel<ModelEntityV1alpha1>('churn-classifier');

/** A userInfo service whose users own themselves plus the groups given per user (or `fallback` for others). */
export function userInfoWithGroups(groups: Record<string, string[]>, fallback: string[] = []) {
  return mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const ref = (credentials.principal as { userEntityRef: string }).userEntityRef;
      return { userEntityRef: ref, ownershipEntityRefs: [ref, ...(groups[ref] ?? fallback)] };
    },
  }).factory;
}
