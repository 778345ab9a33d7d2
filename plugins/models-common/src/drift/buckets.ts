import { fillEmptyShares } from './binning';
import { chiSquareTest } from './chiSquare';
import { type DriftResult, type DriftTestName, defaultDriftTest, driftTests, isDrift } from './driftTests';
import { jensenShannonDistance } from './jensenShannon';
import { ksPValue } from './ks';
import { pairwiseSum } from './numeric';
import { populationStabilityIndex } from './psi';
import { twoProportionZTest } from './zTest';

/**
 * A numerical feature as a Prometheus histogram exports it: cumulative counts per upper bound (`le`), the last
 * bound +Inf; over a window, the increase of each bucket.
 *
 * @public
 */
export type CumulativeHistogram = { upperBounds: number[]; cumulativeCounts: number[] };

/**
 * A categorical feature (or a classifier's predictions) as counters per category, over a window.
 *
 * @public
 */
export type CategoryCounts = Record<string, number>;

/**
 * Drift between two histograms with the same buckets. Every value is taken to lie at its bucket's upper bound
 * (the +Inf bucket at the last finite bound), so the Kolmogorov-Smirnov and Wasserstein results are exactly
 * those of the raw tests on samples rounded up to the bucket bounds; PSI, Jensen-Shannon and chi-square use the
 * buckets as their bins.
 *
 * @public
 */
export function detectDriftFromHistograms(options: {
  reference: CumulativeHistogram;
  current: CumulativeHistogram;
  test?: DriftTestName;
  threshold?: number;
}): DriftResult {
  const bounds = options.reference.upperBounds;
  const reference = bucketCounts(options.reference, 'reference');
  const current = bucketCounts(options.current, 'current');
  if (options.current.upperBounds.length !== bounds.length || options.current.upperBounds.some((b, i) => b !== bounds[i])) {
    throw new RangeError('The reference and current histograms have different buckets');
  }
  const n1 = pairwiseSum(reference);
  const n2 = pairwiseSum(current);
  const occupied = reference.filter((c, i) => c > 0 || current[i] > 0).length;
  const test = options.test ?? defaultDriftTest({ type: 'numerical', referenceSize: n1, distinctValues: occupied });
  let score: number;
  switch (test) {
    case 'ks': {
      let distance = 0;
      let f1 = 0;
      let f2 = 0;
      for (let i = 0; i < bounds.length; i++) {
        f1 += reference[i];
        f2 += current[i];
        distance = Math.max(distance, Math.abs(f1 / n1 - f2 / n2));
      }
      // Counts over a window may be estimates with fractions; the test needs whole sample sizes.
      score = ksPValue(distance, Math.max(1, Math.round(n1)), Math.max(1, Math.round(n2))).pValue;
      break;
    }
    case 'wasserstein': {
      const at = bounds.map((b, i) => (Number.isFinite(b) ? b : bounds[i - 1]));
      let area = 0;
      let f1 = 0;
      let f2 = 0;
      for (let i = 0; i < at.length - 1; i++) {
        f1 += reference[i];
        f2 += current[i];
        area += Math.abs(f1 / n1 - f2 / n2) * (at[i + 1] - at[i]);
      }
      const mean = pairwiseSum(reference.map((c, i) => c * at[i])) / n1;
      const variance = pairwiseSum(reference.map((c, i) => c * (at[i] - mean) ** 2)) / n1;
      score = area / Math.max(Math.sqrt(variance), 0.001);
      break;
    }
    default:
      score = countScore(test, reference, current);
  }
  const threshold = options.threshold ?? driftTests[test].threshold;
  return { test, score, threshold, drifted: isDrift(test, score, threshold), referenceSize: n1, currentSize: n2 };
}

/**
 * Drift between two sets of category counts, as the raw tests on the samples those counts describe.
 *
 * @public
 */
