export * from './permissions';
export * from './types';
export * from './ModelRegistryClient';
export * from './registryModelEntity';
