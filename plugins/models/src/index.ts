/**
 * Modelport's frontend plugin: the Model entity page in the Backstage catalog.
 * Apps on the new frontend system use the default export of `@modelport/plugin-models/alpha`.
 *
 * @packageDocumentation
 */
export {
  modelsPlugin,
  EntityModelCardCard,
  EntityModelMonitoringCard,
  EntityModelRelationsCard,
  EntityModelRegistryContent,
  EntityModelSloCard,
  EntityModelDriftCard,
  EntityModelServingCard,
  ModelExplorerPage,
  ModelFleetPage,
  ModelVersionPickerFieldExtension,
} from './plugin';
export type { ModelVersionPickerUiOptions } from './components/ModelVersionPicker';
export { modelRegistryApiRef, type ModelRegistryApi } from './api/modelRegistryApiRef';
export { isModelEntity } from '@modelport/plugin-models-common';
