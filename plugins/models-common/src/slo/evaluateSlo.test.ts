import { ALERT_WINDOWS, MULTIWINDOW_ALERTS } from './burnRates';
import { evaluateSlo } from './evaluateSlo';
import { windowSeconds } from './windows';

/** Event counts for every window at one constant error ratio, with overrides. */
function counts(ratio: number, overrides: Record<string, { bad: number; total: number } | undefined> = {}) {
  const all = Object.fromEntries([...ALERT_WINDOWS, '30d'].map(w => [w, { bad: ratio * windowSeconds(w), total: windowSeconds(w) }]));
  return { ...all, ...overrides };
}

describe('burn-rate alerts', () => {
  it("uses the SRE workbook's windows and factors", () => {
    expect(MULTIWINDOW_ALERTS.map(a => `${a.factor}x ${a.long}/${a.short}`)).toEqual(['14.4x 1h/5m', '6x 6h/30m', '3x 1d/2h', '1x 3d/6h']);
    expect(ALERT_WINDOWS).toEqual(['5m', '1h', '30m', '6h', '2h', '1d', '3d']);
    expect(() => windowSeconds('30 days')).toThrow("'30 days' is not a window such as 5m, 1h, 30d or 4w");
  });
});

describe('evaluateSlo', () => {
  const slo = { objective: 0.999, window: '30d' };

  it('is ok with budget to spare while the error ratio stays under the objective', () => {
    const result = evaluateSlo({ ...slo, counts: counts(0.0005) });
    expect(result.state).toBe('ok');
    expect(result.budgetRemaining).toBeCloseTo(0.5, 12);
    expect(result.burnRates.every(b => !b.firing && Math.abs(b.longBurnRate! - 0.5) < 1e-12)).toBe(true);
  });

  it('is critical when the budget burns 14.4 times too fast over both the hour and its five minutes', () => {
    const fast = { bad: 0.02 * 3600, total: 3600 };
    const result = evaluateSlo({ ...slo, counts: counts(0.0005, { '1h': fast, '5m': { bad: 6, total: 300 } }) });
    expect(result.state).toBe('critical');
    expect(result.burnRates[0]).toMatchObject({ severity: 'critical', factor: 14.4, longBurnRate: expect.closeTo(20, 10), shortBurnRate: expect.closeTo(20, 10), firing: true });
  });

  it('stops paging when the short window has recovered, though the long one still remembers the burst', () => {
    const result = evaluateSlo({ ...slo, counts: counts(0.0005, { '1h': { bad: 72, total: 3600 }, '5m': { bad: 0, total: 300 } }) });
    expect(result.state).toBe('ok');
    expect(result.burnRates[0]).toMatchObject({ longBurnRate: expect.closeTo(20, 10), shortBurnRate: 0, firing: false });
  });

  it('is a warning for a slow burn over a day, and says when the budget is overspent', () => {
    const result = evaluateSlo({ ...slo, counts: counts(0.004) });
    expect(result.state).toBe('warning');
    expect(result.burnRates.filter(b => b.firing).map(b => `${b.long}/${b.short}`)).toEqual(['1d/2h', '3d/6h']);
    expect(result.budgetRemaining).toBeCloseTo(-3, 12);
  });

  it('never alerts on a model that burns slower than its budget allows, whatever the objective window', () => {
    expect(evaluateSlo({ objective: 0.99, window: '7d', counts: { ...counts(0.0033), '7d': { bad: 33, total: 10_000 } } }).state).toBe('ok');
  });

  it('is no-data without events over the objective window, and a quiet short window does not fire', () => {
    const idle = evaluateSlo({ ...slo, counts: counts(0.05, { '30d': { bad: 0, total: 0 } }) });
    expect(idle.state).toBe('no-data');
    expect(idle.budgetRemaining).toBeUndefined();
    expect(evaluateSlo({ ...slo, counts: {} }).state).toBe('no-data');
    const quiet = evaluateSlo({ ...slo, counts: counts(0.0005, { '1h': { bad: 72, total: 3600 }, '5m': undefined }) });
    expect(quiet.burnRates[0]).toMatchObject({ shortBurnRate: undefined, firing: false });
  });

  it('is no-traffic when the objective window saw requests but the last hour none, without inventing burn rates', () => {
    const silent = evaluateSlo({ ...slo, counts: counts(0.0005, { '5m': { bad: 0, total: 0 }, '30m': undefined, '1h': { bad: 0, total: 0 } }) });
    expect(silent).toMatchObject({ state: 'no-traffic', budgetRemaining: expect.closeTo(0.5, 12) });
    expect(silent.burnRates[0]).toMatchObject({ longBurnRate: undefined, shortBurnRate: undefined, firing: false });
    expect(silent.burnRates[1]).toMatchObject({ shortBurnRate: undefined, firing: false });
    const burningSlowly = evaluateSlo({ ...slo, counts: counts(0.004, { '5m': undefined, '1h': undefined }) });
    expect(burningSlowly.state).toBe('warning');
  });
});
