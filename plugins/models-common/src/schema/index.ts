import type { components } from './openapi.generated';

// The models API's paths, operations and schemas, generated from its OpenAPI document (scripts/generate-api).
export type {
  paths as ModelsApiPaths,
  operations as ModelsApiOperations,
  components as ModelsApiComponents,
} from './openapi.generated';

/**
 * The schemas of the models API's OpenAPI document.
 *
 * @public
 */
export type ModelsApiSchemas = components['schemas'];
export { apiTextLimits } from './textLimits.generated';
