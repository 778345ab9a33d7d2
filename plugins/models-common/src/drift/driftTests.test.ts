import { detectDriftFromCounts, detectDriftFromHistograms } from './buckets';
import { binShares } from './binning';
import { chiSquareTest } from './chiSquare';
import { defaultDriftTest, detectDrift } from './driftTests';
import { ksTwoSample } from './ks';
import { normedWasserstein, wasserstein } from './wasserstein';

/** A deterministic standard normal sample (Park-Miller generator, Box-Muller). */
function normalSample(n: number, mean: number, seed: number): number[] {
  let state = seed;
  const uniform = () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
  return Array.from({ length: n }, () => mean + Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
}

const bounds = [-2, -1, -0.5, 0, 0.5, 1, 2, Infinity];
const roundUp = (x: number) => bounds.find(b => x <= b) === Infinity ? 2 : bounds.find(b => x <= b)!;
const histogramOf = (values: number[]) => ({ upperBounds: bounds, cumulativeCounts: bounds.map(b => values.filter(v => v <= b).length) });

describe('detectDrift', () => {
  it("picks Evidently's default test by type, size and cardinality", () => {
    expect(defaultDriftTest({ type: 'numerical', referenceSize: 1000, distinctValues: 300 })).toBe('ks');
    expect(defaultDriftTest({ type: 'numerical', referenceSize: 1000, distinctValues: 4 })).toBe('chisquare');
    expect(defaultDriftTest({ type: 'categorical', referenceSize: 200, distinctValues: 2 })).toBe('z');
    expect(defaultDriftTest({ type: 'numerical', referenceSize: 1001, distinctValues: 300 })).toBe('wasserstein');
    expect(defaultDriftTest({ type: 'numerical', referenceSize: 5000, distinctValues: 5 })).toBe('jensenshannon');
    expect(defaultDriftTest({ type: 'categorical', referenceSize: 5000, distinctValues: 40 })).toBe('jensenshannon');
  });

  it('tells a stable feature from a shifted one with the default tests and thresholds', () => {
    const reference = normalSample(800, 0, 7);
    expect(detectDrift({ reference, current: normalSample(800, 0, 11), type: 'numerical' })).toMatchObject({ test: 'ks', drifted: false });
    expect(detectDrift({ reference, current: normalSample(800, 0.5, 11), type: 'numerical' })).toMatchObject({ test: 'ks', drifted: true });
    const large = normalSample(5000, 0, 3);
    expect(detectDrift({ reference: large, current: normalSample(5000, 0.02, 5), type: 'numerical' })).toMatchObject({ test: 'wasserstein', drifted: false });
    expect(detectDrift({ reference: large, current: normalSample(5000, 0.3, 5), type: 'numerical' })).toMatchObject({ test: 'wasserstein', drifted: true });
    expect(detectDrift({ reference: large, current: normalSample(5000, 0.3, 5), type: 'numerical', test: 'psi', threshold: 0.5 })).toMatchObject({
      test: 'psi',
      threshold: 0.5,
      drifted: false,
    });
  });

  it('refuses empty samples and tests that do not fit the column, naming them', () => {
    expect(() => detectDrift({ reference: [], current: [1], type: 'numerical' })).toThrow('non-empty reference and current');
    expect(() => detectDrift({ reference: ['a'], current: ['b'], type: 'categorical', test: 'ks' })).toThrow('The Kolmogorov-Smirnov test does not apply to categorical columns');
    expect(() => detectDrift({ reference: ['a', 'b', 'c'], current: ['a'], type: 'categorical', test: 'z' })).toThrow('needs a binary column; this one has 3 values');
  });
});

describe('samples that are not finite numbers', () => {
  it.each([NaN, Infinity, -Infinity])('are refused with the sample and the index, for %s', bad => {
    const clean = [1, 2, 3, 4];
    const dirty = [1, 2, bad, 4];
    const message = `The current sample holds ${bad} at index 2; drift tests need finite numbers`;
    expect(() => ksTwoSample(clean, dirty)).toThrow(message);
    expect(() => normedWasserstein(clean, dirty)).toThrow(message);
    expect(() => wasserstein(dirty, clean)).toThrow(`The first sample holds ${bad} at index 2`);
    expect(() => binShares(clean, dirty, 'numerical', true)).toThrow(message);
    for (const test of ['ks', 'wasserstein', 'psi', 'jensenshannon', 'chisquare', 'z', undefined] as const) {
      expect(() => detectDrift({ reference: dirty, current: clean, type: 'numerical', test })).toThrow(`The reference sample holds ${bad} at index 2`);
    }
    expect(() => detectDrift({ reference: ['a', bad], current: ['a'], type: 'categorical' })).toThrow('The reference sample holds');
  });
});

describe('categories that neither sample has', () => {
  it('are left out of the chi-square test instead of reading as drift (SciPy answers NaN)', () => {
    const without = chiSquareTest([10, 5, 30], [8, 7, 31]);
    expect(chiSquareTest([10, 0, 5, 30], [8, 0, 7, 31])).toEqual(without);
    expect(without.pValue).toBeGreaterThan(0.05);
    expect(chiSquareTest([10, 5], [0, 0]).pValue).toBeNaN();
    expect(() => chiSquareTest([1, -1], [1, 1])).toThrow('counts must be finite and not negative');
  });

  it('are left out of the tests on counters too', () => {
    const reference = { basic: 120, plus: 60, premium: 20 };
    const current = { basic: 118, plus: 61, premium: 21 };
    for (const test of ['chisquare', 'psi', 'jensenshannon'] as const) {
      const withEmpty = detectDriftFromCounts({ reference: { ...reference, legacy: 0 }, current: { ...current, legacy: 0 }, test });
      expect(withEmpty).toEqual(detectDriftFromCounts({ reference, current, test }));
      expect(withEmpty.drifted).toBe(false);
    }
  });
});

describe('drift from Prometheus histograms and counters', () => {
  const reference = normalSample(3000, 0, 17);
  const current = normalSample(2000, 0.25, 19);

  it.each(['ks', 'wasserstein'] as const)('%s on buckets equals the raw test on values rounded up to the bucket bounds', test => {
    const fromBuckets = detectDriftFromHistograms({ reference: histogramOf(reference), current: histogramOf(current), test });
    const raw = detectDrift({ reference: reference.map(roundUp), current: current.map(roundUp), type: 'numerical', test });
    expect(fromBuckets.score).toBeGreaterThan(0);
    expect(Math.abs(fromBuckets.score - raw.score) / raw.score).toBeLessThan(1e-12);
    expect(fromBuckets.drifted).toBe(raw.drifted);
  });

  it.each(['psi', 'jensenshannon', 'chisquare', 'z'] as const)('%s on counters equals the raw test on the samples they count', test => {
    const plan = (v: number) => {
      if (v > 1) return 'premium';
      return v > 0 ? 'plus' : 'basic';
    };
    const categories = (values: number[]) => values.map(v => (test === 'z' ? String(v > 0.8) : plan(v)));
    const count = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
    const [r, c] = [categories(reference), categories(current)];
    const fromCounts = detectDriftFromCounts({ reference: count(r), current: count(c), test });
    const raw = detectDrift({ reference: r, current: c, type: 'categorical', test });
    expect(Math.abs(fromCounts.score - raw.score) / raw.score).toBeLessThan(1e-12);
  });

  it('refuses histograms that Prometheus would not produce, naming the problem', () => {
    const good = histogramOf(reference);
    expect(() => detectDriftFromHistograms({ reference: good, current: { upperBounds: [0, Infinity], cumulativeCounts: [1, 2] } })).toThrow('different buckets');
    expect(() => detectDriftFromHistograms({ reference: { upperBounds: [1, 5], cumulativeCounts: [1, 2] }, current: good })).toThrow('last bucket must be le="+Inf"');
    expect(() => detectDriftFromHistograms({ reference: { upperBounds: [1, 1, Infinity], cumulativeCounts: [1, 2, 3] }, current: good })).toThrow('bounds must increase');
    expect(() => detectDriftFromHistograms({ reference: { upperBounds: [1, Infinity], cumulativeCounts: [5, 3] }, current: good })).toThrow('bucket le=Infinity is -2');
    expect(() => detectDriftFromCounts({ reference: { a: 0 }, current: { a: 3 } })).toThrow('non-empty reference and current');
  });
});
