import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import modelsPlugin, {
  modelCardEntityCard,
  modelMonitoringEntityCard,
  modelDriftEntityCard,
  modelExplorerPage,
  modelFleetPage,
  modelRelationsEntityCard,
  modelSloEntityCard,
  modelVersionPickerFormField,
} from './alpha';
import { ModelVersionPickerFormField } from './components/ModelVersionPicker';
import { type ModelRegistryApi, modelRegistryApiRef } from './api/modelRegistryApiRef';
import { churnClassifier } from './__testUtils__/churnClassifier';
import { explorerFacets, explorerPage, explorerRow } from './__testUtils__/explorerRow';
import { askFirstPage } from './components/Explorer/firstPage';

jest.mock('./components/Explorer/firstPage', () => {
  const actual = jest.requireActual('./components/Explorer/firstPage');
  return { ...actual, askFirstPage: jest.fn(actual.askFirstPage) };
});
import { explorerRouteRef, fleetRouteRef } from './routes';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'churn-service' },
  spec: { type: 'service', lifecycle: 'production', owner: 'customer-ml' },
};

describe('the models plugin for the new frontend system', () => {
  it.each([
    ['model card', () => createExtensionTester(modelCardEntityCard), 'content'],
    ['monitoring', () => createExtensionTester(modelMonitoringEntityCard), 'content'],
    ['serving and data', () => createExtensionTester(modelRelationsEntityCard), 'info'],
    ['SLO', () => createExtensionTester(modelSloEntityCard), 'content'],
    ['drift', () => createExtensionTester(modelDriftEntityCard), 'content'],
  ] as const)('shows the %s card on Model entities only', (_, createTester, type) => {
    const tester = createTester();
    const appliesTo = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(appliesTo(churnClassifier)).toBe(true);
    expect(appliesTo(component)).toBe(false);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe(type);
  });
});

describe('the ModelVersionPicker form field for the new frontend system', () => {
  it("is one of the plugin's extensions, a scaffolder form field (which the blueprint attaches to the scaffolder's)", () => {
    expect(modelsPlugin.getExtension('scaffolder-form-field:models/model-version-picker')).toBeDefined();
    expect(modelVersionPickerFormField).toMatchObject({ kind: 'scaffolder-form-field', name: 'model-version-picker' });
  });

  it('loads the ModelVersionPicker field', async () => {
    const load = createExtensionTester(modelVersionPickerFormField).get(FormFieldBlueprint.dataRefs.formFieldLoader);
    expect(await load()).toBe(ModelVersionPickerFormField);
  });
});

describe('the models explorer page for the new frontend system', () => {
  it("is one of the plugin's pages, at /models and titled Models, with the fleet page still at /models/fleet", () => {
    expect(modelsPlugin.getExtension('page:models/explorer')).toBeDefined();
    const explorer = createExtensionTester(modelExplorerPage);
    expect(explorer.get(coreExtensionData.routePath)).toBe('/models');
    expect(explorer.get(coreExtensionData.routeRef)).toBe(explorerRouteRef);
    expect(explorer.get(coreExtensionData.title)).toBe('Models');
    const fleet = createExtensionTester(modelFleetPage);
    expect(fleet.get(coreExtensionData.routePath)).toBe('/models/fleet');
    expect(fleet.get(coreExtensionData.routeRef)).toBe(fleetRouteRef);
  });

  it("asks for the first page of the URL's view while the page's code loads, and the page shows that answer", async () => {
    window.history.pushState({}, '', '/models?riskLevel=high');
    const api = {
      listExplorer: jest.fn(async () => explorerPage([explorerRow('risky-one')])),
      getExplorerFacets: jest.fn(async () => explorerFacets),
    } as unknown as ModelRegistryApi & { listExplorer: jest.Mock };
    const explorer = createExtensionTester(modelExplorerPage, { apis: [[modelRegistryApiRef, api]] });
    await renderInTestApp(explorer.reactElement(), {
      apis: [[modelRegistryApiRef, api]],
      initialRouteEntries: ['/models?riskLevel=high'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    // The page's code is loaded on demand, which can take more than findBy's default second on a busy machine.
    expect(await screen.findByRole('link', { name: 'risky-one' }, { timeout: 15_000 })).toBeInTheDocument();
    // Asked once, by the loader, and that answer shown: the page did not ask again.
    expect(askFirstPage).toHaveBeenCalledWith(api, '?riskLevel=high');
    expect(api.listExplorer).toHaveBeenCalledTimes(1);
    expect(api.listExplorer).toHaveBeenCalledWith(expect.objectContaining({ riskLevel: ['high'] }));
  }, 30_000);
});
