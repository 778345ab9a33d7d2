import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  modelAuditReadPermission,
  modelPromotionApprovePermission,
  modelPromotionCancelPermission,
  modelPromotionRequestPermission,
  modelReviewRecordPermission,
  modelRollbackPermission,
  modelVersionRegisterPermission,
} from '@modelport/plugin-models-common';
import { ModelportPermissionPolicy } from './ModelportPermissionPolicy';

const jane = {
  info: { userEntityRef: 'user:default/jane.doe', ownershipEntityRefs: ['user:default/jane.doe', 'group:default/customer-ml'] },
} as PolicyQueryUser;

describe('ModelportPermissionPolicy', () => {
  const policy = new ModelportPermissionPolicy();

  it.each([modelVersionRegisterPermission, modelPromotionRequestPermission, modelRollbackPermission])(
    'lets only owners of the model use %s',
    async permission => {
      expect(await policy.handle({ permission }, jane)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: ['user:default/jane.doe', 'group:default/customer-ml'] },
        },
      });
    },
  );

  it('leaves approvals to the models backend and allows reading the audit trail', async () => {
    expect(await policy.handle({ permission: modelPromotionApprovePermission }, jane)).toEqual({ result: AuthorizeResult.ALLOW });
    expect(await policy.handle({ permission: modelAuditReadPermission }, jane)).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets only the requester cancel a promotion request', async () => {
    expect(await policy.handle({ permission: modelPromotionCancelPermission }, jane)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'models',
      resourceType: 'model-promotion-request',
      conditions: { rule: 'IS_REQUESTER', resourceType: 'model-promotion-request', params: { userEntityRef: 'user:default/jane.doe' } },
    });
  });

  it('lets the model risk group record any review, and others only of the models they own', async () => {
    const hannah = { info: { userEntityRef: 'user:default/hannah.schmidt', ownershipEntityRefs: ['user:default/hannah.schmidt', 'group:default/model-risk'] } } as PolicyQueryUser;
    expect(await policy.handle({ permission: modelReviewRecordPermission }, hannah)).toEqual({ result: AuthorizeResult.ALLOW });
    expect(await policy.handle({ permission: modelReviewRecordPermission }, jane)).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { rule: 'IS_ENTITY_OWNER', params: { claims: ['user:default/jane.doe', 'group:default/customer-ml'] } },
    });
  });
});
