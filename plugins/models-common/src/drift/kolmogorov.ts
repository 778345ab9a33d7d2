/*
 * The distribution of the two-sided one-sample Kolmogorov-Smirnov statistic D_n, which SciPy's ks_2samp uses for
 * large samples (`kstwo.sf`). Follows the method selection of Simard & L'Ecuyer (2011) as SciPy does: the
 * Ruben-Gambino closed forms at the ends, the Durbin matrix (Marsaglia, Tsang & Wang 2003) and Pomeranz's
 * recursion for small n, Pelz-Good's asymptotic series for large n, and twice the exact one-sided Smirnov tail
 * (Birnbaum & Tingey 1951) in the upper tail. Written here because no JavaScript library computes it.
 */
import { binomialProbability } from './special';

const SCALE_EXPONENT = 128;
const SCALE = 2 ** SCALE_EXPONENT;
const LOG_2PI = Math.log(2 * Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;

/** Pr(D_n >= x). */
export function kolmogorovSurvival(n: number, x: number): number {
  if (!(Number.isInteger(n) && n > 0)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    // Ruben-Gambino: Pr(D_n < x) = n!/n^n (2t - 1)^n for 1/(2n) <= x <= 1/n.
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSurvival(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 0.754693) return clip(1 - durbinMatrixCdf(n, x));
    if (nx2 <= 4) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSurvival(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSurvival(n, x));
  const cdf = n <= 100_000 && n * x ** 1.5 <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}

/**
 * Pr(D+_n >= x), the one-sided Smirnov tail, by Birnbaum and Tingey's sum of positive terms. Each term is a
 * binomial probability times x/p, computed with Loader's saddle-point method so that it keeps full relative
 * precision where log-gamma differences of numbers near n! would not.
 */
export function smirnovSurvival(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const last = Math.floor(n * (1 - x));
  let sum = 0;
  for (let v = 0; v <= last; v++) {
    const p = x + v / n;
    if (p >= 1) continue;
    sum += (binomialProbability(v, n, p) * x) / p;
  }
  return sum;
}

/** x · 2^e without overflowing or underflowing 2^e on the way. */
function ldexp(x: number, e: number): number {
  let result = x;
  let rest = e;
  while (rest > 1000) {
    result *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    result *= 2 ** -1000;
    rest += 1000;
  }
  return result * 2 ** rest;
}

function clip(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}

/** ln(n!/n^n) from Stirling's series. */
function logFactorialOverPower(n: number): number {
  const y = 1 / (n * n);
  // Stirling's coefficients 1/12, -1/360, 1/1260, -1/1680, 1/1188, -691/360360, 1/156, -3617/122400.
  const series = [-3617 / 122400, 1 / 156, -691 / 360360, 1 / 1188, -1 / 1680, 1 / 1260, -1 / 360, 1 / 12].reduce((acc, c) => acc * y + c, 0);
  return Math.log(n) / 2 - n + LOG_2PI / 2 + (1 / n) * series;
}

/** Pr(D_n < d) as the (k, k) entry of the n-th power of Durbin's matrix, scaled to avoid overflow. */
function durbinMatrixCdf(n: number, d: number): number {
  const k = Math.ceil(n * d);
  const h = k - n * d;
  const m = 2 * k - 1;
  const inverseFactorial = new Float64Array(m + 1);
  inverseFactorial[0] = 1;
  for (let j = 1; j <= m; j++) inverseFactorial[j] = inverseFactorial[j - 1] / j;
  const edge = new Float64Array(m);
  for (let j = 1; j <= m; j++) edge[j - 1] = (1 - h ** j) * inverseFactorial[j];
  edge[m - 1] = (1 + (Math.max(2 * h - 1, 0) ** m - 2 * h ** m)) * inverseFactorial[m];
  let H: Float64Array = new Float64Array(m * m);
  for (let r = 0; r < m; r++) {
    for (let c = 1; c < m; c++) if (r >= c - 1) H[r * m + c] = inverseFactorial[r - c + 1];
    H[r * m] = edge[r];
  }
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = edge[m - 1 - c];

  let power: Float64Array = identity(m);
  let exponent = 0;
  let hExponent = 0;
  for (let e = n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2) {
      power = multiply(power, H, m);
      exponent += hExponent;
    }
    H = multiply(H, H, m);
    hExponent *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > SCALE) {
      for (let i = 0; i < H.length; i++) H[i] /= SCALE;
      hExponent += SCALE_EXPONENT;
    }
  }
  let p = power[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < 1 / SCALE) {
      p *= SCALE;
      exponent -= SCALE_EXPONENT;
    }
  }
  return clip(ldexp(p, exponent));
}

