import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
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
import { churnClassifier } from './__testUtils__/churnClassifier';
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
});
