import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { ModelEntityProcessor } from './ModelEntityProcessor';

const location = { type: 'url', target: 'https://git.example.com/catalog-info.yaml' };

function model(spec: Record<string, unknown>, namespace?: string): Entity {
  return {
    apiVersion: 'modelport.io/v1alpha1',
    kind: 'Model',
    metadata: { name: 'fraud-detector', ...(namespace ? { namespace } : {}) },
    spec: { type: 'classification', lifecycle: 'production', owner: 'payments-ml', ...spec },
  };
}

async function relationsOf(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  await new ModelEntityProcessor().postProcessEntity(entity, location, r => emitted.push(r));
  return emitted.map(r => {
    if (r.type !== 'relation') throw new Error(`unexpected ${r.type}`);
    const { source, type, target } = r.relation;
    return `${source.kind}:${source.namespace}/${source.name} ${type} ${target.kind}:${target.namespace}/${target.name}`;
  });
}

describe('ModelEntityProcessor', () => {
  it('emits every relation in both directions with the default kinds', async () => {
    const relations = await relationsOf(
      model({
        system: 'payments-risk',
        servedBy: ['fraud-scoring-service', 'api:fraud-api'],
        trainedOn: ['card-transactions-2026'],
      }),
    );
    expect(relations).toEqual([
      'Model:default/fraud-detector ownedBy Group:default/payments-ml',
      'Group:default/payments-ml ownerOf Model:default/fraud-detector',
      'Model:default/fraud-detector partOf System:default/payments-risk',
      'System:default/payments-risk hasPart Model:default/fraud-detector',
      'Model:default/fraud-detector servedBy Component:default/fraud-scoring-service',
      'Component:default/fraud-scoring-service serves Model:default/fraud-detector',
      'Model:default/fraud-detector servedBy api:default/fraud-api',
      'api:default/fraud-api serves Model:default/fraud-detector',
      'Model:default/fraud-detector trainedOn Resource:default/card-transactions-2026',
      'Resource:default/card-transactions-2026 trainingDataOf Model:default/fraud-detector',
    ]);
  });

  it("resolves references in the model's own namespace unless they name another", async () => {
    const relations = await relationsOf(
      model({ owner: 'user:ops/jane.doe', trainedOn: ['claims-2025'] }, 'clinical'),
    );
    expect(relations).toContain('Model:clinical/fraud-detector ownedBy user:ops/jane.doe');
    expect(relations).toContain(
      'Model:clinical/fraud-detector trainedOn Resource:clinical/claims-2025',
    );
  });

  it.each([
    [{ owner: 'system:payments-risk' }, /^spec\.owner: 'system:payments-risk' refers to a system, but only group or user/],
    [{ system: 'group:payments-ml' }, /^spec\.system: 'group:payments-ml' refers to a group/],
    [{ servedBy: ['component:a', 'resource:gpu-pool'] }, /^spec\.servedBy\[1\]: 'resource:gpu-pool' refers to a resource, but only component or api/],
    [{ trainedOn: ['component:etl'] }, /^spec\.trainedOn\[0\]: 'component:etl' refers to a component, but only resource/],
    [{ trainedOn: ['resource:ns/'] }, /^spec\.trainedOn\[0\]: Entity reference "resource:ns\/" was not on the form/],
  ])('rejects a malformed or wrong-kind reference, naming the field: %j', async (spec, message) => {
    const emitted: CatalogProcessorResult[] = [];
    await expect(
      new ModelEntityProcessor().postProcessEntity(model(spec), location, r => emitted.push(r)),
    ).rejects.toThrow(message);
    expect(emitted).toEqual([]);
  });

  it('leaves other kinds alone', async () => {
    const processor = new ModelEntityProcessor();
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
      spec: { type: 'service', lifecycle: 'production', owner: 'system:not-checked-here' },
    };
    await expect(processor.validateEntityKind(component)).resolves.toBe(false);
    expect(await relationsOf(component)).toEqual([]);
  });
});
