import type { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  modelCardEntityCard,
  modelMonitoringEntityCard,
  modelDriftEntityCard,
  modelRelationsEntityCard,
  modelSloEntityCard,
} from './alpha';
import { churnClassifier } from './__testUtils__/churnClassifier';

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
