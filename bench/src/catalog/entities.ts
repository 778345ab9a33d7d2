import yaml from 'js-yaml';

/**
 * Generated entities for the ingestion benchmark. A Component carries the same fields as a Model (the
 * Component schema accepts extra spec fields) so both kinds cost the same to read, parse and store; only the
 * kind and the processing differ.
 */
function specBody(i: number) {
  return {
    type: i % 2 ? 'classification' : 'forecasting',
    lifecycle: 'production',
    owner: `group:team-${i % 50}`,
    system: `system-${i % 20}`,
    modelCard: {
      intendedUse: `Scores request ${i} for the retention team; decisions stay with a human reviewer.`,
      limitations: 'Not validated for business accounts or customers under 18.',
      ethicalConsiderations: 'Protected attributes are excluded; parity is reviewed every quarter.',
      riskLevel: 'high',
      dataClassification: 'confidential',
      evaluation: {
        dataset: `resource:holdout-${i % 100}`,
        metrics: [
          { name: 'auc', value: 0.9, threshold: 0.85 },
          { name: 'precision_at_10pct', value: 0.62 },
        ],
      },
    },
    monitoring: {
      features: [
        { name: 'tenure_months', type: 'numerical' },
        { name: 'plan', type: 'categorical' },
        { name: 'monthly_spend', type: 'numerical' },
      ],
    },
    slos: [
      { name: 'availability', objective: 0.999, window: '30d' },
      { name: 'latency', objective: 0.99, thresholdMs: 300, window: '30d' },
    ],
  };
}

export type BenchKind = 'Model' | 'Component';

export function generateEntities(kind: BenchKind, count: number): string {
  const docs = [];
  for (let i = 0; i < count; i++) {
    const common = { metadata: { name: `${kind.toLowerCase()}-${i}`, tags: ['bench'] } };
    const body = specBody(i);
    docs.push(
      kind === 'Model'
        ? {
            apiVersion: 'modelport.io/v1alpha1',
            kind,
            ...common,
            spec: {
              ...body,
              servedBy: [`component:service-${i}`],
              trainedOn: [`resource:dataset-${i % 100}`],
            },
          }
        : {
            apiVersion: 'backstage.io/v1alpha1',
            kind,
            ...common,
            spec: {
              ...body,
              dependsOn: [`component:service-${i}`, `resource:dataset-${i % 100}`],
            },
          },
    );
  }
  return docs.map(d => yaml.dump(d)).join('---\n');
}
