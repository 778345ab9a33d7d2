import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult, type PermissionCondition, type PermissionCriteria } from '@backstage/plugin-permission-common';
import { factConditionOf, visibilityFor } from './visibility';

const rule = (name: string, params: Record<string, unknown>): PermissionCondition => ({ rule: name, resourceType: 'catalog-entity', params } as PermissionCondition);

describe("the catalog's read permission on the explorer's rows", () => {
  it("turns the catalog's own rules into the search filters the catalog itself would use", () => {
    const criteria: PermissionCriteria<PermissionCondition> = {
      allOf: [
        { anyOf: [rule('IS_ENTITY_OWNER', { claims: ['group:default/risk-ml'] }), rule('HAS_ANNOTATION', { annotation: 'modelport.io/public' })] },
        { not: rule('HAS_LABEL', { label: 'restricted', value: 'yes' }) },
        rule('IS_ENTITY_KIND', { kinds: ['Model'] }),
        rule('HAS_METADATA', { key: 'namespace', value: 'default' }),
        rule('HAS_SPEC', { key: 'lifecycle' }),
      ],
    };
    expect(factConditionOf(criteria)).toEqual({
      allOf: [
        { anyOf: [{ key: 'relations.ownedBy', values: ['group:default/risk-ml'] }, { key: 'metadata.annotations.modelport.io/public' }] },
        { not: { key: 'metadata.labels.restricted', values: ['yes'] } },
        { key: 'kind', values: ['model'] },
        { key: 'metadata.namespace', values: ['default'] },
        { key: 'spec.lifecycle' },
      ],
    });
    // An adopter's own rule, or another plugin's, has no meaning here: nothing is guessed.
    expect(factConditionOf({ anyOf: [rule('IS_ENTITY_OWNER', { claims: [] }), rule('IS_IN_SYSTEM', { system: 'payments' })] })).toBeUndefined();
    expect(factConditionOf({ rule: 'IS_ENTITY_KIND', resourceType: 'scaffolder-template', params: { kinds: ['Model'] } } as PermissionCondition)).toBeUndefined();
  });

  it('decides per model, in one batch, when the conditions cannot be written as SQL', async () => {
    const credentials = mockCredentials.user('user:default/olga');
    const permissions = mockServices.permissions.mock({
      authorizeConditional: async () => [{ result: AuthorizeResult.CONDITIONAL, pluginId: 'catalog', resourceType: 'catalog-entity', conditions: rule('IS_IN_SYSTEM', { system: 'payments' }) }],
      authorize: async requests => requests.map(r => ({ result: (r as { resourceRef?: string }).resourceRef === 'model:default/b' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY })),
    });
    expect(await visibilityFor(permissions, credentials, async () => ['model:default/a', 'model:default/b', 'model:default/c'])).toEqual({ refs: ['model:default/b'] });
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
  });

  it('reads everything on ALLOW and nothing on DENY, without asking per model', async () => {
    const credentials = mockCredentials.user('user:default/jane');
    const allRefs = jest.fn(async () => ['model:default/a']);
    const allow = mockServices.permissions.mock({ authorizeConditional: async () => [{ result: AuthorizeResult.ALLOW }] });
    const deny = mockServices.permissions.mock({ authorizeConditional: async () => [{ result: AuthorizeResult.DENY }] });
    expect(await visibilityFor(allow, credentials, allRefs)).toEqual({ all: true });
    expect(await visibilityFor(deny, credentials, allRefs)).toEqual({ none: true });
    expect(allRefs).not.toHaveBeenCalled();
  });
});
