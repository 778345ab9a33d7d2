import { screen } from '@testing-library/react';
import { churnClassifier } from '../../__testUtils__/churnClassifier';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { ModelRelationsCard } from './ModelRelationsCard';

describe('ModelRelationsCard', () => {
  it('links the serving components, APIs and training datasets from the relations', async () => {
    await renderWithEntity(churnClassifier, <ModelRelationsCard />);
    expect(screen.getByRole('link', { name: 'churn-service' })).toHaveAttribute(
      'href',
      '/catalog/default/component/churn-service',
    );
    expect(screen.getByRole('link', { name: 'churn-api' })).toHaveAttribute(
      'href',
      '/catalog/default/api/churn-api',
    );
    expect(screen.getByRole('link', { name: 'churn-features-v3' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/churn-features-v3',
    );
  });

  it('says what is missing when the model has no such relations', async () => {
    await renderWithEntity({ ...churnClassifier, relations: [] }, <ModelRelationsCard />);
    expect(screen.getByText(/No serving component or API is recorded/)).toBeInTheDocument();
    expect(screen.getByText(/No training dataset is recorded/)).toBeInTheDocument();
  });
});
