import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import fc from 'fast-check';
import { modelEntityProblems, modelEntityV1alpha1Validator } from './validator';
import { type ModelEntityV1alpha1, sloIndicator } from './ModelEntityV1alpha1';
import { exampleModel } from '@internal/test-fixtures';

function model(spec: Record<string, unknown>): Entity {
  return {
    apiVersion: 'modelport.io/v1alpha1',
    kind: 'Model',
    metadata: { name: 'churn-classifier' },
    spec: spec as JsonObject,
  };
}

/** The demo's churn classifier with every kind of objective, a custom one included. */
const churn = exampleModel<ModelEntityV1alpha1>('churn-classifier');
const validSpec = {
  ...churn.spec,
  slos: [
    ...churn.spec.slos!,
    {
      name: 'good-predictions',
      indicator: 'custom',
      objective: 0.95,
      window: '7d',
      query: { good: 'sum(rate(a[{{.window}}]))', total: 'sum(rate(b[{{.window}}]))' },
    },
  ],
};

describe('modelEntityV1alpha1Validator', () => {
  it('accepts a complete model', async () => {
    await expect(modelEntityV1alpha1Validator.check(model(validSpec))).resolves.toBe(true);
  });

  it('accepts a minimal model', async () => {
    const minimal = { type: 'llm', lifecycle: 'experimental', owner: 'user:jane' };
    await expect(modelEntityV1alpha1Validator.check(model(minimal))).resolves.toBe(true);
  });

  it('answers false for other kinds so other validators can claim them', async () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
      spec: { type: 'service', lifecycle: 'production', owner: 'me' },
    };
    await expect(modelEntityV1alpha1Validator.check(component)).resolves.toBe(false);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing owner', { owner: undefined }, "/spec must have required property 'owner'"],
    ['an empty type', { type: '' }, '/spec/type must not be empty'],
    ['a non-list servedBy', { servedBy: 'component:x' }, '/spec/servedBy must be array'],
    ['an unknown risk level', { modelCard: { riskLevel: 'severe' } }, '/spec/modelCard/riskLevel must be equal to one of the allowed values: low, medium, high, critical'],
    ['an unknown data classification', { modelCard: { dataClassification: 'secret' } }, '/spec/modelCard/dataClassification must be equal to one of the allowed values: public, internal'],
    ['a metric without a numeric value', { modelCard: { evaluation: { metrics: [{ name: 'auc', value: 'high' }] } } }, '/spec/modelCard/evaluation/metrics/0/value must be number'],
    ['a feature of unknown type', { monitoring: { features: [{ name: 'age', type: 'ordinal' }] } }, '/spec/monitoring/features/0/type must be equal to one of the allowed values: numerical, categorical'],
    ['an objective of 1', { slos: [{ name: 'availability', objective: 1, window: '30d' }] }, '/spec/slos/0/objective must be <= 0.999999'],
    ['an objective given in percent', { slos: [{ name: 'availability', objective: 99.9, window: '30d' }] }, '/spec/slos/0/objective must be <= 0.999999'],
    ['a window without a unit', { slos: [{ name: 'availability', objective: 0.99, window: '30' }] }, '/spec/slos/0/window must be a duration in minutes, hours, days or weeks, such as 5m, 6h, 30d or 4w'],
    ['a window of more than a year', { slos: [{ name: 'availability', objective: 0.99, window: '53w' }] }, "/spec/slos/0/window '53w' is longer than a year (365d, 52w)"],
    ['a drift reference window of more than a year', { monitoring: { reference: { window: '400d' } } }, "/spec/monitoring/reference/window '400d' is longer than a year"],
    ['a latency objective without a threshold', { slos: [{ name: 'latency', objective: 0.99, window: '30d' }] }, "/spec/slos/0 must have required property 'thresholdMs'"],
    ['a latency indicator without a threshold', { slos: [{ name: 'p99', indicator: 'latency', objective: 0.99, window: '30d' }] }, "/spec/slos/0 must have required property 'thresholdMs'"],
    ['a threshold on an availability objective', { slos: [{ name: 'availability', objective: 0.99, thresholdMs: 200, window: '30d' }] }, '/spec/slos/0/thresholdMs is read only for latency objectives'],
    ['a custom objective without queries', { slos: [{ name: 'quality', indicator: 'custom', objective: 0.9, window: '7d' }] }, "/spec/slos/0 must have required property 'query'"],
    ['queries on an availability objective', { slos: [{ name: 'availability', objective: 0.9, window: '7d', query: { good: 'a', total: 'b' } }] }, '/spec/slos/0/query is read only for custom objectives (indicator: custom)'],
    [
      'a custom query with a fixed range',
      { slos: [{ name: 'quality', indicator: 'custom', objective: 0.9, window: '7d', query: { good: 'sum(rate(a[{{.window}}]))', total: 'sum(rate(b[5m]))' } }] },
      '/spec/slos/0/query/total line 1, column 1: must use {{.window}} as the range of its range selectors',
    ],
    [
      'a custom query with an unclosed parenthesis',
      { slos: [{ name: 'quality', indicator: 'custom', objective: 0.9, window: '7d', query: { good: 'sum(rate(a[{{.window}}])', total: 'sum(rate(b[{{.window}}]))' } }] },
      '/spec/slos/0/query/good line 1, column 25: ends before the expression is complete',
    ],
    [
      'a custom query that closes the fleet query and opens another',
      {
        slos: [
          {
            name: 'quality',
            indicator: 'custom',
            objective: 0.9,
            window: '7d',
            query: { good: 'vector(1))\nor label_replace(vector(1), "modelport_slo", "model:default/other#availability", "", "") or sum(x[{{.window}}]', total: 'sum(rate(b[{{.window}}]))' },
          },
        ],
      },
      "/spec/slos/0/query/good line 1, column 10: is not valid PromQL from ')",
    ],
    [
      'a custom query with a comment',
      { slos: [{ name: 'quality', indicator: 'custom', objective: 0.9, window: '7d', query: { good: 'sum(rate(a[{{.window}}])) # ok', total: 'sum(rate(b[{{.window}}]))' } }] },
      '/spec/slos/0/query/good line 1, column 27: holds a comment (#)',
    ],
    ['an objective whose indicator cannot be inferred from its name', { slos: [{ name: 'uptime', objective: 0.99, window: '7d' }] }, '/spec/slos/0/name must be availability or latency, or the objective must name its indicator'],
    ['an SLO name with a space', { slos: [{ name: 'good answers', indicator: 'custom', objective: 0.9, window: '7d', query: { good: 'sum(rate(a[{{.window}}]))', total: 'sum(rate(b[{{.window}}]))' } }] }, '/spec/slos/0/name must be 1 to 63 letters, digits, dots, underscores or hyphens'],
    [
      'two SLOs with the same name',
      { slos: [{ name: 'availability', objective: 0.99, window: '30d' }, { name: 'availability', objective: 0.999, window: '7d' }] },
      "/spec/slos/1/name 'availability' is already the name of /spec/slos/0; SLO names must be unique",
    ],
    [
      'two features with the same name',
      { monitoring: { features: [{ name: 'plan', type: 'categorical' }, { name: 'plan', type: 'numerical' }] } },
      "/spec/monitoring/features/1/name 'plan' is already the name of /spec/monitoring/features/0; monitored column names (features and the prediction) must be unique",
    ],
    [
      'a prediction named like a feature',
      { monitoring: { features: [{ name: 'score', type: 'numerical' }], prediction: { name: 'score', type: 'numerical' } } },
      "/spec/monitoring/prediction/name 'score' is already the name of /spec/monitoring/features/0",
    ],
    ['a drift test that does not fit the column', { monitoring: { features: [{ name: 'plan', type: 'categorical', test: 'ks' }] } }, '/spec/monitoring/features/0/test the Kolmogorov-Smirnov test does not apply to categorical columns'],
    ['a p-value threshold of 1 or more', { monitoring: { features: [{ name: 'age', type: 'numerical', test: 'ks', threshold: 5 }] } }, '/spec/monitoring/features/0/threshold the Kolmogorov-Smirnov test compares a p-value with it, so it must be below 1'],
    ['a 2 MB intended use', { modelCard: { intendedUse: 'x'.repeat(2_000_000) } }, '/spec/modelCard/intendedUse must NOT have more than 5000 characters'],
    ['a thousand owners of serving', { servedBy: Array.from({ length: 1000 }, (_, i) => `component:c${i}`) }, '/spec/servedBy must NOT have more than 50 items'],
    ['a served-by entry given twice', { servedBy: ['component:a', 'component:a'] }, '/spec/servedBy/1 repeats entry 0'],
    ['a feature name with a newline', { monitoring: { features: [{ name: 'a\nb', type: 'numerical' }] } }, '/spec/monitoring/features/0/name must not hold control characters'],
    ['a threshold of .inf from YAML', { monitoring: { features: [{ name: 'age', type: 'numerical', test: 'psi', threshold: Infinity }] } }, '/spec/monitoring/features/0/threshold is Infinity; it must be a finite number'],
    ['a threshold that JSON turned into null', { monitoring: { features: [{ name: 'age', type: 'numerical', threshold: null }] } }, "/spec/monitoring/features/0/threshold is null; it must be a finite number (YAML's .nan and .inf become null)"],
    ['a metric value of .nan from YAML', { modelCard: { evaluation: { metrics: [{ name: 'auc', value: NaN }] } } }, '/spec/modelCard/evaluation/metrics/0/value is NaN; it must be a finite number'],
    [
      'a reference with both a window and an environment',
      { monitoring: { reference: { window: '7d', environment: 'prod' } } },
      '/spec/monitoring/reference must give either an earlier window (window, and optionally offset) or an environment whose baseline profile to compare with, not both',
    ],
    ['a reference with only an offset', { monitoring: { reference: { offset: '1d' } } }, '/spec/monitoring/reference must give either an earlier window'],
    ['a misspelt spec field', { trainedon: ['resource:x'] }, "/spec has an unknown property 'trainedon'"],
  ])('rejects %s with a message naming the field', async (_, change, message) => {
    const spec: Record<string, unknown> = { ...validSpec, ...change };
    for (const key of Object.keys(spec)) if (spec[key] === undefined) delete spec[key];
    const problems = modelEntityProblems(model(spec));
    expect(problems.map(p => `${p.path} ${p.message}`)).toEqual([expect.stringContaining(message)]);
    await expect(modelEntityV1alpha1Validator.check(model(spec))).rejects.toThrow(message);
  });

  it.each([
    ['backstage.io/kubernetes-id', 'Churn_Service', "/metadata/annotations/backstage.io~1kubernetes-id 'Churn_Service' is not a Kubernetes name"],
    ['backstage.io/kubernetes-namespace', 'ml"}', `/metadata/annotations/backstage.io~1kubernetes-namespace 'ml"}' is not a Kubernetes name`],
    ['modelport.io/metrics-source', 'triton', "/metadata/annotations/modelport.io~1metrics-source is 'triton'; Modelport reads kserve, seldon or modelport"],
    ['modelport.io/serving-object', 'InferenceService/ml', "/metadata/annotations/modelport.io~1serving-object 'InferenceService/ml' is not <kind>/<namespace>/<name>"],
    ['modelport.io/serving-object', 'InferenceService/ml/churn/extra', "'InferenceService/ml/churn/extra' is not <kind>/<namespace>/<name>"],
    ['modelport.io/serving-object', 'inferenceservice/ml/churn', "'inferenceservice/ml/churn' is not <kind>/<namespace>/<name> with a kind of InferenceService"],
    ['modelport.io/prometheus-instance', 'eu west', '/metadata/annotations/modelport.io~1prometheus-instance must be the name of a configured Prometheus instance'],
  ])('rejects the annotation %s: %j', async (key, value, message) => {
    const entity = { ...model(validSpec), metadata: { name: 'churn-classifier', annotations: { [key]: value } } };
    expect(modelEntityProblems(entity).map(p => `${p.path} ${p.message}`)).toEqual([expect.stringContaining(message)]);
  });

  it('lists every problem of a model in one error, in the order of the fields', async () => {
    const spec = {
      ...validSpec,
      type: '',
      modelCard: { riskLevel: 'severe' },
      slos: [
        { name: 'availability', objective: 0.99, window: '30d' },
        { name: 'availability', objective: 1.5, window: '30d' },
      ],
    };
    await expect(modelEntityV1alpha1Validator.check(model(spec))).rejects.toThrow(
      new TypeError(
        "4 problems: /spec/modelCard/riskLevel must be equal to one of the allowed values: low, medium, high, critical; /spec/slos/1/name 'availability' is already the name of /spec/slos/0; SLO names must be unique; /spec/slos/1/objective must be <= 0.999999; /spec/type must not be empty",
      ),
    );
  });

  it('says in words what is wrong with any broken model, never a bare schema keyword', () => {
    const bare = /must NOT be valid|must match "(then|else)" schema|must match exactly one schema|must match a schema in anyOf|must match pattern/;
    const value = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 2 }));
    const paths = [
      ['type'], ['owner'], ['servedBy'], ['servedBy', 0], ['modelCard', 'riskLevel'], ['modelCard', 'evaluation', 'metrics', 0, 'name'],
      ['monitoring', 'features', 0, 'name'], ['monitoring', 'features', 0, 'type'], ['monitoring', 'features', 0, 'test'], ['monitoring', 'prediction'],
      ['monitoring', 'window'], ['monitoring', 'reference'], ['monitoring', 'reference', 'window'], ['monitoring', 'reference', 'environment'],
      ['slos', 0, 'name'], ['slos', 1, 'thresholdMs'], ['slos', 2, 'indicator'], ['slos', 2, 'query'], ['slos', 2, 'query', 'good'], ['slos', 0, 'window'], ['slos', 1],
    ] as Array<Array<string | number>>;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), value), { minLength: 1, maxLength: 4 }), changes => {
        const spec = structuredClone(validSpec) as Record<string, any>;
        for (const [path, v] of changes) {
          let at = spec;
          for (const key of path.slice(0, -1)) at = at[key] = typeof at[key] === 'object' && at[key] !== null ? at[key] : {};
          at[path.at(-1)!] = v;
        }
        for (const p of modelEntityProblems(model(spec))) {
          expect(p.path).toMatch(/^\/spec(\/|$)/);
          expect(p.message).not.toMatch(bare);
        }
      }),
      { numRuns: 2000 },
    );
    // 2,000 validations take a second or two alone, and several times that while the whole suite loads the machine.
  }, 60_000);
});

describe('sloIndicator', () => {
  it('infers the indicator from well-known names and prefers an explicit one', () => {
    expect(sloIndicator({ name: 'latency', objective: 0.9, window: '1d' })).toBe('latency');
    expect(sloIndicator({ name: 'availability', indicator: 'custom', objective: 0.9, window: '1d' })).toBe('custom');
    expect(sloIndicator({ name: 'uptime', objective: 0.9, window: '1d' })).toBeUndefined();
  });
});
