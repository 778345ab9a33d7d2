import { screen, within } from '@testing-library/react';
import { churnClassifier } from '../../__testUtils__/churnClassifier';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { formatObjective, ModelMonitoringCard } from './ModelMonitoringCard';

describe('ModelMonitoringCard', () => {
  it('lists objectives as percentages with their windows, and the monitored features', async () => {
    await renderWithEntity(churnClassifier, <ModelMonitoringCard />);

    const slos = screen.getByRole('table', { name: 'Declared objectives' });
    const latency = within(slos).getByText('latency').closest('tr')!;
    expect(within(latency).getByText('Requests faster than 300 ms')).toBeInTheDocument();
    expect(within(latency).getByText('99%')).toBeInTheDocument();
    expect(within(latency).getByText('30d')).toBeInTheDocument();
    expect(within(slos).getByText('99.9%')).toBeInTheDocument();

    const features = screen.getByRole('table', { name: 'Monitored features' });
    expect(within(within(features).getByText('plan').closest('tr')!).getByText('categorical')).toBeInTheDocument();
    expect(within(within(features).getByText('churn_probability').closest('tr')!).getByText('Prediction')).toBeInTheDocument();
  });

  it('explains what to add when nothing is monitored', async () => {
    const { monitoring: _m, slos: _s, ...spec } = churnClassifier.spec;
    await renderWithEntity({ ...churnClassifier, spec }, <ModelMonitoringCard />);
    expect(screen.getByText('Nothing monitored yet')).toBeInTheDocument();
  });

  it.each([
    [0.999, '99.9%'],
    [0.9995, '99.95%'],
    [0.99, '99%'],
    [0.5, '50%'],
  ])('formats %p as %p', (objective, text) => {
    expect(formatObjective(objective)).toBe(text);
  });
});
