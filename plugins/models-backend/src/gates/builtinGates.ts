import type { QualityGate } from '@modelport/plugin-models-node';

/** `{ type: metric, metric: auc, min: 0.85 }` or `max:` for metrics where lower is better. */
export const metricThresholdGate: QualityGate = {
  type: 'metric',
  async evaluate({ version, config }) {
    const metric = config.getString('metric');
    const min = config.getOptionalNumber('min');
    const max = config.getOptionalNumber('max');
    const value = version.metrics[metric];
    if (value === undefined) {
      return { passed: false, message: `metric ${metric} was not registered with version ${version.version}` };
    }
    if (min !== undefined && value < min) return { passed: false, message: `${metric} ${value} is below ${min}` };
    if (max !== undefined && value > max) return { passed: false, message: `${metric} ${value} is above ${max}` };
    return { passed: true, message: `${metric} ${value} is within bounds` };
  },
};

const modelCardFields = ['intendedUse', 'limitations', 'ethicalConsiderations', 'riskLevel', 'dataClassification'] as const;

/** The model card names its intended use, limitations, ethical considerations, risk and data classification. */
export const modelCardCompleteGate: QualityGate = {
  type: 'model-card-complete',
  async evaluate({ model }) {
    const card = model.spec.modelCard ?? {};
    const missing: string[] = modelCardFields.filter(field => !card[field]);
    if (!card.evaluation?.metrics?.length) missing.push('evaluation.metrics');
    return missing.length
      ? { passed: false, message: `the model card lacks ${missing.join(', ')}` }
      : { passed: true, message: 'the model card is complete' };
  },
};
