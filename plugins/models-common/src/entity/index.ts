export * from './constants';
export * from './ModelEntityV1alpha1';
export { modelEntityV1alpha1Schema } from './modelEntitySchema';
export { modelEntityV1alpha1Validator } from './validator';
