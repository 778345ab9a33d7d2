import type { QualityGate } from '@modelport/plugin-models-node';
import type { ReviewService } from './ReviewService';

/** The gate's type, as environments name it in `policy.qualityGates`. */
export const REVIEW_CURRENT = 'review-current';

/**
 * The `review-current` quality gate (off unless an environment's policy lists it; the example portal lists it for
 * prod): no promotion while the model's periodic review is overdue, was never done though its risk level asks for
 * one, or rejected the model. Not overridable: a review is a control of its own, and only a new review lifts it.
 */
export function reviewCurrentGate(reviews: ReviewService): QualityGate {
  return {
    type: REVIEW_CURRENT,
    async evaluate({ model, now }) {
      const status = await reviews.statusAt(model, now);
      const level = status.riskLevel ?? 'unclassified';
      switch (status.state) {
        case 'overdue':
          return { passed: false, message: `The periodic review of this ${level}-risk model was due on ${status.dueAt}` };
        case 'never-reviewed':
          return { passed: false, message: `This ${level}-risk model must be reviewed every ${status.cycleMonths} months and has never been` };
        case 'rejected':
          return { passed: false, message: `Its last review (${status.last!.reviewedAt} by ${status.last!.reviewedBy}) rejected it${status.last!.summary ? `: ${status.last!.summary}` : ''}` };
        case 'not-required':
          return { passed: true, message: `Its ${level} risk level asks for no periodic review` };
        default:
          return { passed: true, message: `Reviewed ${status.last!.reviewedAt}, next due ${status.dueAt}` };
      }
    },
  };
}
