/**
 * The Modelport models backend plugin: the model registry.
 *
 * @packageDocumentation
 */
export { RegistryService } from './service/RegistryService';
export { KnexModelRegistryStore } from './store/KnexModelRegistryStore';
