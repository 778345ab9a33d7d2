import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';

/** A realistic Model entity as the catalog serves it, relations included. */
export const churnClassifier: ModelEntityV1alpha1 = {
  apiVersion: 'modelport.io/v1alpha1',
  kind: 'Model',
  metadata: {
    name: 'churn-classifier',
    namespace: 'default',
    title: 'Churn Classifier',
    description: 'Probability that a retail customer closes their account within 90 days.',
  },
  spec: {
    type: 'classification',
    lifecycle: 'production',
    owner: 'group:customer-ml',
    system: 'customer-insights',
    servedBy: ['component:churn-service', 'api:churn-api'],
    trainedOn: ['resource:churn-features-v3'],
    modelCard: {
      intendedUse: 'Ranks active retail customers by churn risk for the retention team.',
      limitations: 'Not validated for business accounts.',
      ethicalConsiderations: 'Age, gender and postcode are excluded as features.',
      riskLevel: 'high',
      dataClassification: 'confidential',
      evaluation: {
        dataset: 'resource:churn-holdout-2026q3',
        metrics: [
          { name: 'auc', value: 0.91, threshold: 0.85, description: 'Out-of-time ROC AUC' },
          { name: 'recall_at_10pct', value: 0.42, threshold: 0.5 },
          { name: 'brier_score', value: 0.071 },
        ],
      },
    },
    monitoring: {
      features: [
        { name: 'tenure_months', type: 'numerical' },
        { name: 'plan', type: 'categorical' },
      ],
      prediction: { name: 'churn_probability', type: 'numerical' },
    },
    slos: [
      { name: 'availability', objective: 0.999, window: '30d' },
      { name: 'latency', objective: 0.99, thresholdMs: 300, window: '30d' },
    ],
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/customer-ml' },
    { type: 'partOf', targetRef: 'system:default/customer-insights' },
    { type: 'servedBy', targetRef: 'component:default/churn-service' },
    { type: 'servedBy', targetRef: 'api:default/churn-api' },
    { type: 'trainedOn', targetRef: 'resource:default/churn-features-v3' },
  ],
};
