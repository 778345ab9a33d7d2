import {
  type Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { MODEL_ENTITY_API_VERSION, MODEL_ENTITY_KIND } from './constants';
import type { ModelProblem } from './modelRules';
import { modelEntityProblems } from './validator';

// The checks the catalog applies to every entity before any kind's own: the envelope's schema, the formats of
// names, labels and annotations, no unknown root fields. They stop at the first problem, which they name.
const catalogPolicies = EntityPolicies.allOf([new SchemaValidEntityPolicy(), new FieldFormatEntityPolicy(), new NoForeignRootFieldsEntityPolicy()]);

/**
 * Every problem of a whole Model document as the catalog would find them: the catalog's own entity checks, then
 * the Model's schema and rules. None for a Model the catalog accepts. For Models that do not come from the
 * catalog: a software template's, or one posted to the API.
 *
 * @public
 */
export async function modelDocumentProblems(document: unknown): Promise<ModelProblem[]> {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return [{ path: '<root>', message: 'must be an object' }];
  const entity = document as Entity;
  if (entity.apiVersion !== MODEL_ENTITY_API_VERSION || entity.kind !== MODEL_ENTITY_KIND) {
    return [{ path: '<root>', message: `must be apiVersion ${MODEL_ENTITY_API_VERSION}, kind ${MODEL_ENTITY_KIND}; got ${String(entity.apiVersion)}, ${String(entity.kind)}` }];
  }
  try {
    await catalogPolicies.enforce(entity);
  } catch (error) {
    return [{ path: '<entity>', message: (error as Error).message }];
  }
  return modelEntityProblems(entity);
}
