import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  type EnvironmentServing,
  type ModelEntityV1alpha1,
  modelOwnerRefOf,
  type ModelObservability,
  type PromotionRequest,
  type RegistryEvent,
} from '@modelport/plugin-models-common';

/** The topic of every notification Modelport sends, so that people can filter them in the notifications page. */
export const NOTIFICATION_TOPIC = 'modelport';

/** `user:default/jane.doe` -> `jane.doe`; another namespace stays named. */
export function nameOf(ref: string): string {
  const { namespace, name } = parseEntityRef(ref, { defaultKind: 'user', defaultNamespace: 'default' });
  return namespace === 'default' ? name : `${namespace}/${name}`;
}

const either = (refs: string[]) => {
  const names = refs.map(nameOf);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : (names[0] ?? 'nobody');
};

/** What a notification says about a model: its title, its links. */
export type ModelContext = {
  model: ModelEntityV1alpha1;
  /** The environments in promotion order: the last one is production, where severity goes up a step. */
  environments: string[];
};

const titleOf = (model: ModelEntityV1alpha1) => model.metadata.title ?? model.metadata.name;
const pagePath = (model: ModelEntityV1alpha1) => `/catalog/${model.metadata.namespace ?? 'default'}/model/${model.metadata.name}`;
const registryPath = (model: ModelEntityV1alpha1) => `${pagePath(model)}/registry`;
const inProduction = (ctx: ModelContext, environment?: string) => environment !== undefined && environment === ctx.environments[ctx.environments.length - 1];

/**
 * Who is told what of a registry change, as notifications: the approvers the policy names when a request waits for
 * them (and that it was withdrawn), the requester of what became of their request, the owners of a rollback, a
 * gate override or a rejecting review. Never the person who acted. Each links to where to act, and is scoped so
 * that the next word on the same request replaces the last rather than piling up.
 */
export function registryNotifications(
  event: RegistryEvent,
  ctx: ModelContext & { request?: PromotionRequest; approvers: string[]; approvalsRequired: number },
): NotificationSendOptions[] {
  const { model } = ctx;
  const owner = modelOwnerRefOf(model);
  const what = `${titleOf(model)} ${event.version ?? ''} → ${event.environment ?? ''}`.replace(/\s+/g, ' ');
  const base = { topic: NOTIFICATION_TOPIC, link: registryPath(model) };
  const to = (entityRef: string | string[]) => ({ type: 'entity' as const, entityRef, excludeEntityRef: event.actor });
  const prod = inProduction(ctx, event.environment);
  const requester = ctx.request?.requestedBy;
  const requestScope = `modelport:request:${event.requestId}`;
  const requesterScope = `${requestScope}:requester`;
  const approvalsGiven = ctx.request?.decisions.filter(d => d.decision === 'approve').length ?? 0;

  switch (event.action) {
    case 'promotion.requested': {
      const sent: NotificationSendOptions[] = [];
      if (ctx.approvalsRequired > 0) {
        sent.push({
          recipients: to(ctx.approvers),
          payload: {
            ...base,
            title: `${what} awaits your approval`,
            description: `Requested by ${nameOf(event.actor)}${event.comment ? `: “${event.comment}”` : ''}. Needs ${ctx.approvalsRequired} approval${ctx.approvalsRequired > 1 ? 's' : ''} from ${either(ctx.approvers)}; not from the requester.`,
            severity: prod ? 'high' : 'normal',
            scope: requestScope,
          },
        });
      }
      if (event.reason) {
        sent.push({
          recipients: to(owner),
          payload: { ...base, title: `${what} was requested over a failing quality gate`, description: `${nameOf(event.actor)} overrode it: “${event.reason}”`, severity: 'high', scope: `modelport:override:${event.requestId}` },
        });
      }
      return sent;
    }
    case 'promotion.approved': {
      if (!requester || approvalsGiven >= ctx.approvalsRequired) return [];
      const rest = ctx.approvalsRequired - approvalsGiven;
      return [
        {
          recipients: to(requester),
          payload: { ...base, title: `${nameOf(event.actor)} approved ${what}`, description: `Approval ${approvalsGiven} of ${ctx.approvalsRequired}; it waits for ${rest} more.${event.comment ? ` “${event.comment}”` : ''}`, severity: 'normal', scope: requesterScope },
        },
      ];
    }
    case 'promotion.completed':
      return requester
        ? [
            {
              recipients: to(requester),
              payload: { ...base, title: `${titleOf(model)} ${event.version} is now current in ${event.environment}`, description: `Promoted${event.previousVersion ? `, replacing ${event.previousVersion}` : ''}; the last approval came from ${nameOf(event.actor)}.`, severity: 'normal', scope: requesterScope },
            },
          ]
        : [];
    case 'promotion.rejected':
      return requester
        ? [{ recipients: to(requester), payload: { ...base, title: `${nameOf(event.actor)} rejected ${what}`, description: event.comment ? `“${event.comment}”` : 'No reason given.', severity: prod ? 'high' : 'normal', scope: requesterScope } }]
        : [];
    case 'promotion.blocked':
      return requester
        ? [{ recipients: to(requester), payload: { ...base, title: `${what} is approved but its quality gates refuse it`, description: 'The gates are checked again at the next approval or request; the Registry tab says which failed.', severity: prod ? 'high' : 'normal', scope: requesterScope } }]
        : [];
    case 'promotion.cancelled':
      return ctx.approvalsRequired > 0
        ? [{ recipients: to(ctx.approvers), payload: { ...base, title: `${what} no longer awaits your approval`, description: `${nameOf(event.actor)} withdrew the request.`, severity: 'low', scope: requestScope } }]
        : [];
    case 'environment.rolled-back':
      return [
        {
          recipients: to(owner),
          payload: {
            ...base,
            title: `${titleOf(model)}: ${event.environment} rolled back to ${event.version}`,
            description: `By ${nameOf(event.actor)}${event.previousVersion ? `, from ${event.previousVersion}` : ''}: “${event.reason ?? ''}”`,
            severity: prod ? 'high' : 'normal',
            scope: `modelport:audit:${event.auditSeq}`,
          },
        },
      ];
    case 'review.recorded':
      return event.reviewOutcome === 'rejected'
        ? [{ recipients: to(owner), payload: { ...base, link: pagePath(model), title: `${nameOf(event.actor)}'s review rejected ${titleOf(model)}`, description: event.comment ?? '', severity: 'high', scope: `modelport:audit:${event.auditSeq}` } }]
        : [];
    default:
      return [];
  }
}

