import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import { exampleModel } from '@internal/test-fixtures';

/** The demo's churn classifier (examples/models.yaml) as the catalog serves it, relations included. */
export const churnClassifier: ModelEntityV1alpha1 = {
  ...exampleModel<ModelEntityV1alpha1>('churn-classifier'),
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/customer-ml' },
    { type: 'partOf', targetRef: 'system:default/customer-insights' },
    { type: 'servedBy', targetRef: 'component:default/churn-service' },
    { type: 'servedBy', targetRef: 'api:default/churn-api' },
    { type: 'trainedOn', targetRef: 'resource:default/churn-features-v3' },
  ],
};
