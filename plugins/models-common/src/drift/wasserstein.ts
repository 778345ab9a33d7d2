import { pairwiseSum, requireFinite, sorted, standardDeviation } from './numeric';

/**
 * First Wasserstein distance between two samples (`scipy.stats.wasserstein_distance`): the area between their
 * empirical distribution functions, walked over the merged sorted values.
 *
 * @public
 */
export function wasserstein(u: ArrayLike<number>, v: ArrayLike<number>): number {
  requireFinite(u, 'first');
  requireFinite(v, 'second');
  const us = sorted(u);
  const vs = sorted(v);
  const all = mergeSorted(us, vs);
  const terms = new Float64Array(all.length - 1);
  let i = 0;
  let j = 0;
  for (let k = 0; k < terms.length; k++) {
    const x = all[k];
    while (i < us.length && us[i] <= x) i++;
    while (j < vs.length && vs[j] <= x) j++;
    terms[k] = Math.abs(i / us.length - j / vs.length) * (all[k + 1] - x);
  }
  return pairwiseSum(terms);
}

function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/**
 * Evidently's normed Wasserstein distance: in units of the reference's standard deviation (at least 0.001).
 *
 * @public
 */
export function normedWasserstein(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  requireFinite(reference, 'reference');
  requireFinite(current, 'current');
  return wasserstein(reference, current) / Math.max(standardDeviation(reference), 0.001);
}
