import { ConfigReader } from '@backstage/config';
import type { ModelEntityV1alpha1, ModelReview } from '@modelport/plugin-models-common';
import { churnModel } from '../__testUtils__/fixtures';
import type { ModelRegistryStore } from '../store/ModelRegistryStore';
import { readReviewPolicy } from './reviewConfig';
import { ReviewService } from './ReviewService';

const withRisk = (riskLevel?: string): ModelEntityV1alpha1 => ({
  ...churnModel,
  spec: { ...churnModel.spec, modelCard: { ...churnModel.spec.modelCard, riskLevel } },
} as ModelEntityV1alpha1);

const review = (reviewedAt: string, extra: Partial<ModelReview> = {}): ModelReview => ({
  id: 'r1',
  modelRef: 'model:default/churn-classifier',
  outcome: 'approved',
  version: '1.0.0',
  findings: [],
  reviewedBy: 'user:default/hannah.schmidt',
  reviewedAt,
  independent: true,
  ...extra,
});

const at = (iso: string) => new ReviewService({ store: {} as ModelRegistryStore, policy: readReviewPolicy(new ConfigReader({})), now: () => new Date(iso) });

describe('ReviewService.status', () => {
  it('follows the risk level: due a cycle after the last review, upcoming within 30 days, then overdue', () => {
    const last = review('2026-01-10T09:00:00.000Z', { nextDueAt: '2027-01-10T09:00:00.000Z' });
    const high = withRisk('high');
    expect(at('2026-06-01T00:00:00.000Z').status(high, last)).toMatchObject({ state: 'current', cycleMonths: 12, dueAt: '2027-01-10T09:00:00.000Z', independenceRequired: true });
    expect(at('2026-12-20T00:00:00.000Z').status(high, last).state).toBe('upcoming');
    expect(at('2027-01-10T09:00:00.000Z').status(high, last).state).toBe('overdue');
  });

  it('brings the next review forward when the risk level rises after it', () => {
    const last = review('2026-01-10T09:00:00.000Z', { nextDueAt: '2028-01-10T09:00:00.000Z' });
    // Reviewed as medium (24 months); the card now says critical (6 months).
    expect(at('2026-08-01T00:00:00.000Z').status(withRisk('critical'), last)).toMatchObject({ state: 'overdue', dueAt: '2026-07-10T09:00:00.000Z', cycleMonths: 6 });
  });

  it('says not required, never reviewed, rejected, and how an unclassified model is reviewed', () => {
    expect(at('2026-08-01T00:00:00.000Z').status(withRisk('low'), undefined)).toEqual({ state: 'not-required', riskLevel: 'low', independenceRequired: false });
    expect(at('2026-08-01T00:00:00.000Z').status(withRisk(undefined), undefined)).toEqual({ state: 'never-reviewed', cycleMonths: 24, independenceRequired: false });
    const rejected = review('2026-07-01T00:00:00.000Z', { outcome: 'rejected', summary: 'no' });
    expect(at('2026-08-01T00:00:00.000Z').status(withRisk('low'), rejected).state).toBe('rejected');
  });
});

describe('readReviewPolicy', () => {
  it('reads cycles, independence and the upcoming window, and refuses what is not a risk level', () => {
    const policy = readReviewPolicy(new ConfigReader({ models: { governance: { reviews: { cycleMonths: { critical: 3, low: 0 }, independent: ['critical'], upcomingDays: 14 } } } }));
    expect(policy).toEqual({ cycleMonths: { critical: 3 }, independent: ['critical'], unclassifiedAs: 'medium', upcomingDays: 14 });
    expect(() => readReviewPolicy(new ConfigReader({ models: { governance: { reviews: { cycleMonths: { severe: 3 } } } } }))).toThrow(
      "models.governance.reviews.cycleMonths: 'severe' is not a risk level; use one of low, medium, high, critical",
    );
  });
});
