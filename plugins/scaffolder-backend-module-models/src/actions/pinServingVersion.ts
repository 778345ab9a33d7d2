import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_KUBERNETES_ID } from '@modelport/plugin-models-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import YAML from 'yaml';
import { VERSION_LABEL } from '../serving/manifests';
import { readDocuments, workspaceFile } from '../workspace/yamlFiles';
import { parseModelInput, type RegistryActionOptions, registryClientFor, withRegistryMessage } from './registryClient';

const EXAMPLE = `steps:
  - id: fetch
    action: fetch:plain:file
    input:
      url: https://github.com/acme/churn-classifier/blob/main/deploy/prod/inferenceservice.yaml
      targetPath: deploy/prod/inferenceservice.yaml
  - id: pin
    action: modelport:serving:pin
    input:
      model: model:default/churn-classifier
      environment: prod
      manifestPath: deploy/prod/inferenceservice.yaml`;

/** Where each serving kind keeps its artifact, by apiVersion and kind. */
const ARTIFACT_PATHS: Record<string, Array<Array<string>>> = {
  'serving.kserve.io/v1beta1/InferenceService': [['spec', 'predictor', 'model', 'storageUri']],
  'mlops.seldon.io/v1alpha1/Model': [['spec', 'storageUri']],
};

/**
 * `modelport:serving:pin`: sets the artifact (`storageUri`) and the `modelport.io/version` label of the serving
 * manifests in the workspace to the version the registry holds current in an environment, so that a pull request
 * makes the cluster follow the registry (GitOps). Only those two fields change; comments and the rest of the file
 * stay as they were.
 *
 * @public
 */
export function createPinServingVersionAction(options: RegistryActionOptions & { catalog: CatalogService }) {
  return createTemplateAction({
    id: 'modelport:serving:pin',
    description:
      "Points serving manifests (KServe InferenceService, Seldon Core 2 Model) of the workspace at the version the Modelport registry holds current in an environment: storageUri and the modelport.io/version label",
    examples: [{ description: "Pin prod's InferenceService to the version current in prod, before opening a pull request", example: EXAMPLE }],
    supportsDryRun: true,
    schema: {
      input: {
        model: z => z.string().describe('The Model entity, e.g. model:default/churn-classifier'),
        environment: z => z.string().describe('The registry environment whose current version to serve'),
        manifestPath: z => z.string().describe('A manifest file of the workspace (one or more YAML documents)'),
      },
      output: {
        version: z => z.string(),
        artifactUri: z => z.string(),
        previousVersion: z => z.string().optional().describe('The version label the manifest had'),
        changed: z => z.boolean().describe('Whether the file changed; false when it already served that version'),
      },
    },
    async handler(ctx) {
      const ref = parseModelInput(ctx.input.model);
      const credentials = await ctx.getInitiatorCredentials();
      const client = registryClientFor(options, credentials);
      const entity = await options.catalog.getEntityByRef(ref, { credentials });
      if (!entity) throw new InputError(`No Model ${ctx.input.model} in the catalog`);
      // The workload the Model's manifests name: its Kubernetes id, as the serving status finds it.
      const workload = entity.metadata.annotations?.[ANNOTATION_KUBERNETES_ID] ?? entity.metadata.name;
      const state = await withRegistryMessage(() => client.getRegistryState(ref));
      const environment = state.environments.find(e => e.name === ctx.input.environment);
      if (!environment) {
        throw new InputError(`${ctx.input.environment} is not an environment of the registry (${state.environments.map(e => e.name).join(', ')})`);
      }
      if (!environment.current) throw new InputError(`No version of ${ctx.input.model} is current in ${ctx.input.environment}: promote one first`);
      const version = environment.current.version;
      const registered = await withRegistryMessage(() => client.getVersion(ref, version));

      const file = workspaceFile(ctx.workspacePath, ctx.input.manifestPath);
      const documents = await readDocuments(file);
      let served = 0;
      let changed = false;
      let previousVersion: string | undefined;
      const set = (doc: YAML.Document.Parsed, at: string[], value: string) => {
        if (doc.getIn(at) === value) return;
        doc.setIn(at, value);
        changed = true;
      };
      for (const doc of documents) {
        const paths = ARTIFACT_PATHS[`${doc.get('apiVersion')}/${doc.get('kind')}`];
        if (!paths) continue;
        const declared = (doc.getIn(['metadata', 'labels', ANNOTATION_KUBERNETES_ID]) as string | undefined) ?? (doc.getIn(['metadata', 'name']) as string | undefined);
        if (declared !== workload) {
          throw new InputError(
            `${ctx.input.manifestPath} serves '${declared}', not ${ctx.input.model} ('${workload}', its ${ANNOTATION_KUBERNETES_ID}): choose the Model's own manifest`,
          );
        }
        served++;
        previousVersion ??= doc.getIn(['metadata', 'labels', VERSION_LABEL]) as string | undefined;
        for (const p of paths) set(doc, p, registered.artifactUri);
        set(doc, ['metadata', 'labels', VERSION_LABEL], version);
        // KServe copies the predictor's labels onto its Deployment and pods, where the serving status reads them.
        const podLabels = ['spec', 'predictor', 'labels', VERSION_LABEL];
        if (doc.hasIn(podLabels)) set(doc, podLabels, version);
      }
      if (!served) throw new InputError(`${ctx.input.manifestPath} holds no InferenceService (serving.kserve.io/v1beta1) or Seldon Model (mlops.seldon.io/v1alpha1)`);
      // Only the two fields change; the yaml library keeps the rest of each document, comments included.
      if (changed) await fs.writeFile(file, documents.map(d => d.toString({ lineWidth: 0 })).join(''));
      ctx.logger.info(
        changed
          ? `${ctx.input.manifestPath}: ${previousVersion ?? 'no version'} -> ${version} (${registered.artifactUri}), current in ${ctx.input.environment}`
          : `${ctx.input.manifestPath} already serves ${version}, current in ${ctx.input.environment}`,
      );
      ctx.output('version', version);
      ctx.output('artifactUri', registered.artifactUri);
      if (previousVersion !== undefined) ctx.output('previousVersion', previousVersion);
      ctx.output('changed', changed);
    },
  });
}
