import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseModelInput, type RegistryActionOptions, registryClientFor, withRegistryMessage } from './registryClient';

/**
 * `modelport:promotion:request`: asks to promote a version to an environment as the person who runs the template.
 * Environments without required approvals promote at once; otherwise the request waits for approvers in the
 * Registry tab, and the person who asked can never approve it.
 *
 * @public
 */
export function createRequestPromotionAction(options: RegistryActionOptions) {
  return createTemplateAction({
    id: 'modelport:promotion:request',
    description: 'Requests the promotion of a model version to an environment of the Modelport registry',
    examples: [
      {
        description: 'Put the version just registered into dev',
        example: [
          'steps:',
          '  - id: promote',
          '    action: modelport:promotion:request',
          '    input:',
          '      model: model:default/churn-classifier',
          "      version: ${{ steps.register.output.version }}",
          '      environment: dev',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        model: z => z.string().describe('The Model entity, e.g. model:default/churn-classifier'),
        version: z => z.string().describe('A registered version'),
        environment: z => z.string().describe('Target environment, e.g. dev; it must be the next after the version’s current one'),
        comment: z => z.string().optional(),
      },
      output: {
        requestId: z => z.string(),
        status: z => z.string().describe('promoted, or pending while approvals are missing'),
      },
    },
    async handler(ctx) {
      const { model, ...body } = ctx.input;
      const client = registryClientFor(options, await ctx.getInitiatorCredentials());
      const { request } = await ctx.checkpoint({
        key: `modelport.promote.${model}.${body.version}.${body.environment}`,
        fn: async () => {
          const result = await withRegistryMessage(() => client.requestPromotion(parseModelInput(model), body));
          return { request: { id: result.request.id, status: result.request.status } };
        },
      });
      ctx.logger.info(`Promotion of ${body.version} to ${body.environment}: ${request.status}`);
      ctx.output('requestId', request.id);
      ctx.output('status', request.status);
    },
  });
}
