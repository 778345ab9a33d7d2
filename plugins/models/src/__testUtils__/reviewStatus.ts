import type { ReviewStatus } from '@modelport/plugin-models-common';

/** A model's review status as the fleet read answers it; by default one whose risk level asks for no reviews. */
export function reviewStatus(overrides: Partial<ReviewStatus> = {}): ReviewStatus {
  return { state: 'not-required', independenceRequired: false, ...overrides };
}
