import { screen, within } from '@testing-library/react';
import { churnClassifier } from '../../__testUtils__/churnClassifier';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { ModelCardCard } from './ModelCardCard';

describe('ModelCardCard', () => {
  it('renders the model card readably', async () => {
    await renderWithEntity(churnClassifier, <ModelCardCard />);

    expect(screen.getByText('Intended use')).toBeInTheDocument();
    expect(screen.getByText(/Ranks active retail customers by their risk of closing/)).toBeInTheDocument();
    expect(screen.getByText('Limitations')).toBeInTheDocument();
    expect(screen.getByText(/not validated for business accounts/)).toBeInTheDocument();
    expect(screen.getByText('Ethical considerations')).toBeInTheDocument();
    expect(screen.getByText('Medium risk')).toBeInTheDocument();
    expect(screen.getByText('Confidential data')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'churn-holdout-2026q3' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/churn-holdout-2026q3',
    );
  });

  it('compares each metric with its threshold', async () => {
    const modelCard = churnClassifier.spec.modelCard!;
    const evaluation = { ...modelCard.evaluation!, metrics: [...(modelCard.evaluation!.metrics ?? []), { name: 'recall_at_10pct', value: 0.42, threshold: 0.5 }] };
    await renderWithEntity({ ...churnClassifier, spec: { ...churnClassifier.spec, modelCard: { ...modelCard, evaluation } } }, <ModelCardCard />);
    const table = screen.getByRole('table', { name: 'Evaluation metrics' });
    const row = (name: string) => within(table).getByText(name).closest('tr')!;

    expect(within(row('auc')).getByText('0.91')).toBeInTheDocument();
    expect(within(row('auc')).getByText('Meets threshold')).toBeInTheDocument();
    expect(within(row('precision_at_10pct')).getByText('Meets threshold')).toBeInTheDocument();
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
