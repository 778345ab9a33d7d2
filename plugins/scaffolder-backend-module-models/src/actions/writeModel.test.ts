import { createMockDirectory } from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { exampleModel } from '@internal/test-fixtures';
import { modelEntityV1alpha1Validator } from '@modelport/plugin-models-common';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { actionContext } from '../__testUtils__/actionContext';
import { createWriteModelAction } from './writeModel';

const input = {
  name: 'claims-triage',
  title: 'Claims Triage',
  description: 'Routes incoming claims to the right desk.',
  owner: 'group:default/customer-ml',
  system: 'claims',
  type: 'classification',
  annotations: { 'backstage.io/kubernetes-id': 'claims-triage', 'modelport.io/metrics-source': 'modelport' },
  servedBy: ['component:claims-triage'],
  modelCard: { riskLevel: 'high', dataClassification: 'confidential', intendedUse: 'Suggests a desk; a person decides.' },
  monitoring: {
    features: [
      { name: 'claim_amount', type: 'numerical' },
      { name: 'channel', type: 'categorical' },
    ],
    prediction: { name: 'desk', type: 'categorical' },
  },
  slos: [
    { name: 'availability', objective: 0.999, window: '30d' },
    { name: 'latency', objective: 0.99, thresholdMs: 300, window: '30d' },
  ],
  // What a form leaves for fields nobody filled in.
  tags: [],
  trainedOn: [''],
};

const read = (dir: string, file = 'catalog-info.yaml') => fs.readFileSync(path.join(dir, file), 'utf8');

describe('modelport:model:write', () => {
  const action = createWriteModelAction();

  it('writes the Model the catalog will accept, with only the fields given, and says its ref', async () => {
    const ctx = actionContext(input);
    await action.handler(ctx as never);
    expect(ctx.outputs()).toEqual({ entityRef: 'model:default/claims-triage', path: 'catalog-info.yaml' });
    const written = YAML.parse(read(ctx.workspacePath));
    expect(await modelEntityV1alpha1Validator.check(written)).toBe(true);
    expect(written).toEqual({
      apiVersion: 'modelport.io/v1alpha1',
      kind: 'Model',
      metadata: {
        name: 'claims-triage',
        title: 'Claims Triage',
        description: 'Routes incoming claims to the right desk.',
        annotations: input.annotations,
      },
      spec: {
        type: 'classification',
        lifecycle: 'experimental',
        owner: 'group:default/customer-ml',
        system: 'claims',
        servedBy: ['component:claims-triage'],
        modelCard: input.modelCard,
        monitoring: input.monitoring,
        slos: input.slos,
      },
    });
  });

  it('adds the Model after the entities a skeleton wrote, leaving them byte for byte', async () => {
    const dir = createMockDirectory();
    const component = '# The service\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: claims-triage # same name, other kind\nspec: { type: service, owner: customer-ml, lifecycle: experimental }\n';
    dir.setContent({ 'catalog-info.yaml': component });
    const ctx = actionContext(input, { workspacePath: dir.path });
    await action.handler(ctx as never);
    const text = read(dir.path);
    expect(text.startsWith(`${component}---\n`)).toBe(true);
    expect(YAML.parseAllDocuments(text).map(d => (d as YAML.Document).get('kind'))).toEqual(['Component', 'Model']);

    // The same Model twice is refused and the file stays as it was.
    await expect(action.handler(actionContext(input, { workspacePath: dir.path }) as never)).rejects.toThrow('catalog-info.yaml already holds model:default/claims-triage');
    expect(read(dir.path)).toBe(text);
  });

  it.each([
    [{ modelCard: { riskLevel: 'extreme' } }, 'The Model claims-triage would be refused by the catalog: /spec/modelCard/riskLevel must be equal to one of the allowed values: low, medium, high, critical'],
    [
      { slos: [{ name: 'latency', objective: 1.5, window: '30d' }] },
      "The Model claims-triage would be refused by the catalog: 2 problems: /spec/slos/0 must have required property 'thresholdMs'; /spec/slos/0/objective must be <= 0.999999",
    ],
    [{ name: 'Claims Triage' }, 'The Model Claims Triage would be refused by the catalog: <entity> "metadata.name" is not valid'],
    [{ annotations: { 'modelport.io/metrics-source': 'triton' } }, "/metadata/annotations/modelport.io~1metrics-source is 'triton'; Modelport reads kserve, seldon or modelport"],
  ])('fails on %j with the validator naming the field, and writes nothing', async (change, message) => {
    const ctx = actionContext({ ...input, ...change });
    const error = await action.handler(ctx as never).then(
      () => undefined,
      e => e as Error,
    );
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain(message);
    expect(fs.existsSync(path.join(ctx.workspacePath, 'catalog-info.yaml'))).toBe(false);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('does the same in a dry run, into the dry run’s workspace, and keeps to the workspace', async () => {
    const ctx = actionContext({ ...input, targetPath: 'models/claims-triage.yaml' }, { isDryRun: true });
    await action.handler(ctx as never);
    expect(ctx.outputs()).toEqual({ entityRef: 'model:default/claims-triage', path: 'models/claims-triage.yaml' });
    expect(YAML.parse(read(ctx.workspacePath, 'models/claims-triage.yaml')).metadata.name).toBe('claims-triage');

    await expect(action.handler(actionContext({ ...input, targetPath: '../outside.yaml' }) as never)).rejects.toThrow('../outside.yaml is outside the task');
  });

  it('refuses a name the catalog has already, so that a new Model never takes over another team\'s registry', async () => {
    const catalog = catalogServiceMock({ entities: [exampleModel('churn-classifier')] }) as unknown as CatalogService;
    const checked = createWriteModelAction({ catalog });
    const taken = actionContext({ ...input, name: 'churn-classifier' });
    await expect(checked.handler(taken as never)).rejects.toThrow('model:default/churn-classifier is in the catalog already (owner group:customer-ml): choose another name');
    expect(fs.existsSync(path.join(taken.workspacePath, 'catalog-info.yaml'))).toBe(false);
    const fresh = actionContext(input);
    await checked.handler(fresh as never);
    expect(fresh.outputs()).toMatchObject({ entityRef: 'model:default/claims-triage' });
  });
});
