import type { PromotionResult, RollbackResult } from '@modelport/plugin-models-common';
import type { OutcomeMessage } from './Outcome';

/** What a promotion request or a decision did, in words, from the registry's answer. */
export function promotionOutcome(result: PromotionResult, asked: 'request' | 'approve' | 'reject'): OutcomeMessage {
  const r = result.request;
  const what = `${r.version} → ${r.toEnvironment}`;
  const blocked = (result.gates ?? []).filter(g => !g.passed && !g.overridden);
  if (r.status === 'promoted') return { severity: 'success', message: `${r.version} is now current in ${r.toEnvironment}.` };
  if (r.status === 'rejected') return { severity: 'success', message: `Rejected ${what}; the request is closed.` };
  if (asked === 'approve' && blocked.length) {
    return { severity: 'warning', message: `Approved ${what}, but a quality gate blocked the promotion: ${blocked.map(g => g.message).join('; ')}` };
  }
  const approvals = r.decisions.filter(d => d.decision === 'approve').length;
  if (asked === 'approve') return { severity: 'success', message: `Approved ${what}; ${approvals} approval${approvals === 1 ? '' : 's'} given, the request waits for the rest.` };
  return { severity: 'success', message: `Requested ${what}; it now waits for approval.` };
}

export function rollbackOutcome(result: RollbackResult): OutcomeMessage {
  return { severity: 'success', message: `Rolled ${result.environment} back: ${result.version} is current again (audit event #${result.auditSeq}).` };
}
