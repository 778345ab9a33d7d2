import { pairwiseSum } from './numeric';
import { upperIncompleteGamma } from './special';

/**
 * Pearson's chi-square test of the current counts against the reference counts scaled to the current total,
 * as Evidently's chi-square drift test (`scipy.stats.chisquare` with those expected frequencies). A category the
 * reference never saw makes the statistic infinite and the p-value 0.
 */
export function chiSquareTest(referenceCounts: ArrayLike<number>, currentCounts: ArrayLike<number>): { statistic: number; pValue: number } {
  const referenceTotal = pairwiseSum(referenceCounts);
  const currentTotal = pairwiseSum(currentCounts);
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
