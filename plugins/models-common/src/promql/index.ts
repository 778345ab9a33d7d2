export type { PromqlProblem } from './checkPromql';
export { checkSliQuery, WINDOW_PLACEHOLDER } from './checkPromql';
