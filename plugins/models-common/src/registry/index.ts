export * from './permissions';
export * from './types';
