import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { modelEntityV1alpha1Validator } from './validator';
import { sloIndicator } from './ModelEntityV1alpha1';

function model(spec: Record<string, unknown>): Entity {
  return {
    apiVersion: 'modelport.io/v1alpha1',
    kind: 'Model',
    metadata: { name: 'churn-classifier' },
    spec: spec as JsonObject,
  };
}

const validSpec = {
  type: 'classification',
  lifecycle: 'production',
  owner: 'group:customer-ml',
  system: 'customer-insights',
  servedBy: ['component:churn-service', 'api:churn-api'],
  trainedOn: ['resource:churn-features-v3'],
  modelCard: {
    intendedUse: 'Rank retail customers by churn risk for retention offers.',
    limitations: 'Not validated for business accounts.',
    ethicalConsiderations: 'Age is excluded as a feature.',
    riskLevel: 'high',
    dataClassification: 'confidential',
    evaluation: {
      dataset: 'resource:churn-holdout',
      metrics: [{ name: 'auc', value: 0.91, threshold: 0.85 }],
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

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a missing owner', { owner: undefined }, /^\/spec must have required property 'owner'/],
    ['an empty type', { type: '' }, /^\/spec\/type must NOT have fewer than 1 characters/],
    ['a non-list servedBy', { servedBy: 'component:x' }, /^\/spec\/servedBy must be array/],
    [
      'an unknown risk level',
      { modelCard: { riskLevel: 'severe' } },
      /^\/spec\/modelCard\/riskLevel must be equal to one of the allowed values/,
    ],
    [
      'an unknown data classification',
      { modelCard: { dataClassification: 'secret' } },
      /^\/spec\/modelCard\/dataClassification must be equal to one of the allowed values/,
    ],
    [
      'a metric without a numeric value',
      { modelCard: { evaluation: { metrics: [{ name: 'auc', value: 'high' }] } } },
      /^\/spec\/modelCard\/evaluation\/metrics\/0\/value must be number/,
    ],
    [
      'a feature of unknown type',
      { monitoring: { features: [{ name: 'age', type: 'ordinal' }] } },
      /^\/spec\/monitoring\/features\/0\/type must be equal to one of the allowed values/,
    ],
    [
      'an objective of 1',
      { slos: [{ name: 'availability', objective: 1, window: '30d' }] },
      /^\/spec\/slos\/0\/objective must be < 1/,
    ],
    [
      'an objective given in percent',
      { slos: [{ name: 'availability', objective: 99.9, window: '30d' }] },
      /^\/spec\/slos\/0\/objective must be < 1/,
    ],
    [
      'a window without a unit',
      { slos: [{ name: 'availability', objective: 0.99, window: '30' }] },
      /^\/spec\/slos\/0\/window must match pattern/,
    ],
    [
      'a latency objective without a threshold',
      { slos: [{ name: 'latency', objective: 0.99, window: '30d' }] },
      /^\/spec\/slos\/0 must have required property 'thresholdMs'/,
    ],
    [
      'a latency indicator without a threshold',
      { slos: [{ name: 'p99', indicator: 'latency', objective: 0.99, window: '30d' }] },
      /^\/spec\/slos\/0 must have required property 'thresholdMs'/,
    ],
    [
      'a custom objective without queries',
      { slos: [{ name: 'quality', indicator: 'custom', objective: 0.9, window: '7d' }] },
      /^\/spec\/slos\/0 must have required property 'query'/,
    ],
    [
      'a custom query with a fixed range',
      { slos: [{ name: 'quality', indicator: 'custom', objective: 0.9, window: '7d', query: { good: 'sum(rate(a[{{.window}}]))', total: 'sum(rate(b[5m]))' } }] },
      /^\/spec\/slos\/0\/query\/total must match pattern "\\\{\\\{\\\.window\\\}\\\}"/,
    ],
    [
      'an objective whose indicator cannot be inferred from its name',
      { slos: [{ name: 'uptime', objective: 0.99, window: '7d' }] },
      /^\/spec\/slos\/0\/name must be equal to one of the allowed values/,
    ],
    [
      'a misspelt spec field',
      { trainedon: ['resource:x'] },
      /^\/spec must NOT have additional properties - additionalProperty: trainedon/,
    ],
  ])('rejects %s with a message naming the field', async (_, change, message) => {
    const spec: Record<string, unknown> = { ...validSpec, ...change };
    for (const key of Object.keys(spec)) if (spec[key] === undefined) delete spec[key];
    await expect(modelEntityV1alpha1Validator.check(model(spec))).rejects.toThrow(message);
  });
});

describe('sloIndicator', () => {
  it('infers the indicator from well-known names and prefers an explicit one', () => {
    expect(sloIndicator({ name: 'latency', objective: 0.9, window: '1d' })).toBe('latency');
    expect(sloIndicator({ name: 'availability', indicator: 'custom', objective: 0.9, window: '1d' })).toBe('custom');
    expect(sloIndicator({ name: 'uptime', objective: 0.9, window: '1d' })).toBeUndefined();
  });
});
