export * from './resources';
export type * from './types';
export { servingVerdictText } from './verdictText';
