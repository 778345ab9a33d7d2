import {
  DATA_CLASSIFICATIONS,
  DRIFT_TEST_NAMES,
  FEATURE_TYPES,
  MODEL_ENTITY_API_VERSION,
  MODEL_ENTITY_KIND,
  MODEL_RISK_LEVELS,
  SLO_INDICATORS,
} from './constants';

/*
 * Every string and list has a bound, so that no Model can make the catalog, the fleet's queries or a card carry
 * megabytes. `errorMessage` (ajv-errors) says in words what a pattern or a combination of fields means.
 */
const entityRef = { type: 'string', minLength: 1, maxLength: 255 } as const;
const word = { type: 'string', minLength: 1, maxLength: 63 } as const;
const prose = { type: 'string', maxLength: 5000 } as const;
const note = { type: 'string', maxLength: 1000 } as const;
const refs = { type: 'array', maxItems: 50, uniqueItems: true, items: entityRef } as const;

/** A feature or prediction column: a label value in Modelport's feature metrics. */
const columnName = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  pattern: '^[^\\u0000-\\u001F\\u007F]+$',
  errorMessage: { pattern: 'must not hold control characters' },
} as const;

/** Rule group names, `sloth_slo` labels and the cards' headings are built from it. */
const sloName = {
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$',
  errorMessage: { pattern: 'must be 1 to 63 letters, digits, dots, underscores or hyphens, starting with a letter or a digit' },
} as const;

const window = {
  type: 'string',
  pattern: '^[1-9][0-9]{0,5}(m|h|d|w)$',
  errorMessage: { pattern: 'must be a duration in minutes, hours, days or weeks, such as 5m, 6h, 30d or 4w' },
} as const;

const feature = {
  type: 'object',
  required: ['name', 'type'],
  additionalProperties: false,
  properties: {
    name: columnName,
    type: { enum: [...FEATURE_TYPES] },
    test: { enum: [...DRIFT_TEST_NAMES] },
    threshold: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
  },
} as const;

const sliQuery = {
  type: 'string',
  minLength: 1,
  maxLength: 4000,
} as const;

const slo = {
  type: 'object',
  required: ['name', 'objective', 'window'],
  additionalProperties: false,
  properties: {
    name: sloName,
    description: note,
    indicator: { enum: [...SLO_INDICATORS] },
    objective: { type: 'number', exclusiveMinimum: 0, maximum: 0.999999 },
    window: { ...window, description: 'A rolling window such as 28d, 30d or 4w, of at most a year.' },
    thresholdMs: { type: 'number', exclusiveMinimum: 0, maximum: 3_600_000 },
    query: {
      type: 'object',
      required: ['good', 'total'],
      additionalProperties: false,
      // Sloth's placeholder: the ratio is evaluated over every alerting window, so the range is not fixed.
      properties: {
        good: { ...sliQuery, description: 'PromQL of good events, with [{{.window}}] as its range' },
        total: { ...sliQuery, description: 'PromQL of all events, with [{{.window}}] as its range' },
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
        properties: {
          name: {
            enum: ['availability', 'latency'],
            errorMessage: 'must be availability or latency, or the objective must name its indicator (availability, latency or custom)',
          },
        },
      },
    },
  ],
} as const;

/**
 * The `spec` of a Model; the validator checks what a schema cannot say in words (unique names, PromQL, window
 * lengths, a drift reference that is a window or an environment).
 */
export const modelSpecSchema = {
  type: 'object',
  required: ['type', 'lifecycle', 'owner'],
  additionalProperties: false,
  properties: {
    type: { ...word, description: 'What the model does: classification, llm, ...' },
    lifecycle: { ...word, description: 'experimental, production or deprecated' },
    owner: { ...entityRef, description: 'Reference to the owning Group or User' },
    system: { ...entityRef, description: 'Reference to the System the model is part of' },
    servedBy: refs,
    trainedOn: refs,
    modelCard: {
      type: 'object',
      additionalProperties: false,
      properties: {
        intendedUse: prose,
        limitations: prose,
        ethicalConsiderations: prose,
        riskLevel: { enum: [...MODEL_RISK_LEVELS] },
        dataClassification: { enum: [...DATA_CLASSIFICATIONS] },
        evaluation: {
          type: 'object',
          additionalProperties: false,
          properties: {
            dataset: entityRef,
            metrics: {
              type: 'array',
              maxItems: 100,
              items: {
                type: 'object',
                required: ['name', 'value'],
                additionalProperties: false,
                properties: {
                  name: { ...columnName },
                  value: { type: 'number' },
                  threshold: { type: 'number' },
                  description: note,
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
        features: { type: 'array', maxItems: 200, items: feature },
        prediction: feature,
        window: { ...window, description: 'The window drift is measured over; 1d by default.' },
        reference: {
          type: 'object',
          additionalProperties: false,
          description:
            'The reference distribution: an earlier window (window, and optionally offset; by default the 7 days before the current window), or the profile registered with the version current in an environment (environment), not both.',
          properties: { window, offset: window, environment: word },
        },
      },
    },
    slos: { type: 'array', maxItems: 20, items: slo },
  },
} as const;

/**
 * JSON schema (draft-07) of `kind: Model`, in the form Backstage's own kinds use: it extends the `Entity`
 * envelope that `@backstage/catalog-model` registers with its validator.
 *
 * @public
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
        spec: modelSpecSchema,
      },
    },
  ],
};
