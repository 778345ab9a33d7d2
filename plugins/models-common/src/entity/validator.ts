import {
  entityKindSchemaValidator,
  type Entity,
  type KindValidator,
} from '@backstage/catalog-model';
import { modelEntityV1alpha1Schema } from './modelEntitySchema';

const validate = entityKindSchemaValidator(modelEntityV1alpha1Schema);

/**
 * Validates `kind: Model` entities. Answers false for other kinds; throws a TypeError whose message starts with
 * the JSON path of the offending field (for example `/spec/modelCard/riskLevel must be equal to one of the
 * allowed values`) for a Model that breaks the schema.
 */
export const modelEntityV1alpha1Validator: KindValidator = {
  async check(entity: Entity) {
    return validate(entity) === entity;
  },
};

