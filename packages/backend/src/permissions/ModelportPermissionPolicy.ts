import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult, isPermission, type PolicyDecision } from '@backstage/plugin-permission-common';
import type { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createPromotionRequestConditionalDecision,
  promotionRequestConditions,
} from '@modelport/plugin-models-backend';
import {
  modelPromotionCancelPermission,
  modelPromotionRequestPermission,
  modelReviewRecordPermission,
  modelRollbackPermission,
  modelVersionRegisterPermission,
  modelVersionUpdatePermission,
} from '@modelport/plugin-models-common';

const ownersOnly = [modelVersionRegisterPermission, modelVersionUpdatePermission, modelPromotionRequestPermission, modelRollbackPermission];

/** The independent model risk function, whose validators review every model. */
const MODEL_RISK = 'group:default/model-risk';

/**
 * The portal's sample policy. Only a model's owners register versions, request promotions and roll back; anyone
 * may be asked to approve, only the requester may cancel a request, and the models backend itself decides who may
 * approve which request under each environment's policy (approver groups, separation of duties), whatever this
 * policy says. Periodic reviews are recorded by the model risk function, or by a model's owners (the backend then
 * refuses the owners where the model's risk level asks for independent validation). Everything else in the portal
 * is allowed, as in create-app's allow-all policy.
 */
export class ModelportPermissionPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (ownersOnly.some(permission => isPermission(request.permission, permission))) {
      return createCatalogConditionalDecision(
        request.permission as typeof modelVersionRegisterPermission,
        catalogConditions.isEntityOwner({ claims: user?.info.ownershipEntityRefs ?? [] }),
      );
    }
    if (isPermission(request.permission, modelReviewRecordPermission)) {
      if (user?.info.ownershipEntityRefs.includes(MODEL_RISK)) return { result: AuthorizeResult.ALLOW };
      return createCatalogConditionalDecision(request.permission, catalogConditions.isEntityOwner({ claims: user?.info.ownershipEntityRefs ?? [] }));
    }
    if (isPermission(request.permission, modelPromotionCancelPermission)) {
      return createPromotionRequestConditionalDecision(
        request.permission,
        promotionRequestConditions.isRequester({ userEntityRef: user?.info.userEntityRef ?? '' }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const modelportPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'modelport-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new ModelportPermissionPolicy());
      },
    });
  },
});
