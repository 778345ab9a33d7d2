import fc from 'fast-check';
import { RE2JS } from 're2js';
import { boundPattern, boundValue } from './bucketBound';

// RE2 as Prometheus runs it: the whole label value must match.
const compiled = new Map<string, RE2JS>();
function matches(pattern: string, text: string): boolean {
  if (!compiled.has(pattern)) compiled.set(pattern, RE2JS.compile(`^(?:${pattern})$`));
  return compiled.get(pattern)!.matches(text);
}

/**
 * The ways exporters and Prometheus write a bound: the shortest digits that round-trip (Go, Python, Java, JavaScript
 * and Prometheus 3 all print those), in decimal or scientific notation.
 */
function spellings(v: number): string[] {
  const shortest = String(v);
  const [m, e] = v.toExponential().split('e');
  const padded = `${m}e${e[0]}${e.slice(1).padStart(2, '0')}`;
  return [
    shortest,
    Number.isInteger(v) && Math.abs(v) < 1e21 ? `${shortest}.0` : shortest,
    v.toExponential(),
    padded,
    padded.toUpperCase(),
    `${m}e${Number(e)}`,
    ...(/^[0-9.]+$/.test(shortest) ? [`0${shortest}`] : []),
  ];
}

describe('bucket bounds', () => {
  it('matches every usual spelling of a bound, and reads them as the same value', () => {
    const bound = fc.oneof(
      fc.constantFrom(300, 0.3, 0.005, 1, 2.5, 10, 1e6, 0.1, 120, 8000, 0.0001),
      fc.double({ min: 1e-9, max: 1e12, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -1000, max: 1_000_000 }).filter(n => n !== 0),
    );
    fc.assert(
      fc.property(bound, v => {
        for (const text of spellings(v)) {
          expect({ text, matched: matches(boundPattern(v), text) }).toEqual({ text, matched: true });
          expect(boundValue(text)).toBe(v);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('matches no other value', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1e12, noNaN: true, noDefaultInfinity: true }), fc.double({ min: 1e-9, max: 1e12, noNaN: true, noDefaultInfinity: true }), (a, b) => {
        fc.pre(a !== b);
        for (const text of spellings(b)) expect(matches(boundPattern(a), text)).toBe(false);
      }),
      { numRuns: 500 },
    );
    expect(matches(boundPattern(300), '3000')).toBe(false);
    expect(matches(boundPattern(300), '30')).toBe(false);
    expect(matches(boundPattern(300), '300.5')).toBe(false);
    expect(matches(boundPattern(0.3), '0.03')).toBe(false);
  });

  it('knows +Inf and zero', () => {
    for (const text of ['+Inf', 'Inf', 'inf']) expect(matches(boundPattern(Infinity), text)).toBe(true);
    expect(boundValue('+Inf')).toBe(Infinity);
    for (const text of ['0', '0.0', '0e0', '.0', '-0']) expect(matches(boundPattern(0), text)).toBe(true);
    expect(matches(boundPattern(0), '0.1')).toBe(false);
  });
});
