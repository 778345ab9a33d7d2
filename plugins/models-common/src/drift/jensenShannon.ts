import type { BinnedShares } from './binning';
import { pairwiseSum } from './numeric';

/** x·ln(x/y) with its limits, as SciPy's `rel_entr`. */
function relativeEntropy(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/**
 * Jensen-Shannon distance (natural logarithm), as `scipy.spatial.distance.jensenshannon`.
 *
 * @public
 */
export function jensenShannonDistance(shares: BinnedShares): number {
  const p = normalized(shares.reference);
  const q = normalized(shares.current);
  const left = p.map((pi, i) => relativeEntropy(pi, (pi + q[i]) / 2));
  const right = q.map((qi, i) => relativeEntropy(qi, (p[i] + qi) / 2));
  return Math.sqrt((pairwiseSum(left) + pairwiseSum(right)) / 2);
}

function normalized(values: Float64Array): Float64Array {
  const total = pairwiseSum(values);
  return values.map(v => v / total);
}
