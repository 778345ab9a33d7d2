import { exampleModel } from '@internal/test-fixtures';
import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import yaml from 'js-yaml';

/**
 * Generated entities for the ingestion benchmark: the demo's churn classifier (examples/models.yaml, the fixture
 * of the tests too), with its own owner, system, datasets and features per entity. A Component carries the same
 * fields as a Model (the Component schema accepts extra spec fields) so both kinds cost the same to read, parse
 * and store; only the kind and the processing differ.
 */
const churn = exampleModel<ModelEntityV1alpha1>('churn-classifier');

function specBody(i: number) {
  const { servedBy: _served, trainedOn: _trained, ...spec } = churn.spec;
  return {
    ...spec,
    type: i % 2 ? 'classification' : 'forecasting',
    owner: `group:team-${i % 50}`,
    system: `system-${i % 20}`,
    modelCard: {
      ...spec.modelCard,
      intendedUse: `Model ${i}: ${spec.modelCard!.intendedUse}`,
      evaluation: { ...spec.modelCard!.evaluation, dataset: `resource:holdout-${i % 100}` },
    },
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
