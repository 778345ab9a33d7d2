export * from './constants';
export * from './ModelEntityV1alpha1';
export { modelEntityV1alpha1Schema } from './modelEntitySchema';
export type { ModelProblem } from './modelRules';
export { describeModelProblems, modelEntityProblems, modelEntityV1alpha1Validator } from './validator';
export { modelDocumentProblems } from './modelDocument';
export * from './modelRef';
