/*
 * Histogram buckets are selected by the value of their `le` label, not its text: client libraries write a bound of
 * 300 as `300` (Go), `300.0` (Python, Java) or `3e+02`, and Prometheus 3 rewrites classic histograms' bounds to
 * its float format when it ingests them (`le="300"` is stored as `le="300.0"`). PromQL can only match label text,
 * so a bound is matched with a regular expression of all its usual spellings, and answers are read by value.
 */

/** The value of an `le` label: a float as Go parses it, `+Inf` included. */
export function boundValue(le: string): number {
  if (/^\+?inf(inity)?$/i.test(le)) return Infinity;
  if (/^-inf(inity)?$/i.test(le)) return -Infinity;
  return le.trim() === '' ? NaN : Number(le);
}

/**
 * An RE2 pattern (as PromQL anchors it) for the spellings of one bound: plain decimals with any leading and trailing
 * zeros (`300`, `300.0`, `0300`, `.25`), and scientific notation with one digit before the point and any exponent
 * padding (`3e2`, `3e+02`, `2.5E-01`).
 */
export function boundPattern(value: number): string {
  if (value === Infinity) return '\\+?[Ii]nf';
  if (value === -Infinity) return '-[Ii]nf';
  if (value === 0) return '[+-]?(0+(\\.0*)?|\\.0+)([eE][+-]?[0-9]+)?';
  const sign = value < 0 ? '-' : '\\+?';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const point = exponent + 1;
  let decimal: string;
  if (point >= digits.length) decimal = `0*${digits}${'0'.repeat(point - digits.length)}(\\.0*)?`;
  else if (point > 0) decimal = `0*${digits.slice(0, point)}\\.${digits.slice(point)}0*`;
  else decimal = `0*\\.${'0'.repeat(-point)}${digits}0*`;
  const fraction = digits.length > 1 ? `\\.${digits.slice(1)}0*` : '(\\.0*)?';
  let power = `\\+?0*${exponent}`;
  if (exponent < 0) power = `-0*${-exponent}`;
  else if (exponent === 0) power = '[+-]?0+';
  return `${sign}(${decimal}|${digits[0]}${fraction}[eE]${power})`;
}

/** A PromQL string literal matching any of these bounds, for `le=~...`. */
export function boundsMatcher(values: number[]): string {
  return JSON.stringify([...new Set(values)].map(boundPattern).join('|'));
}
