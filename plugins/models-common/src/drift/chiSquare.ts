import { pairwiseSum } from './numeric';
import { upperIncompleteGamma } from './special';

/**
 * Pearson's chi-square test of the current counts against the reference counts scaled to the current total,
 * as Evidently's chi-square drift test (`scipy.stats.chisquare` with those expected frequencies). A category the
 * reference never saw makes the statistic infinite and the p-value 0. A category neither sample has is left out:
 * SciPy answers NaN for it (0/0), which says nothing about drift; without it the test is the one on the categories
 * that occur.
 *
 * @public
 */
export function chiSquareTest(reference: ArrayLike<number>, current: ArrayLike<number>): { statistic: number; pValue: number } {
  if (reference.length !== current.length) throw new RangeError('The reference and current counts must be for the same categories');
  for (let i = 0; i < reference.length; i++) {
    if (!(reference[i] >= 0 && current[i] >= 0 && Number.isFinite(reference[i] + current[i]))) {
      throw new RangeError(`The counts of category ${i} are ${reference[i]} and ${current[i]}; counts must be finite and not negative`);
    }
  }
  const occurring = Array.from(reference, (_, i) => i).filter(i => reference[i] > 0 || current[i] > 0);
  const referenceCounts = occurring.map(i => reference[i]);
  const currentCounts = occurring.map(i => current[i]);
  const referenceTotal = pairwiseSum(referenceCounts);
  const currentTotal = pairwiseSum(currentCounts);
  // An empty sample has no distribution to compare.
  if (!referenceTotal || !currentTotal) return { statistic: NaN, pValue: NaN };
  const scale = currentTotal / referenceTotal;
  const terms = Array.from(currentCounts, (observed, i) => {
    const expected = referenceCounts[i] * scale;
    return ((observed - expected) * (observed - expected)) / expected;
  });
  const statistic = pairwiseSum(terms);
  if (!Number.isFinite(statistic)) return { statistic: Infinity, pValue: 0 };
  const freedom = terms.length - 1;
  return { statistic, pValue: freedom > 0 ? upperIncompleteGamma(freedom / 2, statistic / 2) : NaN };
}