function identity(m: number): Float64Array {
  const a = new Float64Array(m * m);
  for (let i = 0; i < m; i++) a[i * m + i] = 1;
  return a;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l];
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += ail * b[l * m + j];
    }
  }
  return out;
}

/** Pr(D_n <= x) by Pomeranz's recursion over 2n + 2 rows of truncated power series. */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const size = 2 * (ll + 1);
  const powersOf = (base: number) => {
    const out = new Float64Array(size);
    out[0] = 1;
    for (let j = 1; j < size; j++) out[j] = (out[j - 1] * base) / j;
    return out;
  };
  const gPowers = powersOf(g / n);
  const twoGPowers = powersOf((2 * g) / n);
  const restPowers = powersOf((1 - 2 * g) / n);
  const range = (i: number): [number, number] => {
    let j1: number;
    let j2: number;
    if (i === 0) {
      j1 = -ll - ceilf - 1;
      j2 = ll + ceilf - 1;
    } else {
      const half = Math.floor((i + 1) / 2);
      if ((i + 1) % 2 === 0) {
        if (half === n + 1) {
          j1 = n - ll - ceilf - 1;
          j2 = n + ll + ceilf - 1;
        } else {
          j1 = half - 1 - ll - roundf - 1;
          j2 = half + ll - 1 + ceilf - 1;
        }
      } else {
        j1 = half - 1 - ll - 1;
        j2 = half + ll + roundf - 1;
      }
    }
    return [Math.max(j1 + 2, 0), Math.min(j2, n)];
  };

  let previous = new Float64Array(size);
  let current = new Float64Array(size);
  current[0] = 1;
  let previousStart = 0;
  let currentStart = 0;
  let exponent = 0;
  let [j1, j2] = range(0);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
    current.fill(0);
    [j1, j2] = range(i);
    let powers = i % 2 ? twoGPowers : restPowers;
    if (i === 1 || i === 2 * n + 1) powers = gPowers;
    const length = j2 - k1 + 1;
    if (length > 0) {
      // Entries j1-k1 ... j2-k1 of the convolution of previous[k1 - previousStart ...] (as much of it as there
      // is) with powers[0 ... length - 1].
      const available = Math.min(length, size - (k1 - previousStart));
      for (let out = 0; out <= j2 - j1; out++) {
        const at = out + j1 - k1;
        let sum = 0;
        for (let a = Math.max(0, at - length + 1); a <= Math.min(at, available - 1); a++) {
          sum += previous[k1 - previousStart + a] * powers[at - a];
        }
        current[out] = sum;
      }
      let max = -Infinity;
      for (const v of current) if (v > max) max = v;
      if (max > 0 && max < 1 / SCALE) {
        for (let j = 0; j < current.length; j++) current[j] *= SCALE;
        exponent -= SCALE_EXPONENT;
      }
      currentStart = previousStart + j1 - k1;
    }
  }
  let answer = current[n - currentStart];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > SCALE) {
      answer /= SCALE;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  return clip(ldexp(answer, exponent));
}

/** Pelz and Good's approximation of Pr(D_n <= x) for large n: four terms in powers of 1/sqrt(n). */
function pelzGoodCdf(n: number, x: number): number {
  const z = Math.sqrt(n) * x;
  const z2 = z ** 2;
  const z3 = z ** 3;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qpower = q ** (8 * k);
    const coefficients = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coefficients[i];
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT_2PI) / divisors[i];
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const sqrt3z = Math.sqrt(3) * z;
  for (let k = maxk; k > 0; k--) {
    const weight = k ** 2 * q ** (k ** 2);
    k2extra += weight;
    k3extra += (sqrt3z + Math.PI * k) * (sqrt3z - Math.PI * k) * weight;
  }
  K[2] += (k2extra * PI2 * SQRT_2PI) / (-36 * z3);
  K[3] += (k3extra * PI2 * SQRT_2PI) / (216 * z6);
  return K.reduce((sum, term, i) => sum + term / n ** (i / 2), 0);
}
