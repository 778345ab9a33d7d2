import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';

const teams = 50;
const types = ['classification', 'regression', 'forecasting', 'llm', 'embedding', 'anomaly-detection'];
const risks = ['low', 'medium', 'high', 'critical'];

/** The i-th model of the benchmark's fleet: 50 owning teams, 40 systems, every type, risk level and lifecycle. */
export function benchModel(i: number): ModelEntityV1alpha1 {
  const owner = `group:default/team-${i % teams}`;
  return {
    apiVersion: 'modelport.io/v1alpha1',
    kind: 'Model',
    metadata: { name: `model-${i}`, namespace: 'default', title: `Model ${i} of team ${i % teams}`, description: `Predicts outcome ${i % 97} for system ${i % 40}`, tags: ['tabular', `domain-${i % 12}`], annotations: { 'backstage.io/kubernetes-id': `model-${i}` } },
    spec: {
      type: types[i % types.length],
      lifecycle: i % 9 === 0 ? 'experimental' : 'production',
      owner,
      system: `system-${i % 40}`,
      modelCard: { riskLevel: risks[i % risks.length] },
      monitoring: { features: [{ name: 'amount', type: 'numerical' }, { name: 'segment', type: 'categorical' }] },
      slos: [{ name: 'availability', objective: 0.999, window: '30d' }],
    } as ModelEntityV1alpha1['spec'],
    relations: [{ type: 'ownedBy', targetRef: owner }, { type: 'partOf', targetRef: `system:default/system-${i % 40}` }],
  };
}

