/**
 * Scaffolder actions of Modelport.
 *
 * @packageDocumentation
 */
export { scaffolderModuleModels as default } from './module';
export { createRegisterModelVersionAction } from './actions/registerVersion';
export { createRequestPromotionAction } from './actions/requestPromotion';
export type { RegistryActionOptions } from './actions/registryClient';
export { createWriteModelAction } from './actions/writeModel';
export { createServingManifestsAction } from './actions/servingManifests';
export { createSloRulesAction } from './actions/sloRules';
export { createPinServingVersionAction } from './actions/pinServingVersion';
export { createMlflowRunAction } from './actions/mlflowRun';
