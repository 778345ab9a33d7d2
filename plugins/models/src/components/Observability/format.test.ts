import { number } from './format';

describe('number', () => {
  it('prints three significant digits without exponents, and noise below 1e-6 as such', () => {
    expect(number(1.4210854715202004e-16)).toBe('< 0.000001');
    expect(number(-3e-9)).toBe('> -0.000001');
    expect(number(0)).toBe('0');
    expect(number(0.00042317)).toBe('0.000423');
    expect(number(0.123456789)).toBe('0.123');
    expect(number(14.4)).toBe('14.4');
    expect(number(1900.123)).toBe('1900');
    expect(number(undefined)).toBe('—');
    expect(number(Number.NaN)).toBe('—');
  });
});
