import type { BinnedShares } from './binning';
import { pairwiseSum } from './numeric';

/**
 * Population stability index over binned shares (empty bins filled, see `binShares`).
 *
 * @public
 */
export function populationStabilityIndex(shares: BinnedShares): number {
  const terms = shares.reference.map((r, i) => (shares.current[i] - r) * Math.log(shares.current[i] / r));
  return pairwiseSum(terms);
}
