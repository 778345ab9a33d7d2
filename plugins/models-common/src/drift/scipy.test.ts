import vectors from './__fixtures__/scipy-1.10.1.json';
import { binShares } from './binning';
import { chiSquareTest } from './chiSquare';
import { jensenShannonDistance } from './jensenShannon';
import { kolmogorovSurvival } from './kolmogorov';
import { ksTwoSample } from './ks';
import { valueCounts } from './numeric';
import { populationStabilityIndex } from './psi';
import { normedWasserstein } from './wasserstein';
import { twoProportionZTest } from './zTest';

/*
 * Cross-checks against SciPy 1.10.1 and NumPy 1.24 (Debian bookworm), from the vectors that
 * scripts/generate-drift-vectors.py wrote: statistics to 1e-12 relative, p-values to 1e-9.
 */

function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.abs(expected);
}

const STATISTIC = 1e-12;
const P_VALUE = 1e-9;

describe.each(vectors.numerical.map(c => [c.name, c] as const))('numerical column: %s', (_, c) => {
  it('Kolmogorov-Smirnov statistic and p-value', () => {
    const result = ksTwoSample(c.reference, c.current);
    expect(relativeError(result.statistic, c.ks.statistic)).toBeLessThanOrEqual(STATISTIC);
    expect(relativeError(result.pValue, c.ks.pvalue)).toBeLessThanOrEqual(P_VALUE);
  });

  it('PSI, Jensen-Shannon distance and normed Wasserstein distance', () => {
    expect(relativeError(populationStabilityIndex(binShares(c.reference, c.current, 'numerical', true)), c.psi)).toBeLessThanOrEqual(STATISTIC);
    expect(relativeError(jensenShannonDistance(binShares(c.reference, c.current, 'numerical', false)), c.jensenshannon)).toBeLessThanOrEqual(STATISTIC);
    expect(relativeError(normedWasserstein(c.reference, c.current), c.wasserstein)).toBeLessThanOrEqual(STATISTIC);
  });
});

describe.each(vectors.categorical.map(c => [c.name, c] as const))('categorical column: %s', (_, c) => {
  it('PSI and Jensen-Shannon distance', () => {
    expect(relativeError(populationStabilityIndex(binShares(c.reference, c.current, 'categorical', true)), c.psi)).toBeLessThanOrEqual(STATISTIC);
    expect(relativeError(jensenShannonDistance(binShares(c.reference, c.current, 'categorical', false)), c.jensenshannon)).toBeLessThanOrEqual(STATISTIC);
  });
});

/*
 * Which categorical vectors carry which test follows from their data, by the generator's own rule: chi-square when
 * the reference has seen every current category (otherwise SciPy divides by zero), the z-test for two categories.
 * The tests say so, so that a vector file without them fails instead of skipping them.
 */
type CategoricalVector = (typeof vectors.categorical)[number] & { chisquare?: { statistic: number; pvalue: number }; ztest?: { pvalue: number } };
const categorical = vectors.categorical as CategoricalVector[];
const categoriesOf = (c: CategoricalVector) => [...new Set([...c.reference, ...c.current])].sort();
const seenBefore = categorical.filter(c => c.current.every(v => c.reference.includes(v)));
const binary = categorical.filter(c => categoriesOf(c).length === 2);

describe('the categorical vectors', () => {
  it('hold a chi-square result wherever the reference saw every category, and a z-test for every binary column', () => {
    expect(seenBefore.length).toBeGreaterThan(0);
    expect(seenBefore.filter(c => !c.chisquare).map(c => c.name)).toEqual([]);
    expect(binary.length).toBeGreaterThan(0);
    expect(binary.filter(c => !c.ztest).map(c => c.name)).toEqual([]);
  });
});

describe.each(seenBefore.map(c => [c.name, c] as const))('chi-square of %s', (_, c) => {
  it('statistic and p-value', () => {
    const keys = categoriesOf(c);
    const result = chiSquareTest(valueCounts(c.reference, keys), valueCounts(c.current, keys));
    expect(relativeError(result.statistic, c.chisquare!.statistic)).toBeLessThanOrEqual(STATISTIC);
    expect(relativeError(result.pValue, c.chisquare!.pvalue)).toBeLessThanOrEqual(P_VALUE);
  });
});

describe.each(categorical.filter(c => !seenBefore.includes(c)).map(c => [c.name, c] as const))('chi-square of %s', (_, c) => {
  it('is infinite with a p-value of 0: the current data has a category the reference never saw', () => {
    const keys = categoriesOf(c);
    expect(chiSquareTest(valueCounts(c.reference, keys), valueCounts(c.current, keys))).toEqual({ statistic: Infinity, pValue: 0 });
  });
});

describe.each(binary.map(c => [c.name, c] as const))('two-proportion z-test of %s', (_, c) => {
  it('p-value', () => {
    const keys = categoriesOf(c);
    const hits = (values: string[]) => values.filter(v => v !== keys[0]).length;
    const result = twoProportionZTest({ hits: hits(c.reference), n: c.reference.length }, { hits: hits(c.current), n: c.current.length });
    expect(relativeError(result.pValue, c.ztest!.pvalue)).toBeLessThanOrEqual(P_VALUE);
  });
});

describe('the distribution of the one-sample statistic (kstwo.sf)', () => {
  it.each(vectors.kstwo.map(v => [v.n, v.d, v.sf] as const))('n = %d, d = %f', (n, d, sf) => {
    expect(relativeError(kolmogorovSurvival(n, d), sf)).toBeLessThanOrEqual(P_VALUE);
  });
});
