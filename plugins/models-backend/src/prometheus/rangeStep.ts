/** Prometheus refuses a range query that would return more than this many points per series. */
export const PROMETHEUS_MAX_POINTS = 11_000;

/**
 * The step, in seconds, of a range query from `start` to `end`: the desired step, or a step giving about
 * `targetPoints` points, never so small that a series would have more than 11,000 points, and never below one
 * second. Steps are whole seconds so that consecutive windows line up with Prometheus' evaluation timestamps.
 */
export function rangeStep(options: { start: Date; end: Date; desiredSeconds?: number; targetPoints?: number }): number {
  const spanSeconds = (options.end.getTime() - options.start.getTime()) / 1000;
  if (!(spanSeconds >= 0)) throw new RangeError('A range query needs start <= end');
  // points = floor(span / step) + 1 <= max  <=>  span / step < max  <=>  step > span / max
  const smallest = Math.floor(spanSeconds / PROMETHEUS_MAX_POINTS) + 1;
  const wanted = options.desiredSeconds ?? Math.ceil(spanSeconds / (options.targetPoints ?? 250));
  return Math.max(smallest, Math.ceil(wanted));
}
