import type { DRIFT_TEST_NAMES } from '../entity/constants';
import { binShares, type Category, type ColumnType } from './binning';
import { chiSquareTest } from './chiSquare';
import { jensenShannonDistance } from './jensenShannon';
import { ksTwoSample } from './ks';
import { requireFinite, valueCounts } from './numeric';
import { populationStabilityIndex } from './psi';
import { normedWasserstein } from './wasserstein';
import { twoProportionZTest } from './zTest';

/** @public */
export type DriftTestName = (typeof DRIFT_TEST_NAMES)[number];

/**
 * How each test's score reads: a p-value drifts below its threshold, a distance at or above it. Default
 * thresholds are Evidently's.
 *
 * @public
 */
export const driftTests: Record<DriftTestName, { title: string; score: 'p-value' | 'distance'; threshold: number; types: ColumnType[] }> = {
  ks: { title: 'Kolmogorov-Smirnov', score: 'p-value', threshold: 0.05, types: ['numerical'] },
  chisquare: { title: 'chi-square', score: 'p-value', threshold: 0.05, types: ['numerical', 'categorical'] },
  z: { title: 'two-proportion z-test', score: 'p-value', threshold: 0.05, types: ['numerical', 'categorical'] },
  psi: { title: 'population stability index', score: 'distance', threshold: 0.1, types: ['numerical', 'categorical'] },
  jensenshannon: { title: 'Jensen-Shannon distance', score: 'distance', threshold: 0.1, types: ['numerical', 'categorical'] },
  wasserstein: { title: 'normed Wasserstein distance', score: 'distance', threshold: 0.1, types: ['numerical'] },
};

/**
 * The test Evidently picks for a column: with at most 1,000 reference rows, Kolmogorov-Smirnov for numerical
 * columns with more than 5 distinct values, otherwise chi-square (or the z-test for two values); with more rows,
 * normed Wasserstein for numerical columns with more than 5 distinct values, otherwise Jensen-Shannon.
 *
 * @public
 */
export function defaultDriftTest(column: { type: ColumnType; referenceSize: number; distinctValues: number }): DriftTestName {
  if (column.referenceSize <= 1000) {
    if (column.type === 'numerical' && column.distinctValues > 5) return 'ks';
    return column.distinctValues > 2 ? 'chisquare' : 'z';
  }
  if (column.type === 'numerical' && column.distinctValues > 5) return 'wasserstein';
  return 'jensenshannon';
}

/** @public */
export type DriftResult = {
  test: DriftTestName;
  /** The p-value or the distance, per `driftTests[test].score`. */
  score: number;
  threshold: number;
  drifted: boolean;
  referenceSize: number;
  currentSize: number;
};

/** @public */
export function isDrift(test: DriftTestName, score: number, threshold: number): boolean {
  return driftTests[test].score === 'p-value' ? score < threshold : score >= threshold;
}

/**
 * Compares a current sample of a column with its reference sample.
 *
 * @public
 */
export function detectDrift(options: {
  reference: ArrayLike<Category>;
  current: ArrayLike<Category>;
  type: ColumnType;
  test?: DriftTestName;
  threshold?: number;
}): DriftResult {
  const { reference, current, type } = options;
  if (!reference.length || !current.length) throw new RangeError('Drift needs a non-empty reference and current sample');
  requireFinite(reference, 'reference');
  requireFinite(current, 'current');
  const distinct = [...new Set([...Array.from(reference), ...Array.from(current)])];
  const test = options.test ?? defaultDriftTest({ type, referenceSize: reference.length, distinctValues: distinct.length });
  if (!driftTests[test].types.includes(type)) throw new RangeError(`The ${driftTests[test].title} test does not apply to ${type} columns`);
  const threshold = options.threshold ?? driftTests[test].threshold;
  const score = scoreOf(test, reference, current, type, distinct);
  return { test, score, threshold, drifted: isDrift(test, score, threshold), referenceSize: reference.length, currentSize: current.length };
}

function scoreOf(test: DriftTestName, reference: ArrayLike<Category>, current: ArrayLike<Category>, type: ColumnType, distinct: Category[]): number {
  switch (test) {
    case 'ks':
      return ksTwoSample(reference as ArrayLike<number>, current as ArrayLike<number>).pValue;
    case 'wasserstein':
      return normedWasserstein(reference as ArrayLike<number>, current as ArrayLike<number>);
    case 'psi':
      return populationStabilityIndex(binShares(reference, current, type, true));
    case 'jensenshannon':
      return jensenShannonDistance(binShares(reference, current, type, false));
    case 'chisquare':
      return chiSquareTest(valueCounts(reference, distinct), valueCounts(current, distinct)).pValue;
    case 'z': {
      if (distinct.length === 1) return 1;
      if (distinct.length > 2) throw new RangeError(`The two-proportion z-test needs a binary column; this one has ${distinct.length} values`);
      const hits = (values: ArrayLike<Category>) => Array.from(values).filter(v => v !== distinct[0]).length;
      return twoProportionZTest({ hits: hits(reference), n: reference.length }, { hits: hits(current), n: current.length }).pValue;
    }
    default:
      throw new RangeError(`Unknown drift test ${String(test)}`);
  }
}
