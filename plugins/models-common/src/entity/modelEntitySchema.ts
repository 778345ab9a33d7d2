import {
  DATA_CLASSIFICATIONS,
  DRIFT_TEST_NAMES,
  FEATURE_TYPES,
  MODEL_ENTITY_API_VERSION,
  MODEL_ENTITY_KIND,
  MODEL_RISK_LEVELS,
  SLO_INDICATORS,
} from './constants';

const entityRef = { type: 'string', minLength: 1 } as const;
const text = { type: 'string', minLength: 1 } as const;

const feature = {
  type: 'object',
  required: ['name', 'type'],
  additionalProperties: false,
  properties: {
    name: text,
    type: { enum: [...FEATURE_TYPES] },
    test: { enum: [...DRIFT_TEST_NAMES] },
    threshold: { type: 'number', exclusiveMinimum: 0 },
  },
} as const;

const window = { type: 'string', pattern: '^[1-9][0-9]*(m|h|d|w)$' } as const;

const slo = {
  type: 'object',
  required: ['name', 'objective', 'window'],
  additionalProperties: false,
  properties: {
    name: text,
    description: { type: 'string' },
    indicator: { enum: [...SLO_INDICATORS] },
    objective: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    window: {
      type: 'string',
      pattern: '^[1-9][0-9]*(m|h|d|w)$',
      description: 'A rolling window such as 28d, 30d or 4w.',
    },
    thresholdMs: { type: 'number', exclusiveMinimum: 0 },
    query: {
      type: 'object',
      required: ['good', 'total'],
      additionalProperties: false,
      // Sloth's placeholder: the ratio is evaluated over every alerting window, so the range is not fixed.
      properties: {
        good: { ...text, pattern: '\\{\\{\\.window\\}\\}', description: 'PromQL of good events, with [{{.window}}] as its range' },
        total: { ...text, pattern: '\\{\\{\\.window\\}\\}', description: 'PromQL of all events, with [{{.window}}] as its range' },
      },
    },
  },
  allOf: [
    {
      if: {
        anyOf: [
          { required: ['indicator'], properties: { indicator: { const: 'latency' } } },
          { not: { required: ['indicator'] }, properties: { name: { const: 'latency' } } },
        ],
      },
      then: { required: ['thresholdMs'] },
    },
    {
      if: { required: ['indicator'], properties: { indicator: { const: 'custom' } } },
      then: { required: ['query'] },
    },
    {
      if: { not: { required: ['indicator'] } },
      then: {
        properties: { name: { enum: ['availability', 'latency'] } },
      },
    },
  ],
} as const;

/**
 * JSON schema (draft-07) of `kind: Model`, in the form Backstage's own kinds use: it extends the `Entity`
 * envelope that `@backstage/catalog-model` registers with its validator.
 */
export const modelEntityV1alpha1Schema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'ModelV1alpha1',
  description:
    'A Model is a machine-learning model: what it predicts, who owns it, what serves it, what it was trained on, its model card, monitored features and service level objectives.',
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: [MODEL_ENTITY_API_VERSION] },
        kind: { enum: [MODEL_ENTITY_KIND] },
        spec: {
          type: 'object',
          required: ['type', 'lifecycle', 'owner'],
          additionalProperties: false,
          properties: {
            type: { ...text, description: 'What the model does: classification, llm, ...' },
            lifecycle: { ...text, description: 'experimental, production or deprecated' },
            owner: { ...entityRef, description: 'Reference to the owning Group or User' },
            system: { ...entityRef, description: 'Reference to the System the model is part of' },
            servedBy: { type: 'array', items: entityRef },
            trainedOn: { type: 'array', items: entityRef },
            modelCard: {
              type: 'object',
              additionalProperties: false,
              properties: {
                intendedUse: { type: 'string' },
                limitations: { type: 'string' },
                ethicalConsiderations: { type: 'string' },
                riskLevel: { enum: [...MODEL_RISK_LEVELS] },
                dataClassification: { enum: [...DATA_CLASSIFICATIONS] },
                evaluation: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    dataset: entityRef,
                    metrics: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['name', 'value'],
                        additionalProperties: false,
                        properties: {
                          name: text,
                          value: { type: 'number' },
                          threshold: { type: 'number' },
                          description: { type: 'string' },
                        },
                      },
                    },
                  },
                },
              },
            },
            monitoring: {
              type: 'object',
              additionalProperties: false,
              properties: {
                features: { type: 'array', items: feature },
                prediction: feature,
                window: { ...window, description: 'The window drift is measured over; 1d by default.' },
                reference: {
                  type: 'object',
                  additionalProperties: false,
                  description:
                    'The reference distribution: an earlier window (by default the 7 days before the current window), or the profile registered with the version current in an environment.',
                  properties: { window, offset: window, environment: text },
                  oneOf: [
                    { required: ['window'], not: { required: ['environment'] } },
                    { required: ['environment'], not: { anyOf: [{ required: ['window'] }, { required: ['offset'] }] } },
                  ],
                },
              },
            },
            slos: { type: 'array', items: slo },
          },
        },
      },
    },
  ],
};
