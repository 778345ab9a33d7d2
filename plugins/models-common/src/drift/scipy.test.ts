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

  const keys = [...new Set([...c.reference, ...c.current])].sort();
  const chi = (c as { chisquare?: { statistic: number; pvalue: number } }).chisquare;
  if (chi) {
    it('chi-square statistic and p-value', () => {
      const result = chiSquareTest(valueCounts(c.reference, keys), valueCounts(c.current, keys));
      expect(relativeError(result.statistic, chi.statistic)).toBeLessThanOrEqual(STATISTIC);
      expect(relativeError(result.pValue, chi.pvalue)).toBeLessThanOrEqual(P_VALUE);
    });
  }
  const z = (c as { ztest?: { pvalue: number } }).ztest;
  if (z) {
    it('two-proportion z-test p-value', () => {
      const hits = (values: string[]) => values.filter(v => v !== keys[0]).length;
      const result = twoProportionZTest({ hits: hits(c.reference), n: c.reference.length }, { hits: hits(c.current), n: c.current.length });
      expect(relativeError(result.pValue, z.pvalue)).toBeLessThanOrEqual(P_VALUE);
    });
  }
});

describe('the distribution of the one-sample statistic (kstwo.sf)', () => {
  it.each(vectors.kstwo.map(v => [v.n, v.d, v.sf] as const))('n = %d, d = %f', (n, d, sf) => {
    expect(relativeError(kolmogorovSurvival(n, d), sf)).toBeLessThanOrEqual(P_VALUE);
  });
});
