import { ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { compact } from '../workspace/compact';
import { parseModelInput, type RegistryActionOptions, registryClientFor, withRegistryMessage } from './registryClient';

const RETRY_SECONDS = 2;

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
        waitForCatalog: z =>
          z
            .number()
            .int()
            .min(0)
            .max(600)
            .optional()
            .describe(
              'Seconds to keep trying while the catalog does not have the Model yet, as right after catalog:register (the catalog processes a new location in the background); default 0',
            ),
      },
      output: {
        modelRef: z => z.string(),
        version: z => z.string(),
        registeredBy: z => z.string(),
      },
    },
    async handler(ctx) {
      const { model, waitForCatalog = 0, ...given } = ctx.input;
      // A template's optional values arrive as empty strings when left out; the registry wants them absent.
      const version = compact(given);
      const ref = parseModelInput(model);
      const client = registryClientFor(options, await ctx.getInitiatorCredentials());
      const giveUpAt = Date.now() + waitForCatalog * 1000;
      const register = async () => {
        for (;;) {
          try {
            return await client.registerVersion(ref, version);
          } catch (error) {
            // Only the catalog not having the Model yet is worth waiting for; every other refusal is final.
            const notInCatalog = error instanceof ResponseError && error.response.status === 404 && /in the catalog/.test(error.body.error.message);
            if (!notInCatalog || Date.now() >= giveUpAt || ctx.signal?.aborted) throw error;
            ctx.logger.info(`${model} is not in the catalog yet; trying again in ${RETRY_SECONDS} s`);
            await sleep(RETRY_SECONDS * 1000, undefined, { signal: ctx.signal });
          }
        }
      };
      const registered = await ctx.checkpoint({
        key: `modelport.register.${model}.${version.version}`,
        fn: async () => {
          const v = await withRegistryMessage(register);
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
