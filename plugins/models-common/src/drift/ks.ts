import { kolmogorovSurvival } from './kolmogorov';
import { requireFinite, sorted } from './numeric';

/** @public */
export type KsResult = { statistic: number; pValue: number; method: 'exact' | 'asymptotic' };

/** Up to this many values in the larger sample, the p-value is exact, as `ks_2samp(method='auto')`. */
const EXACT_UP_TO = 10_000;

/**
 * Two-sample, two-sided Kolmogorov-Smirnov test with SciPy's `ks_2samp` defaults: the largest distance between
 * the empirical distribution functions, and its p-value, exact for samples of at most 10,000 values (lattice
 * path counting, Hodges 1958, in the numerically stable form of Viehmann 2021) and otherwise from the
 * distribution of the one-sample statistic for n = m·n/(m+n) values.
 *
 * @public
 */
export function ksTwoSample(reference: ArrayLike<number>, current: ArrayLike<number>): KsResult {
  requireFinite(reference, 'reference');
  requireFinite(current, 'current');
  const x = sorted(reference);
  const y = sorted(current);
  const n1 = x.length;
  const n2 = y.length;
  if (!n1 || !n2) throw new RangeError('The Kolmogorov-Smirnov test needs two non-empty samples');
  let above = -Infinity;
  let below = Infinity;
  for (let i = 0, j = 0; i < n1 || j < n2; ) {
    const value = Math.min(i < n1 ? x[i] : Infinity, j < n2 ? y[j] : Infinity);
    while (i < n1 && x[i] <= value) i++;
    while (j < n2 && y[j] <= value) j++;
    const difference = i / n1 - j / n2;
    if (difference > above) above = difference;
    if (difference < below) below = difference;
  }
  const lower = Math.min(Math.max(-below, 0), 1);
  return ksPValue(lower > above ? lower : above, n1, n2);
}

/**
 * The p-value of a two-sided two-sample statistic for samples of n1 and n2 values, with the statistic snapped to
 * the lattice of attainable values as SciPy does for the exact method.
 */
export function ksPValue(distance: number, n1: number, n2: number): KsResult {
  let statistic = distance;
  if (Math.max(n1, n2) <= EXACT_UP_TO) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(statistic * lcm);
    statistic = h / lcm;
    if (h === 0) return { statistic, pValue: 1, method: 'exact' };
    const p = n1 === n2 ? outsideSquare(n1, h) : outsideBand(n1, n2, g, h);
    if (p >= 0 && p <= 1) return { statistic, pValue: p, method: 'exact' };
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const effective = roundHalfEven((m * n) / (m + n));
  return { statistic, pValue: Math.min(Math.max(kolmogorovSurvival(effective, statistic), 0), 1), method: 'asymptotic' };
}

/**
 * Equal sample sizes: the share of lattice paths from (0,0) to (n,n) that touch |x - y| >= h, by the reflection
 * principle as an alternating sum of binomial ratios, evaluated from the innermost term out so that it does not
 * cancel.
 */
function outsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * Unequal sample sizes m >= n: one minus the share of lattice paths that stay strictly inside the band
 * |x/m - y/n| < h/lcm(m, n). Column by column over x, each entry holds the share of paths to (x, y) that left
 * the band, so the answer needs no division by a huge binomial coefficient; only the band's window of the
 * column is kept.
 */
function outsideBand(sizeA: number, sizeB: number, g: number, h: number): number {
  const [m, n] = sizeA >= sizeB ? [sizeA, sizeB] : [sizeB, sizeA];
  const mg = m / g;
  const ng = n / g;
  let low = 0;
  let high = Math.min(Math.ceil(h / mg), n + 1);
  let width = high - low;
  const column = new Float64Array(Math.min(2 * high + 2, n + 1)).fill(1);
  column.fill(0, low, high);
  for (let x = 1; x <= m; x++) {
    const previousLow = low;
    const previousWidth = width;
    low = Math.min(Math.max(Math.floor((ng * x - h) / mg) + 1, 0), n);
    high = Math.min(Math.ceil((ng * x + h) / mg), n + 1);
    if (high <= low) return 1;
    let share = low === 0 ? 0 : 1;
    for (let k = 0; k < high - low; k++) {
      const y = k + low;
      share = (column[k + low - previousLow] * x + share * y) / (x + y);
      column[k] = share;
    }
    width = high - low;
    if (previousWidth > width) column.fill(1, width, previousWidth);
  }
  return column[high - low - 1];
}

function gcd(a: number, b: number): number {
  let [x, y] = [a, b];
  while (y) [x, y] = [y, x % y];
  return x;
}

/** Rounds to the nearest integer, ties to even, as NumPy's `round`. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
