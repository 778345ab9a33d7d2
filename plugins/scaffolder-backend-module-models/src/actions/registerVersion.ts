import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseModelInput, type RegistryActionOptions, registryClientFor, withRegistryMessage } from './registryClient';

/**
 * `modelport:model-version:register`: registers a version of a Model in the registry as the person who runs the
 * template. The registry validates the version and answers a clear error (for example when it already exists).
 *
 * @public
 */
export function createRegisterModelVersionAction(options: RegistryActionOptions) {
  return createTemplateAction({
    id: 'modelport:model-version:register',
    description: 'Registers a version of a Model in the Modelport registry, as the user who runs the template',
    examples: [
      {
        description: 'Register version 1.2.0 of the churn classifier with its evaluation metrics',
        example: [
          'steps:',
          '  - id: register',
          '    action: modelport:model-version:register',
          '    input:',
          '      model: model:default/churn-classifier',
          '      version: 1.2.0',
          '      artifactUri: s3://acme-models/churn-classifier/1.2.0/model.ubj',
          '      framework: xgboost',
          '      metrics: { auc: 0.91 }',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        model: z => z.string().describe('The Model entity, e.g. model:default/churn-classifier'),
        version: z => z.string().describe('Version label, e.g. 1.2.0'),
        artifactUri: z => z.string().describe('Where the trained artifact is stored'),
        framework: z => z.string().describe('Training framework, e.g. xgboost, pytorch, sklearn'),
        metrics: z => z.record(z.number()).optional().describe('Evaluation metrics, name to number'),
        parameters: z => z.record(z.string()).optional().describe('Training parameters, name to string'),
        sourceRunUrl: z => z.string().optional().describe('Link to the run that produced it, e.g. an MLflow run'),
        description: z => z.string().optional(),
        tags: z => z.array(z.string()).optional(),
      },
      output: {
        modelRef: z => z.string(),
        version: z => z.string(),
        registeredBy: z => z.string(),
      },
    },
    async handler(ctx) {
      const { model, ...version } = ctx.input;
      const ref = parseModelInput(model);
      const client = registryClientFor(options, await ctx.getInitiatorCredentials());
      const registered = await ctx.checkpoint({
        key: `modelport.register.${model}.${version.version}`,
        fn: async () => {
          const v = await withRegistryMessage(() => client.registerVersion(ref, version));
          return { modelRef: v.modelRef, version: v.version, registeredBy: v.registeredBy };
        },
      });
      ctx.logger.info(`Registered version ${registered.version} of ${registered.modelRef}`);
      ctx.output('modelRef', registered.modelRef);
      ctx.output('version', registered.version);
      ctx.output('registeredBy', registered.registeredBy);
    },
  });
}
