import {
  type CompoundEntityRef,
  type Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  type CatalogProcessor,
  type CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  isModelEntity,
  type ModelEntityV1alpha1,
  modelEntityV1alpha1Validator,
  RELATION_SERVED_BY,
  RELATION_SERVES,
  RELATION_TRAINED_ON,
  RELATION_TRAINING_DATA_OF,
} from '@modelport/plugin-models-common';

interface RelationField {
  path: string;
  read(spec: ModelEntityV1alpha1['spec']): string | string[] | undefined;
  defaultKind: string;
  allowedKinds: string[];
  outgoing: string;
  incoming: string;
}

const relationFields: RelationField[] = [
  {
    path: 'spec.owner',
    read: spec => spec.owner,
    defaultKind: 'Group',
    allowedKinds: ['group', 'user'],
    outgoing: RELATION_OWNED_BY,
    incoming: RELATION_OWNER_OF,
  },
  {
    path: 'spec.system',
    read: spec => spec.system,
    defaultKind: 'System',
    allowedKinds: ['system'],
    outgoing: RELATION_PART_OF,
    incoming: RELATION_HAS_PART,
  },
  {
    path: 'spec.servedBy',
    read: spec => spec.servedBy,
    defaultKind: 'Component',
    allowedKinds: ['component', 'api'],
    outgoing: RELATION_SERVED_BY,
    incoming: RELATION_SERVES,
  },
  {
    path: 'spec.trainedOn',
    read: spec => spec.trainedOn,
    defaultKind: 'Resource',
    allowedKinds: ['resource'],
    outgoing: RELATION_TRAINED_ON,
    incoming: RELATION_TRAINING_DATA_OF,
  },
];

/**
 * Validates `kind: Model` entities against the schema in models-common and emits their relations in both
 * directions, the way Backstage's BuiltinKindsEntityProcessor does for the built-in kinds.
 *
 * @public
 */
export class ModelEntityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'ModelEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    return modelEntityV1alpha1Validator.check(entity);
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isModelEntity(entity)) return entity;
    const self = getCompoundEntityRef(entity);
    // Resolve every reference before emitting any, so a bad one leaves no half-related model behind.
    const relations = relationFields.flatMap(field =>
      resolveTargets(entity.spec, field, self.namespace).map(target => ({ field, target })),
    );
    for (const { field, target } of relations) {
      emit(processingResult.relation({ source: self, type: field.outgoing, target }));
      emit(processingResult.relation({ source: target, type: field.incoming, target: self }));
    }
    return entity;
  }
}

function resolveTargets(
  spec: ModelEntityV1alpha1['spec'],
  field: RelationField,
  namespace: string,
): CompoundEntityRef[] {
  const value = field.read(spec);
  if (value === undefined) return [];
  const many = Array.isArray(value);
  return [value].flat().map((ref, index) => {
    const where = many ? `${field.path}[${index}]` : field.path;
    let parsed: CompoundEntityRef;
    try {
      parsed = parseEntityRef(ref, { defaultKind: field.defaultKind, defaultNamespace: namespace });
    } catch (error) {
      throw new InputError(`${where}: ${(error as Error).message}`);
    }
    if (!field.allowedKinds.includes(parsed.kind.toLocaleLowerCase('en-US'))) {
      throw new InputError(
        `${where}: '${ref}' refers to a ${parsed.kind}, but only ${field.allowedKinds.join(' or ')} entities are allowed here`,
      );
    }
    return parsed;
  });
}
