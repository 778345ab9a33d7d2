import { sloSentence } from './sloText';

describe('sloSentence', () => {
  it('says an overspent budget as a multiple, never as a negative percentage', () => {
    // 98% measured against a 99.9% target: 2% failed where 0.1% may, twenty times the budget.
    expect(sloSentence({ objective: 0.999, window: '30d', errorRatio: 0.02, budgetRemaining: -19 })).toBe(
      'Target 99.90% over 30d, measured 98.00%: budget overspent 20x (2.00% of requests failed where 0.10% are allowed).',
    );
    expect(sloSentence({ objective: 0.99, window: '7d', errorRatio: 0.015 })).toBe(
      'Target 99.00% over 7d, measured 98.50%: budget overspent 1.5x (1.50% of requests failed where 1.00% are allowed).',
    );
  });

  it('says what is left of a budget, and when nothing was measured', () => {
    expect(sloSentence({ objective: 0.999, window: '30d', errorRatio: 0.0002, budgetRemaining: 0.8 })).toBe('Target 99.90% over 30d, measured 99.98%: 80.0% of the error budget left.');
    expect(sloSentence({ objective: 0.999, window: '30d', errorRatio: 0, budgetRemaining: 1 })).toBe('Target 99.90% over 30d, measured 100.00%: 100.0% of the error budget left.');
    expect(sloSentence({ objective: 0.999, window: '30d' })).toBe('Target 99.90% over 30d; nothing measured yet.');
  });
});
