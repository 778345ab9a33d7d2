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
} from './plugin';
export { isModelEntity } from '@modelport/plugin-models-common';
