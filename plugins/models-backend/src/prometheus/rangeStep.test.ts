import fc from 'fast-check';
import { PROMETHEUS_MAX_POINTS, rangeStep } from './rangeStep';

describe('rangeStep', () => {
  it('never asks Prometheus for more than 11,000 points a series, and keeps the desired step when it can', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 * 365 * 86_400 }), fc.option(fc.integer({ min: 1, max: 86_400 }), { nil: undefined }), (span, desired) => {
        const start = new Date('2026-01-01T00:00:00Z');
        const end = new Date(start.getTime() + span * 1000);
        const step = rangeStep({ start, end, desiredSeconds: desired });
        expect(Number.isInteger(step) && step >= 1).toBe(true);
        expect(Math.floor(span / step) + 1).toBeLessThanOrEqual(PROMETHEUS_MAX_POINTS);
        const desiredFits = desired !== undefined && Math.floor(span / desired) + 1 <= PROMETHEUS_MAX_POINTS;
        expect(desiredFits ? step === desired : true).toBe(true);
      }),
    );
  });

  it('aims at about 250 points without a desired step', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    expect(rangeStep({ start, end: new Date(start.getTime() + 7 * 86_400_000) })).toBe(2420);
  });
});
