import type { ModelReview, ReviewStatus } from '@modelport/plugin-models-common';
import { ago, zoned } from '../Observability/format';
import { personRef } from '../RegistryContent/displayRef';

const outcomes: Record<ModelReview['outcome'], string> = {
  approved: 'approved',
  'approved-with-findings': 'approved with findings',
  rejected: 'rejected',
};

/** "hannah.schmidt (independent) approved 3.2.0 with findings, 3 months ago". */
export function reviewLine(review: ModelReview, viewerRef?: string): string {
  const who = `${personRef(review.reviewedBy, viewerRef)}${review.independent ? ' (independent)' : ''}`;
  return `${who} ${outcomes[review.outcome]} ${review.version}, ${ago(review.reviewedAt)}`;
}

/** Where the model stands with its periodic review, in words: what the policy asks and when the next is due. */
export function reviewStatusText(status: ReviewStatus): string {
  const level = status.riskLevel ? `Its ${status.riskLevel} risk level` : 'Its model card declares no risk level; it';
  const cycle = status.cycleMonths
    ? `${level} asks for a review every ${status.cycleMonths} months${status.independenceRequired ? ', by someone outside the owning group' : ''}.`
    : `${level} asks for no periodic review.`;
  switch (status.state) {
    case 'never-reviewed':
      return `Never reviewed. ${cycle}`;
    case 'overdue':
      return `Review overdue since ${zoned(status.dueAt!)} (${ago(status.dueAt)}). ${cycle}`;
    case 'upcoming':
      return `Review due ${ago(status.dueAt)} (${zoned(status.dueAt!)}). ${cycle}`;
    case 'current':
      return `Next review due ${ago(status.dueAt)} (${zoned(status.dueAt!)}). ${cycle}`;
    case 'rejected':
      return `The last review rejected this model${status.last?.summary ? `: “${status.last.summary}”` : ''}. Promotions that require a current review stay blocked until a new review. ${cycle}`;
    default:
      return cycle;
  }
}
