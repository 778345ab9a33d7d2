import type { Entity, KindValidator } from '@backstage/catalog-model';
import Ajv, { type ErrorObject } from 'ajv';
import ajvErrors from 'ajv-errors';
import { MODEL_ENTITY_API_VERSION, MODEL_ENTITY_KIND } from './constants';
import { modelSpecSchema } from './modelEntitySchema';
import { modelAnnotationProblems, type ModelProblem, modelSpecProblems } from './modelRules';

// Our own Ajv rather than catalog-model's entityKindSchemaValidator, which reports only the first error.
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, verbose: true });
ajvErrors(ajv);
const validateSpec = ajv.compile(modelSpecSchema);

/**
 * Every problem of a Model's spec and of the annotations Modelport reads, schema and rules alike, each with the
 * JSON pointer of its field, in the order of the fields. None for a valid Model.
 *
 * @public
 */
export function modelEntityProblems(entity: Entity): ModelProblem[] {
  if (entity.spec === undefined) return [{ path: '<root>', message: "must have required property 'spec'" }];
  const problems = validateSpec(entity.spec) ? [] : (validateSpec.errors ?? []).flatMap(schemaProblem);
  problems.push(...modelSpecProblems(entity.spec), ...modelAnnotationProblems(entity.metadata.annotations));
  return problems.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}

function schemaProblem(error: ErrorObject): ModelProblem[] {
  const path = `/spec${error.instancePath}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      // The failing `then` reports the missing field itself.
      return [];
    case 'additionalProperties':
      return [{ path, message: `has an unknown property '${params.additionalProperty}'` }];
    case 'enum':
      return [{ path, message: `must be equal to one of the allowed values: ${(params.allowedValues as string[]).join(', ')}` }];
    case 'minLength':
      return [{ path, message: params.limit === 1 ? 'must not be empty' : error.message! }];
    case 'uniqueItems': {
      const [first, again] = [params.i as number, params.j as number].sort((a, b) => a - b);
      return [{ path: `${path}/${again}`, message: `repeats entry ${first}` }];
    }
    case 'type':
      // YAML's .inf and .nan are numbers to JavaScript but not to JSON, which stores them as null.
      if (typeof error.data === 'number') return [{ path, message: `is ${error.data}; it must be a finite number` }];
      if (error.data === null && error.params.type === 'number') {
        return [{ path, message: "is null; it must be a finite number (YAML's .nan and .inf become null)" }];
      }
      return [{ path, message: error.message! }];
    default:
      return [{ path, message: error.message ?? error.keyword }];
  }
}

/**
 * One line for a processing error: every problem, each after its field.
 *
 * @public
 */
export function describeModelProblems(problems: ModelProblem[]): string {
  const lines = problems.map(p => `${p.path} ${p.message}`);
  return lines.length === 1 ? lines[0] : `${lines.length} problems: ${lines.join('; ')}`;
}

/**
 * Validates `kind: Model` entities. Answers false for other kinds; throws a TypeError that lists every problem,
 * each starting with the JSON pointer of its field, for a Model that breaks the schema or its rules (for example
 * `/spec/modelCard/riskLevel must be equal to one of the allowed values: low, medium, high, critical`).
 *
 * @public
 */
export const modelEntityV1alpha1Validator: KindValidator = {
  async check(entity: Entity) {
    if (entity.kind !== MODEL_ENTITY_KIND || entity.apiVersion !== MODEL_ENTITY_API_VERSION) return false;
    const problems = modelEntityProblems(entity);
    if (problems.length) throw new TypeError(describeModelProblems(problems));
    return true;
  },
};
