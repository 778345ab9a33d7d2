/**
 * Catalog backend module that adds the Model entity kind.
 *
 * @packageDocumentation
 */
export { catalogModuleModels as default } from './module';
export { ModelEntityProcessor } from './ModelEntityProcessor';
