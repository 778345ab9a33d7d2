import type { components, operations, paths } from './openapi.generated';

/** The models API's paths, operations and schemas, generated from its OpenAPI document (scripts/generate-api). */
export type ModelsApiPaths = paths;
export type ModelsApiOperations = operations;
export type ModelsApiSchemas = components['schemas'];
