export * from './resources';
export type * from './types';
