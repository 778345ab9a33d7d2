import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { ModelRiskLevel } from '@modelport/plugin-models-common';

export type ReviewPolicy = {
  /** Months between reviews per risk level; a level without one needs no periodic review. */
  cycleMonths: Partial<Record<ModelRiskLevel, number>>;
  /** The risk levels whose reviewer must be outside the groups that own the model. */
  independent: ModelRiskLevel[];
  /** How a model whose card declares no risk level is reviewed. */
  unclassifiedAs: ModelRiskLevel;
  /** A review due within this many days is `upcoming`. */
  upcomingDays: number;
};

const LEVELS: ModelRiskLevel[] = ['low', 'medium', 'high', 'critical'];

/**
 * Supervisory practice for model risk (SR 11-7 style tiering, GxP periodic review): the higher the risk, the more
 * often a model is reviewed, and at the top tiers by someone independent of its developers.
 */
const DEFAULTS: ReviewPolicy = {
  cycleMonths: { critical: 6, high: 12, medium: 24 },
  independent: ['critical', 'high'],
  unclassifiedAs: 'medium',
  upcomingDays: 30,
};

/** Reads `models.governance.reviews`, with the defaults above for what it leaves out. */
export function readReviewPolicy(config: Config): ReviewPolicy {
  const reviews = config.getOptionalConfig('models.governance.reviews');
  if (!reviews) return DEFAULTS;
  const level = (value: string, where: string): ModelRiskLevel => {
    if (!LEVELS.includes(value as ModelRiskLevel)) {
      throw new InputError(`models.governance.reviews.${where}: '${value}' is not a risk level; use one of ${LEVELS.join(', ')}`);
    }
    return value as ModelRiskLevel;
  };
  const cycles = reviews.getOptionalConfig('cycleMonths');
  const cycleMonths = cycles
    ? Object.fromEntries(
        cycles.keys().flatMap(key => {
          const months = cycles.getNumber(key);
          if (!Number.isInteger(months) || months < 0) {
            throw new InputError(`models.governance.reviews.cycleMonths.${key} must be a whole number of months (0 for none)`);
          }
          return months > 0 ? [[level(key, 'cycleMonths'), months]] : [];
        }),
      )
    : DEFAULTS.cycleMonths;
  const upcomingDays = reviews.getOptionalNumber('upcomingDays') ?? DEFAULTS.upcomingDays;
  if (!Number.isInteger(upcomingDays) || upcomingDays < 0) throw new InputError('models.governance.reviews.upcomingDays must be a whole number of days');
  return {
    cycleMonths,
    independent: (reviews.getOptionalStringArray('independent') ?? DEFAULTS.independent).map(v => level(v, 'independent')),
    unclassifiedAs: level(reviews.getOptionalString('unclassifiedAs') ?? DEFAULTS.unclassifiedAs, 'unclassifiedAs'),
    upcomingDays,
  };
}
