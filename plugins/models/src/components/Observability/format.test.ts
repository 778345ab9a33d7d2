import { DateTime } from 'luxon';
import { ago, number, when } from './format';

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

describe('ago', () => {
  const now = DateTime.fromISO('2026-12-04T12:00:00.000Z');
  it('says "just now" within a minute either way, and how long ago otherwise', () => {
    expect(ago('2026-12-04T11:59:59.000Z', now)).toBe('just now');
    expect(ago('2026-12-04T12:00:02.000Z', now)).toBe('just now');
    expect(ago('2026-12-04T11:58:00.000Z', now)).toBe('2 minutes ago');
    expect(ago('2026-12-01T12:00:00.000Z', now)).toBe('3 days ago');
    expect(ago(undefined, now)).toBe('—');
  });

  it('reads the clock when no time is given, and moves on with it', () => {
    jest.useFakeTimers({ now: new Date('2026-12-04T12:00:00.400Z') });
    try {
      expect(ago('2026-12-04T11:58:00.000Z')).toBe('2 minutes ago');
      expect(ago('2026-12-04T11:58:00.000Z')).toBe('2 minutes ago');
      jest.setSystemTime(new Date('2026-12-04T12:07:00.000Z'));
      expect(ago('2026-12-04T11:58:00.000Z')).toBe('9 minutes ago');
      expect(ago('2026-12-04T12:06:30.000Z')).toBe('just now');
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('when', () => {
  it('writes the clock time as toLocaleString() does, and a dash for none', () => {
    for (const iso of ['2026-12-05T08:00:00Z', '2026-01-31T23:59:59.999Z', '1999-07-04T12:30:05+02:00']) {
      expect(when(iso)).toBe(new Date(iso).toLocaleString());
    }
    expect(when(undefined)).toBe('—');
  });
});
