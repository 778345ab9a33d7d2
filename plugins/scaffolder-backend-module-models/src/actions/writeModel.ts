import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { describeModelProblems, MODEL_ENTITY_API_VERSION, MODEL_ENTITY_KIND, type ModelEntityV1alpha1, modelDocumentProblems, modelRefOf } from '@modelport/plugin-models-common';
import { compact } from '../workspace/compact';
import { appendDocument, readDocuments, workspaceFile } from '../workspace/yamlFiles';

const EXAMPLE = `steps:
  - id: model
    action: modelport:model:write
    input:
      name: \${{ parameters.name }}
      title: Churn Classifier
      owner: \${{ parameters.owner }}
      system: customer-insights
      type: classification
      annotations:
        backstage.io/kubernetes-id: \${{ parameters.name }}
        modelport.io/metrics-source: modelport
      servedBy: [component:\${{ parameters.name }}]
      modelCard:
        riskLevel: medium
        dataClassification: confidential
        intendedUse: Ranks retail customers by their risk of closing their account in the next 90 days.
      monitoring:
        features:
          - { name: tenure_months, type: numerical }
          - { name: plan, type: categorical }
        prediction: { name: churn_probability, type: numerical }
      slos:
        - { name: availability, objective: 0.999, window: 30d }
        - { name: latency, objective: 0.99, thresholdMs: 300, window: 30d }`;

/**
 * `modelport:model:write`: the Model entity of the inputs, checked as the catalog will check it (the catalog's
 * entity rules, then the Model's schema and rules), added to a catalog file of the workspace. A Model the
 * catalog would refuse fails the step with every problem, each after its field, and writes nothing.
 *
 * @public
 */
export function createWriteModelAction(options: { catalog?: CatalogService } = {}) {
  return createTemplateAction({
    id: 'modelport:model:write',
    description:
      'Writes a Model entity (modelport.io/v1alpha1) into a catalog file of the workspace, after checking it as the catalog will. ' +
      'The file may already hold other entities (a Component, an API): the Model is added after them.',
    examples: [{ description: 'The Model of a new model service, next to its Component in catalog-info.yaml', example: EXAMPLE }],
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('metadata.name, e.g. churn-classifier'),
        namespace: z => z.string().optional().describe('metadata.namespace; default: default'),
        title: z => z.string().optional(),
        description: z => z.string().optional(),
        tags: z => z.array(z.string()).optional(),
        annotations: z => z.record(z.string()).optional().describe('e.g. backstage.io/kubernetes-id, modelport.io/metrics-source'),
        links: z => z.array(z.object({ url: z.string(), title: z.string().optional(), icon: z.string().optional(), type: z.string().optional() })).optional(),
        owner: z => z.string().describe('spec.owner, e.g. group:default/customer-ml'),
        system: z => z.string().optional(),
        type: z => z.string().describe('spec.type, e.g. classification, regression, llm'),
        lifecycle: z => z.string().optional().describe('spec.lifecycle; default: experimental'),
        servedBy: z => z.array(z.string()).optional().describe('Components or APIs that serve the model'),
        trainedOn: z => z.array(z.string()).optional().describe('Resources the model is trained on'),
        modelCard: z => z.record(z.unknown()).optional().describe('spec.modelCard: intendedUse, limitations, riskLevel, dataClassification, evaluation...'),
        monitoring: z => z.record(z.unknown()).optional().describe('spec.monitoring: the features and prediction whose drift is watched'),
        slos: z => z.array(z.record(z.unknown())).optional().describe('spec.slos: availability, latency and custom objectives'),
        targetPath: z => z.string().optional().describe('The catalog file in the workspace; default: catalog-info.yaml'),
      },
      output: {
        entityRef: z => z.string().describe('The Model, e.g. model:default/churn-classifier'),
        path: z => z.string().describe('The file the Model was written to'),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      const model = compact({
        apiVersion: MODEL_ENTITY_API_VERSION,
        kind: MODEL_ENTITY_KIND,
        metadata: {
          name: input.name,
          namespace: input.namespace,
          title: input.title,
          description: input.description,
          tags: input.tags,
          annotations: input.annotations,
          links: input.links,
        },
        spec: {
          type: input.type,
          lifecycle: input.lifecycle ?? 'experimental',
          owner: input.owner,
          system: input.system,
          servedBy: input.servedBy,
          trainedOn: input.trainedOn,
          modelCard: input.modelCard,
          monitoring: input.monitoring,
          slos: input.slos,
        },
      }) as ModelEntityV1alpha1;

      const problems = await modelDocumentProblems(model);
      if (problems.length) throw new InputError(`The Model ${input.name} would be refused by the catalog: ${describeModelProblems(problems)}`);

      const targetPath = input.targetPath ?? 'catalog-info.yaml';
      const file = workspaceFile(ctx.workspacePath, targetPath);
      const ref = modelRefOf(model);
      const existing = (await readDocuments(file)).map(d => d.toJS() as Partial<ModelEntityV1alpha1> | null);
      if (existing.some(e => e?.kind === MODEL_ENTITY_KIND && e.metadata?.name !== undefined && modelRefOf(e as ModelEntityV1alpha1) === ref)) {
        throw new InputError(`${targetPath} already holds ${ref}`);
      }
      // A new Model must not take the name of one the catalog has: its versions, approvals and figures would be
      // written over another team's. Asked as the person, so a Model hidden from them is found by the registry later.
      if (options.catalog) {
        const taken = await options.catalog.getEntityByRef(ref, { credentials: await ctx.getInitiatorCredentials() });
        if (taken) throw new InputError(`${ref} is in the catalog already (owner ${(taken.spec as { owner?: string } | undefined)?.owner ?? 'unknown'}): choose another name`);
      }
      await appendDocument(file, model);
      ctx.logger.info(`Wrote ${ref} to ${targetPath}`);
      ctx.output('entityRef', ref);
      ctx.output('path', targetPath);
    },
  });
}
