/**
 * Scaffolder actions of Modelport.
 *
 * @packageDocumentation
 */
export { scaffolderModuleModels as default } from './module';
export { createRegisterModelVersionAction } from './actions/registerVersion';
export { createRequestPromotionAction } from './actions/requestPromotion';
export type { RegistryActionOptions } from './actions/registryClient';
