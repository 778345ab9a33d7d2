import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { type PromotionRequest, RESOURCE_TYPE_MODEL_PROMOTION_REQUEST } from '@modelport/plugin-models-common';
import { z } from 'zod';

/** @public */
export type PromotionRequestQuery = { requestedBy: string };

export const promotionRequestResourceRef = createPermissionResourceRef<PromotionRequest, PromotionRequestQuery>().with({
  pluginId: 'models',
  resourceType: RESOURCE_TYPE_MODEL_PROMOTION_REQUEST,
});

export const isRequester = createPermissionRule({
  name: 'IS_REQUESTER',
  description: 'Allow only the person who requested the promotion',
  resourceRef: promotionRequestResourceRef,
  paramsSchema: z.object({ userEntityRef: z.string().describe('The user entity ref of the caller') }),
  apply: (request, { userEntityRef }) => request.requestedBy === userEntityRef,
  toQuery: ({ userEntityRef }) => ({ requestedBy: userEntityRef }),
});

const conditionExports = createConditionExports({ resourceRef: promotionRequestResourceRef, rules: { isRequester } });

/**
 * Conditions on promotion requests for permission policies, e.g. `promotionRequestConditions.isRequester(...)`.
 *
 * @public
 */
export const promotionRequestConditions = conditionExports.conditions;

/**
 * Builds a conditional decision on promotion requests for a permission policy.
 *
 * @public
 */
export const createPromotionRequestConditionalDecision = conditionExports.createConditionalDecision;
