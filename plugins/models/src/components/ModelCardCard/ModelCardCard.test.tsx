import { screen, within } from '@testing-library/react';
import { churnClassifier } from '../../__testUtils__/churnClassifier';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { ModelCardCard } from './ModelCardCard';

describe('ModelCardCard', () => {
  it('renders the model card readably', async () => {
    await renderWithEntity(churnClassifier, <ModelCardCard />);

    expect(screen.getByText('Intended use')).toBeInTheDocument();
    expect(screen.getByText(/Ranks active retail customers by churn risk/)).toBeInTheDocument();
    expect(screen.getByText('Limitations')).toBeInTheDocument();
    expect(screen.getByText('Not validated for business accounts.')).toBeInTheDocument();
    expect(screen.getByText('Ethical considerations')).toBeInTheDocument();
    expect(screen.getByText('High risk')).toBeInTheDocument();
    expect(screen.getByText('Confidential data')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'churn-holdout-2026q3' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/churn-holdout-2026q3',
    );
  });

  it('compares each metric with its threshold', async () => {
    await renderWithEntity(churnClassifier, <ModelCardCard />);
    const table = screen.getByRole('table', { name: 'Evaluation metrics' });
    const row = (name: string) => within(table).getByText(name).closest('tr')!;

    expect(within(row('auc')).getByText('0.91')).toBeInTheDocument();
    expect(within(row('auc')).getByText('Meets threshold')).toBeInTheDocument();
    expect(within(row('recall_at_10pct')).getByText('Below threshold')).toBeInTheDocument();
    expect(within(row('brier_score')).queryByText(/threshold/)).not.toBeInTheDocument();
  });

  it('explains what to add when a model has no model card', async () => {
    const { modelCard: _, ...spec } = churnClassifier.spec;
    await renderWithEntity({ ...churnClassifier, spec }, <ModelCardCard />);
    expect(screen.getByText('No model card yet')).toBeInTheDocument();
    expect(screen.getByText(/Add spec.modelCard/)).toBeInTheDocument();
  });
});
