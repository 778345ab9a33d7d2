import { getComponentData } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { churnClassifier } from './__testUtils__/churnClassifier';
import { explorerFacets, explorerPage, explorerRow } from './__testUtils__/explorerRow';
import { type ModelRegistryApi, modelRegistryApiRef } from './api/modelRegistryApiRef';
import {
  EntityModelCardCard,
  EntityModelMonitoringCard,
  EntityModelRelationsCard,
  explorerRouteRef,
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

describe('the legacy ModelExplorerPage', () => {
  it('is exported, and shows the explorer with the fleet page at /models/fleet in a legacy app', async () => {
    expect(getComponentData(<legacyExports.ModelExplorerPage />, 'core.mountPoint')).toBe(explorerRouteRef);
    const api = {
      listExplorer: jest.fn(async () => explorerPage([explorerRow('churn-classifier')])),
      getExplorerFacets: jest.fn(async () => explorerFacets),
    } as unknown as ModelRegistryApi;
    // Mounted the way the README's legacy App.tsx mounts it.
    await renderInTestApp(
      <TestApiProvider apis={[[modelRegistryApiRef, api]]}>
        <Routes>
          <Route path="/models" element={<legacyExports.ModelExplorerPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/models'], mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByRole('link', { name: 'churn-classifier' })).toHaveAttribute('href', '/catalog/default/model/churn-classifier');
    expect(screen.getByRole('link', { name: 'Fleet: SLO budgets and drift by owner' })).toHaveAttribute('href', '/models/fleet');
  });
});
