import { getComponentData } from '@backstage/core-plugin-api';
import { renderInTestApp } from '@backstage/test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { churnClassifier } from './__testUtils__/churnClassifier';
import {
  EntityModelCardCard,
  EntityModelMonitoringCard,
  EntityModelRelationsCard,
  ModelVersionPickerFieldExtension,
} from './plugin';
import * as legacyExports from './index';

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

describe('the legacy ModelVersionPickerFieldExtension', () => {
  it('is exported, and carries the ModelVersionPicker field for <ScaffolderFieldExtensions>', () => {
    expect(legacyExports.ModelVersionPickerFieldExtension).toBe(ModelVersionPickerFieldExtension);
    // The scaffolder reads each field from the component data of the elements inside <ScaffolderFieldExtensions>.
    const field = getComponentData<{ name: string; validation?: unknown }>(<ModelVersionPickerFieldExtension />, 'scaffolder.extensions.field.v1');
    expect(field?.name).toBe('ModelVersionPicker');
    expect(field?.validation).toEqual(expect.any(Function));
  });
});
