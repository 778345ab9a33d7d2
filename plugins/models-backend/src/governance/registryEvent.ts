import type { AuditEvent, RegistryAction, RegistryEvent } from '@modelport/plugin-models-common';

type Fields = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
const fieldsOf = (value: unknown): Fields => (value && typeof value === 'object' ? (value as Fields) : {});

/**
 * The documented payload of a registry change (`RegistryEvent` in the OpenAPI document) from its audit event: the
 * same facts, named the same way whatever the action, so that subscribers and webhook receivers read fields rather
 * than each action's audit shape.
 */
export function registryEventOf(event: AuditEvent): RegistryEvent {
  const before = fieldsOf(event.before);
  const after = fieldsOf(event.after);
  const policy = fieldsOf(event.policy);
  const optional = {
    version: text(after.version) ?? text(before.version),
    environment: text(after.environment) ?? text(after.toEnvironment) ?? text(policy.environment) ?? text(before.toEnvironment),
    previousVersion: event.action === 'promotion.completed' || event.action === 'environment.rolled-back' ? text(before.version) : undefined,
    requestId: text(after.requestId) ?? (event.action.startsWith('promotion.') ? text(after.id) ?? text(before.id) : undefined),
    comment: text(after.comment) ?? (event.action === 'review.recorded' ? text(after.summary) : undefined),
    reason: text(after.reason) ?? text(after.gateOverrideReason),
    reviewOutcome: event.action === 'review.recorded' ? (text(after.outcome) as RegistryEvent['reviewOutcome']) : undefined,
  };
  return {
    action: event.action as RegistryAction,
    modelRef: event.subject,
    actor: event.actor,
    at: event.at,
    auditSeq: event.seq,
    auditHash: event.hash,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}
