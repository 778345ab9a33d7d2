import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { RegistryEnvironmentPolicy } from '@modelport/plugin-models-common';
import { displayRef, eitherOf, listed } from './displayRef';

/** The environment policy's approvers as entity refs, `owner` resolved to the Model's owner as the registry does. */
export function approverRefs(policy: RegistryEnvironmentPolicy, owner: string, namespace = 'default'): string[] {
  const ownerRef = stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: namespace }));
  return policy.approvers.map(a => (a === 'owner' ? ownerRef : a.toLocaleLowerCase('en-US')));
}

/** Who decides on promotions to the environment, in words: "customer-ml or model-risk". */
export function approversText(policy: RegistryEnvironmentPolicy, owner: string, namespace?: string): string {
  return eitherOf(approverRefs(policy, owner, namespace).map(displayRef)) || 'nobody';
}

/** The policy of an environment as a person reads it. */
export function policyText(policy: RegistryEnvironmentPolicy, owner: string, namespace?: string): string {
  const gates = policy.qualityGates.map(g => g.type);
  const approvals =
    policy.approvals === 0
      ? 'No approval needed'
      : `Needs ${policy.approvals} approval${policy.approvals > 1 ? 's' : ''} from ${approversText(policy, owner, namespace)}` +
        `${policy.approvals > 1 && policy.distinctApprovers ? ', each by a different person' : ''}` +
        `${policy.requesterMayApprove ? '' : '; not by the requester'}`;
  return `${approvals}. ${gates.length ? `Quality gates: ${listed(gates)}.` : 'No quality gates.'}`;
}
