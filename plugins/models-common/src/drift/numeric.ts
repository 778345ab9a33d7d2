/*
 * Numerical helpers that reproduce NumPy's results to the last bit where the drift statistics depend on them
 * (summation order, Sturges bins, bin membership), so that the statistics match SciPy's. Written here because no
 * JavaScript library promises NumPy's exact arithmetic.
 */

const BLOCK = 128;

/**
 * Sum in NumPy's pairwise order (blocks of at most 128 summed with eight accumulators, halves combined
 * recursively): an error that grows with log(n) rather than n, and the same rounding as `np.sum`.
 */
export function pairwiseSum(values: ArrayLike<number>, start = 0, count = values.length - start): number {
  if (count < 8) {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += values[start + i];
    return sum;
  }
  if (count <= BLOCK) {
    const r = [0, 1, 2, 3, 4, 5, 6, 7].map(j => values[start + j]);
    let i = 8;
    for (; i < count - (count % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] += values[start + i + j];
    }
    let sum = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < count; i++) sum += values[start + i];
    return sum;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, count - half);
}

export function mean(values: ArrayLike<number>): number {
  return pairwiseSum(values) / values.length;
}

/** Population standard deviation, as `np.std`. */
export function standardDeviation(values: ArrayLike<number>): number {
  const m = mean(values);
  const squares = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - m;
    squares[i] = d * d;
  }
  return Math.sqrt(pairwiseSum(squares) / values.length);
}

/**
 * Refuses a sample holding NaN or an infinity: sorting and comparisons give them no place (a NaN never compares
 * below anything), so the statistics would be meaningless, and the merge walks of KS and Wasserstein would never end.
 */
export function requireFinite(values: ArrayLike<unknown>, which: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new RangeError(`The ${which} sample holds ${v} at index ${i}; drift tests need finite numbers (drop or impute missing values first)`);
    }
  }
}

export function sorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Number of values in `sortedValues` that are <= x (`searchsorted(..., side='right')`). */
export function countAtMost(sortedValues: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sortedValues.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortedValues[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Edges of `np.histogram_bin_edges(values, bins='sturges')`: equal-width bins from the minimum to the maximum,
 * as many as ceil(range / (range / (log2(n) + 1))) in floating point, exactly as NumPy counts them.
 */
export function sturgesEdges(values: ArrayLike<number>): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  const ptp = max - min;
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const width = ptp / (Math.log2(values.length) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  const step = (last - first) / bins;
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i < bins; i++) edges[i] = i * step + first;
  edges[bins] = last;
  return edges;
}

/** Counts per bin as `np.histogram(values, edges)`: half-open bins, the last one closed. */
export function histogramCounts(values: ArrayLike<number>, edges: ArrayLike<number>): Float64Array {
  const counts = new Float64Array(edges.length - 1);
  const last = edges.length - 1;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!(x >= edges[0] && x <= edges[last])) continue;
    const bin = Math.min(countAtMost(edges, x) - 1, last - 1);
    counts[bin]++;
  }
  return counts;
}

/** Occurrences of each key in `values`, in the order of `keys`. */
export function valueCounts<T>(values: readonly T[] | ArrayLike<T>, keys: readonly T[]): Float64Array {
  const index = new Map(keys.map((k, i) => [k, i]));
  const counts = new Float64Array(keys.length);
  for (let i = 0; i < values.length; i++) {
    const at = index.get(values[i]);
    if (at !== undefined) counts[at]++;
  }
  return counts;
}
