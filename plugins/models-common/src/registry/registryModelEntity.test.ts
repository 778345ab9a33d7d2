import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { modelEntityProblems } from '../entity/validator';
import { registryEntityName, registryModelEntity, registryModelOwner } from './registryModelEntity';

describe('the entity of a model imported from an outside registry', () => {
  it('makes catalog names of registry names, cut with a hash when too long', () => {
    expect(registryEntityName('Churn Model')).toBe('churn-model');
    expect(registryEntityName('main.ml_models.Churn_Classifier')).toBe('main.ml_models.churn_classifier');
    expect(registryEntityName('__draft: v2!')).toBe('draft-v2');
    expect(registryEntityName('???')).toMatch(/^model-[0-9a-f]{8}$/);
    const long = `main.${'feature_store_'.repeat(6)}.churn`;
    const cut = registryEntityName(long);
    expect(cut).toHaveLength(63);
    expect(cut).not.toBe(registryEntityName(`${long}2`));
    expect(registryEntityName('churn', { withHash: true })).toMatch(/^churn-[0-9a-f]{8}$/);
    for (const name of ['Churn Model', long, '-a-', 'x'.repeat(200), 'ÄÖÜ model', 'a.-_b']) {
      expect(KubernetesValidatorFunctions.isValidObjectName(registryEntityName(name))).toBe(true);
    }
  });

  it("takes the owner from the registry's tag when it names a group or user, else the default", () => {
    const owner = { tag: 'owner', default: 'group:default/ml-platform' };
    expect(registryModelOwner({ owner: 'customer-ml' }, owner)).toBe('group:default/customer-ml');
    expect(registryModelOwner({ owner: 'user:default/Jane' }, owner)).toBe('user:default/jane');
    expect(registryModelOwner({ owner: 'component:default/x' }, owner)).toBe('group:default/ml-platform');
    expect(registryModelOwner({ owner: 'Not a ref!' }, owner)).toBe('group:default/ml-platform');
    expect(registryModelOwner({ owner: 'customer-ml' }, { default: 'group:default/ml-platform' })).toBe('group:default/ml-platform');
  });

  it('is a valid Model, deprecated and annotated once deleted in its registry', () => {
    const link = {
      connector: 'uc-main',
      flavour: 'unity-catalog',
      externalName: 'main.ml.churn',
      modelRef: 'model:databricks/main.ml.churn',
      tags: { 'modelport.io/type': 'Classification' },
      aliases: {},
      owner: 'group:default/customer-ml',
      url: 'https://dbc.example.com/explore/data/models/main/ml/churn',
      firstSeenAt: '2026-12-05T10:00:00.000Z',
      lastSeenAt: '2026-12-05T10:00:00.000Z',
    };
    const entity = registryModelEntity(link);
    expect(entity).toMatchObject({
      metadata: { name: 'main.ml.churn', namespace: 'databricks', annotations: { 'modelport.io/registered-model': 'uc-main/main.ml.churn' }, tags: ['unity-catalog'] },
      spec: { type: 'classification', lifecycle: 'experimental', owner: 'group:default/customer-ml' },
    });
    expect(modelEntityProblems(entity)).toEqual([]);
    expect(registryModelEntity({ ...link, aliases: { champion: '1' } }).spec.lifecycle).toBe('production');
    const deleted = registryModelEntity({ ...link, aliases: { champion: '1' }, deletedAt: '2026-12-06T00:00:00.000Z' });
    expect(deleted.spec.lifecycle).toBe('deprecated');
    expect(deleted.metadata.annotations).toMatchObject({ 'modelport.io/registry-deleted-at': '2026-12-06T00:00:00.000Z' });
  });
});