export function detectDriftFromCounts(options: {
  reference: CategoryCounts;
  current: CategoryCounts;
  test?: DriftTestName;
  threshold?: number;
}): DriftResult {
  const keys = [...new Set([...Object.keys(options.reference), ...Object.keys(options.current)])].sort();
  const reference = Float64Array.from(keys, k => checkedCount(options.reference[k] ?? 0, `reference count of ${k}`));
  const current = Float64Array.from(keys, k => checkedCount(options.current[k] ?? 0, `current count of ${k}`));
  const n1 = pairwiseSum(reference);
  const n2 = pairwiseSum(current);
  if (!n1 || !n2) throw new RangeError('Drift needs a non-empty reference and current sample');
  const distinct = keys.filter((_, i) => reference[i] > 0 || current[i] > 0).length;
  const test = options.test ?? defaultDriftTest({ type: 'categorical', referenceSize: n1, distinctValues: distinct });
  if (!driftTests[test].types.includes('categorical')) throw new RangeError(`The ${driftTests[test].title} test does not apply to categorical columns`);
  const score = countScore(test, reference, current);
  const threshold = options.threshold ?? driftTests[test].threshold;
  return { test, score, threshold, drifted: isDrift(test, score, threshold), referenceSize: n1, currentSize: n2 };
}

function countScore(test: DriftTestName, reference: Float64Array, current: Float64Array): number {
  const n1 = pairwiseSum(reference);
  const n2 = pairwiseSum(current);
  const occupied = [...reference.keys()].filter(i => reference[i] > 0 || current[i] > 0);
  const shares = (fill: boolean) => {
    const r = Float64Array.from(occupied, i => reference[i] / n1);
    const c = Float64Array.from(occupied, i => current[i] / n2);
    if (fill) [r, c].forEach(fillEmptyShares);
    return { labels: occupied.map(String), reference: r, current: c };
  };
  switch (test) {
    case 'psi':
      return populationStabilityIndex(shares(true));
    case 'jensenshannon':
      return jensenShannonDistance(shares(false));
    case 'chisquare':
      return chiSquareTest(Float64Array.from(occupied, i => reference[i]), Float64Array.from(occupied, i => current[i])).pValue;
    case 'z': {
      if (occupied.length === 1) return 1;
      if (occupied.length > 2) throw new RangeError(`The two-proportion z-test needs a binary column; this one has ${occupied.length} values`);
      const first = occupied[0];
      return twoProportionZTest({ hits: n1 - reference[first], n: n1 }, { hits: n2 - current[first], n: n2 }).pValue;
    }
    default:
      throw new RangeError(`The ${driftTests[test].title} test needs a numerical histogram`);
  }
}

function bucketCounts(histogram: CumulativeHistogram, which: string): Float64Array {
  const { upperBounds, cumulativeCounts } = histogram;
  if (upperBounds.length < 2 || upperBounds.length !== cumulativeCounts.length) {
    throw new RangeError(`The ${which} histogram needs at least two buckets and one count per bucket`);
  }
  if (upperBounds.at(-1) !== Infinity) throw new RangeError(`The ${which} histogram's last bucket must be le="+Inf"`);
  if (upperBounds.some((b, i) => i > 0 && !(b > upperBounds[i - 1]))) {
    throw new RangeError(`The ${which} histogram's bucket bounds must increase`);
  }
  const counts = cumulativeCounts.map((c, i) => checkedCount(c - (i ? cumulativeCounts[i - 1] : 0), `${which} bucket le=${upperBounds[i]}`));
  if (!cumulativeCounts.at(-1)) throw new RangeError(`The ${which} histogram is empty`);
  return Float64Array.from(counts);
}

function checkedCount(count: number, what: string): number {
  // Counters reset and rates are estimated, so counts over a window may be fractional, but never negative.
  if (!(count >= 0) || !Number.isFinite(count)) throw new RangeError(`The ${what} is ${count}; counts must be finite and not negative`);
  return count;
}
