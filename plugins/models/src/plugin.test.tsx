import { renderInTestApp } from '@backstage/test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { churnClassifier } from './__testUtils__/churnClassifier';
import {
  EntityModelCardCard,
  EntityModelMonitoringCard,
  EntityModelRelationsCard,
} from './plugin';

describe('the legacy frontend system exports', () => {
  it('render the model cards of the entity in context in a legacy app', async () => {
    await renderInTestApp(
      <EntityProvider entity={churnClassifier}>
        <EntityModelCardCard />
        <EntityModelMonitoringCard />
        <EntityModelRelationsCard />
      </EntityProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('Intended use')).toBeInTheDocument();
    expect(await screen.findByText('Declared objectives')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'churn-service' })).toBeInTheDocument();
  });
});
