const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400, w: 604_800 } as const;

/**
 * Seconds in a window written as the Model entity and PromQL write them: `5m`, `6h`, `30d`, `4w`.
 *
 * @public
 */
export function windowSeconds(window: string): number {
  const match = /^([1-9][0-9]*)(m|h|d|w)$/.exec(window);
  if (!match) throw new RangeError(`'${window}' is not a window such as 5m, 1h, 30d or 4w`);
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}
