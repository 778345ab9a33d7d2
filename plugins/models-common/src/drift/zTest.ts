import { normalCdf } from './special';

/**
 * Two-proportion z-test (pooled), two-sided, as Evidently's drift test for binary columns: `hits` of `n`
 * reference rows against `hits` of `n` current rows, where a hit is any value but the first category.
 *
 * @public
 */
export function twoProportionZTest(reference: { hits: number; n: number }, current: { hits: number; n: number }): { statistic: number; pValue: number } {
  const p1 = reference.hits / reference.n;
  const p2 = current.hits / current.n;
  const pooled = (p1 * reference.n + p2 * current.n) / (reference.n + current.n);
  const statistic = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / reference.n + 1 / current.n));
  return { statistic, pValue: 2 * (1 - normalCdf(Math.abs(statistic))) };
}
