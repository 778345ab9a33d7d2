import type { AuditorService } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { modelPromotionRequestPermission, modelRefOf, servingVerdictText } from '@modelport/plugin-models-common';
import { pendingPromotionsFor } from '../governance/pendingPromotions';
import type { ObservabilityService } from '../observability/ObservabilityService';
import type { Access } from '../router/access';
import type { RegistryService } from '../service/RegistryService';
import type { ServingService } from '../serving/ServingService';

export type ModelActionsOptions = {
  actionsRegistry: ActionsRegistryService;
  access: Access;
  registry: RegistryService;
  observability: ObservabilityService;
  serving: ServingService;
  auditor: AuditorService;
};

/** `churn-classifier` or `model:default/churn-classifier`, as a person or an assistant writes it. */
function modelRefFrom(input: string): string {
  let ref;
  try {
    ref = parseEntityRef(input, { defaultKind: 'model', defaultNamespace: 'default' });
  } catch (error) {
    throw new InputError(`'${input}' is not a Model entity ref: ${(error as Error).message}`);
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'model') throw new InputError(`'${input}' is a ${ref.kind}, not a Model`);
  return modelRefOf(ref);
}

const modelInput = 'The Model, as an entity ref (model:default/churn-classifier) or its name in the default namespace';

/**
 * Modelport's actions for assistants, through Backstage's actions registry (the mcp-actions backend serves them as
 * MCP tools): what runs where, what awaits the caller's approval, a model's SLO and drift state, and requesting a
 * promotion. Each runs as the caller, under the same permissions and registry rules as the REST API.
 */
export function registerModelActions(options: ModelActionsOptions) {
  const { actionsRegistry, access, registry, observability, serving, auditor } = options;

  actionsRegistry.register({
    name: 'get-model-deployments',
    title: 'Which version of a model runs where',
    description:
      'For one Model: the version the registry holds current in each environment, who promoted it and when, and what the serving clusters actually run there, compared with what was approved.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ model: z.string().describe(modelInput) }),
      output: z =>
        z.object({
          modelRef: z.string(),
          environments: z.array(
            z.object({
              environment: z.string(),
              version: z.string().optional().describe('The version current in the registry; absent when none is'),
              since: z.string().optional(),
              by: z.string().optional(),
              serving: z.string().describe('What runs there, against what was approved, in words'),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const target = await access.modelAccess(access.callerOf(credentials), modelRefFrom(input.model), catalogEntityReadPermission);
      const [state, status] = await Promise.all([registry.state(target.ref), target.model().then(m => serving.status(m))]);
      return {
        output: {
          modelRef: target.ref,
          environments: state.environments.map(env => {
            const served = status.environments.find(e => e.environment === env.name);
            return {
              environment: env.name,
              ...(env.current ? { version: env.current.version, since: env.current.since, by: env.current.by } : {}),
              serving: served ? servingVerdictText(served.verdict, served.approved) : `Serving is ${status.state === 'not-configured' ? 'not watched: no cluster is configured' : status.state}.`,
            };
          }),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-promotions-awaiting-me',
    title: 'Promotions awaiting my approval',
    description: 'The pending promotion requests the caller may approve or reject now, oldest first, with who asked, the comment, and the approvals given and needed.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          requests: z.array(
            z.object({
              requestId: z.string(),
              modelRef: z.string(),
              version: z.string(),
              environment: z.string(),
              requestedBy: z.string(),
              requestedAt: z.string(),
              comment: z.string().optional(),
              approvalsGiven: z.number(),
              approvalsRequired: z.number(),
            }),
          ),
        }),
    },
    action: async ({ credentials }) => {
      const pending = await pendingPromotionsFor(access.callerOf(credentials), { access, registry, observability });
      return {
        output: {
          requests: pending
            .filter(p => p.viewerDecision?.allowed)
            .map(({ request, approvalsRequired }) => ({
              requestId: request.id,
              modelRef: request.modelRef,
              version: request.version,
              environment: request.toEnvironment,
              requestedBy: request.requestedBy,
              requestedAt: request.requestedAt,
              ...(request.comment ? { comment: request.comment } : {}),
              approvalsGiven: request.decisions.filter(d => d.decision === 'approve').length,
              approvalsRequired,
            })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-model-health',
    title: "A model's SLO and drift state",
    description:
      "For one Model: its SLO state with each objective's error budget left and firing burn-rate alerts, and its drift state with the drifting features, from the last evaluation, with when that was and whether the figures are stale.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ model: z.string().describe(modelInput) }),
      output: z =>
        z.object({
          modelRef: z.string(),
          state: z.string().describe('ok, pending (not evaluated yet), unavailable (Prometheus failed) or not-configured'),
          evaluatedAt: z.string().optional(),
          stale: z.boolean(),
          slo: z.object({ state: z.string(), objectives: z.array(z.object({ name: z.string(), state: z.string(), budgetRemaining: z.number().optional(), firing: z.array(z.string()) })) }).optional(),
          drift: z.object({ state: z.string(), drifting: z.array(z.string()) }).optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const target = await access.modelAccess(access.callerOf(credentials), modelRefFrom(input.model), catalogEntityReadPermission);
      const status = await observability.status(target.ref);
      const latest = status.latest;
      return {
        output: {
          modelRef: target.ref,
          state: status.state,
          stale: status.stale,
          ...(latest
            ? {
                evaluatedAt: latest.evaluatedAt,
                slo: {
                  state: latest.slo.state,
                  objectives: latest.slo.objectives.map(o => ({
                    name: o.name,
                    state: o.state,
                    ...(o.budgetRemaining !== undefined ? { budgetRemaining: o.budgetRemaining } : {}),
                    firing: o.burnRates.filter(b => b.firing).map(b => `${b.severity} ${b.long}/${b.short}`),
                  })),
                },
                drift: { state: latest.drift.state, drifting: latest.drift.features.filter(f => f.state === 'drifted').map(f => f.name) },
              }
            : {}),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'request-model-promotion',
    title: 'Request the promotion of a model version',
    description:
      'Asks for a registered version, current in the environment before, to be promoted to an environment, with a comment for the approvers. It does not approve anything: the environment\'s policy, its approvers and quality gates decide, and the requester cannot approve their own request.',
    // A request changes the registry but takes nothing away; a second identical one is refused while the first is pending.
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          model: z.string().describe(modelInput),
          version: z.string().describe('The registered version, e.g. 1.1.0'),
          environment: z.string().describe('The environment to promote to, e.g. staging or prod'),
          comment: z.string().max(1000).optional().describe('For the approvers: why, and what evidence'),
        }),
      output: z => z.object({ requestId: z.string(), status: z.string(), gates: z.array(z.object({ type: z.string(), passed: z.boolean(), message: z.string() })) }),
    },
    action: async ({ input, credentials }) => {
      if (!access.isUser(access.callerOf(credentials))) throw new InputError('Only a person can request a promotion: call this action as a user');
      const target = await access.modelAccess(access.callerOf(credentials), modelRefFrom(input.model), modelPromotionRequestPermission);
      const [model, actor] = await Promise.all([target.model(), target.actor()]);
      const event = await auditor.createEvent({ eventId: 'model-promotion-request', severityLevel: 'medium', meta: { modelRef: target.ref, via: 'actions', actor: actor.ref } });
      try {
        const result = await registry.requestPromotion(model, { version: input.version, environment: input.environment, ...(input.comment ? { comment: input.comment } : {}) }, actor);
        await event.success();
        return { output: { requestId: result.request.id, status: result.request.status, gates: result.gates.map(g => ({ type: g.type, passed: g.passed, message: g.message })) } };
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  });
}
