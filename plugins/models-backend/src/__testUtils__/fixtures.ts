import { mockServices } from '@backstage/backend-test-utils';
import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';

/** The Model most backend tests register versions of, as the catalog serves it, with a complete model card. */
export const churnModel: ModelEntityV1alpha1 = {
  apiVersion: 'modelport.io/v1alpha1',
  kind: 'Model',
  metadata: { name: 'churn-classifier', namespace: 'default' },
  spec: {
    type: 'classification',
    lifecycle: 'production',
    owner: 'group:default/customer-ml',
    modelCard: {
      intendedUse: 'Retention', limitations: 'Retail only', ethicalConsiderations: 'No age',
      riskLevel: 'medium', dataClassification: 'confidential', evaluation: { metrics: [{ name: 'auc', value: 0.9 }] },
    },
    slos: [{ name: 'availability', objective: 0.999, window: '30d' }],
  },
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
