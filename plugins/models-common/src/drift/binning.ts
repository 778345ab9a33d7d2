import { histogramCounts, requireFinite, sturgesEdges, valueCounts } from './numeric';

/** @public */
export type ColumnType = 'numerical' | 'categorical';
/** @public */
export type Category = string | number | boolean;

/**
 * Shares of the reference and the current data per bin, both summing to 1.
 *
 * @public
 */
export type BinnedShares = { labels: string[]; reference: Float64Array; current: Float64Array };

/**
 * Bins two samples the way Evidently does for PSI and Jensen-Shannon: a numerical column with more than 20
 * distinct reference values gets Sturges bins over both samples together; any other column one bin per value.
 * With `fillEmpty`, an empty bin gets a tiny share (a millionth of the smallest non-empty share when that is at
 * most 0.0001, else 0.0001), so that PSI's logarithm stays finite.
 *
 * @public
 */
export function binShares(reference: ArrayLike<Category>, current: ArrayLike<Category>, type: ColumnType, fillEmpty: boolean): BinnedShares {
  requireFinite(reference, 'reference');
  requireFinite(current, 'current');
  let labels: string[];
  let ref: Float64Array;
  let cur: Float64Array;
  if (type === 'numerical' && moreDistinctThan(reference, 20)) {
    const r = reference as ArrayLike<number>;
    const c = current as ArrayLike<number>;
    const both = new Float64Array(r.length + c.length);
    both.set(r);
    both.set(c, r.length);
    const edges = sturgesEdges(both);
    labels = Array.from(edges.subarray(0, -1), (e, i) => `[${e}, ${edges[i + 1]}${i === edges.length - 2 ? ']' : ')'}`);
    ref = histogramCounts(r, edges);
    cur = histogramCounts(c, edges);
  } else {
    const keys = sortedKeys([...new Set([...Array.from(reference), ...Array.from(current)])]);
    labels = keys.map(String);
    ref = valueCounts(reference, keys);
    cur = valueCounts(current, keys);
  }
  const toShares = (counts: Float64Array, n: number) => counts.map(x => x / n);
  const shares = { labels, reference: toShares(ref, reference.length), current: toShares(cur, current.length) };
  if (fillEmpty) {
    fillEmptyShares(shares.reference);
    fillEmptyShares(shares.current);
  }
  return shares;
}

/** Evidently's share for empty bins, so that logarithms of shares stay finite. */
export function fillEmptyShares(shares: Float64Array) {
  let smallest = Infinity;
  for (const s of shares) if (s !== 0 && s < smallest) smallest = s;
  const fill = smallest <= 0.0001 ? smallest / 10 ** 6 : 0.0001;
  for (let i = 0; i < shares.length; i++) if (shares[i] === 0) shares[i] = fill;
}

/** Whether there are more than `limit` distinct values, looking only as far as needed. */
function moreDistinctThan(values: ArrayLike<Category>, limit: number): boolean {
  const seen = new Set<Category>();
  for (let i = 0; i < values.length; i++) {
    seen.add(values[i]);
    if (seen.size > limit) return true;
  }
  return false;
}

function sortedKeys(keys: Category[]): Category[] {
  return keys.sort((a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (String(a) === String(b)) return 0;
    return String(a) < String(b) ? -1 : 1;
  });
}
