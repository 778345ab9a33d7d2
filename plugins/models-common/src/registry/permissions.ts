import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Registry permissions act on the Model entity itself (resource type `catalog-entity`), so a permission policy can
 * answer them with the catalog's own conditions, for example `catalogConditions.isEntityOwner`.
 */
const CATALOG_ENTITY = 'catalog-entity';

/** @public */
export const modelVersionRegisterPermission = createPermission({
  name: 'models.version.register',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY,
});

/** @public */
export const modelVersionUpdatePermission = createPermission({
  name: 'models.version.update',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/** @public */
export const modelPromotionRequestPermission = createPermission({
  name: 'models.promotion.request',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY,
});

/** @public */
export const modelPromotionApprovePermission = createPermission({
  name: 'models.promotion.approve',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/** @public */
export const modelRollbackPermission = createPermission({
  name: 'models.environment.rollback',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Recording a periodic review of a model (its outcome, findings and next due date). The server also refuses a
 * review by the model's owners where its risk level asks for independent validation.
 *
 * @public
 */
export const modelReviewRecordPermission = createPermission({
  name: 'models.review.record',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Promotion requests are a resource type of the models plugin, so that policies can use its `IS_REQUESTER` rule.
 *
 * @public
 */
export const RESOURCE_TYPE_MODEL_PROMOTION_REQUEST = 'model-promotion-request';

/** @public */
export const modelPromotionCancelPermission = createPermission({
  name: 'models.promotion.cancel',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_MODEL_PROMOTION_REQUEST,
});

/** @public */
export const modelAuditReadPermission = createPermission({
  name: 'models.audit.read',
  attributes: { action: 'read' },
});

/**
 * Running a sync of an outside model registry (MLflow, Unity Catalog) now rather than at its next scheduled run.
 *
 * @public
 */
export const modelRegistrySyncPermission = createPermission({
  name: 'models.registry.sync',
  attributes: { action: 'update' },
});

/** @public */
export const modelsPermissions = [
  modelVersionRegisterPermission,
  modelVersionUpdatePermission,
  modelPromotionRequestPermission,
  modelPromotionApprovePermission,
  modelPromotionCancelPermission,
  modelRollbackPermission,
  modelReviewRecordPermission,
  modelAuditReadPermission,
  modelRegistrySyncPermission,
];