/** A model's SLO and drift states as its owners are told of them: critical SLO, drift, or neither. */
export function observedStates(snapshot: ModelObservability): { slo: string; drift: string } {
  return {
    slo: snapshot.slo.state === 'critical' ? 'critical' : 'in-order',
    drift: snapshot.drift.state === 'drifted' ? 'drifted' : 'in-order',
  };
}

/** The owners' notification of a model's SLO or drift state that changed, the same notification updated each time. */
export function observabilityNotification(kind: 'slo' | 'drift', snapshot: ModelObservability, ctx: ModelContext): NotificationSendOptions {
  const { model } = ctx;
  const recipients = { type: 'entity' as const, entityRef: modelOwnerRefOf(model) };
  const base = { topic: NOTIFICATION_TOPIC, link: pagePath(model), scope: `modelport:${kind}:${model.metadata.namespace ?? 'default'}/${model.metadata.name}` };
  if (kind === 'slo') {
    const burning = snapshot.slo.objectives.filter(o => o.state === 'critical').map(o => o.name);
    return snapshot.slo.state === 'critical'
      ? { recipients, payload: { ...base, title: `${titleOf(model)} burns its error budget`, description: `Critical: ${burning.join(', ') || 'an objective'} (evaluated ${snapshot.evaluatedAt}).`, severity: 'high' } }
      : { recipients, payload: { ...base, title: `${titleOf(model)}'s objectives are out of the critical state`, description: `As of ${snapshot.evaluatedAt}.`, severity: 'low' } };
  }
  const drifted = snapshot.drift.features.filter(f => f.state === 'drifted').map(f => f.name);
  return snapshot.drift.state === 'drifted'
    ? { recipients, payload: { ...base, title: `${titleOf(model)} drifts: ${drifted.join(', ')}`, description: `Against ${snapshot.drift.window}'s reference (evaluated ${snapshot.evaluatedAt}).`, severity: 'normal' } }
    : { recipients, payload: { ...base, title: `${titleOf(model)} no longer drifts`, description: `As of ${snapshot.evaluatedAt}.`, severity: 'low' } };
}

/** Whether what runs in an environment goes against what the registry approved there. */
export const servedAgainstApproval = (env: EnvironmentServing) => env.verdict.state === 'mismatch' || env.verdict.state === 'unregistered-artifact';

/** The owners' notification of an environment whose serving went against approval, or back in line. */
export function servingNotification(env: EnvironmentServing, ctx: ModelContext, text: string): NotificationSendOptions {
  const { model } = ctx;
  const against = servedAgainstApproval(env);
  let severity: 'high' | 'normal' | 'low' = 'low';
  if (against) severity = inProduction(ctx, env.environment) ? 'high' : 'normal';
  return {
    recipients: { type: 'entity', entityRef: modelOwnerRefOf(model) },
    payload: {
      topic: NOTIFICATION_TOPIC,
      link: pagePath(model),
      scope: `modelport:serving:${model.metadata.namespace ?? 'default'}/${model.metadata.name}:${env.environment}`,
      title: against ? `${titleOf(model)} in ${env.environment} runs what the registry did not approve` : `${titleOf(model)} in ${env.environment} runs what was approved again`,
      description: text,
      severity,
    },
  };
}
