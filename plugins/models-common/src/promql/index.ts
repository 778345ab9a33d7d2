export type { PromqlProblem } from './checkPromql';
export { checkSliQuery, describePromqlProblem, WINDOW_PLACEHOLDER } from './checkPromql';
