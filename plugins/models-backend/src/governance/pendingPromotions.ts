import {
  type DecisionAllowance,
  type ModelEntityV1alpha1,
  modelPromotionApprovePermission,
  modelPromotionCancelPermission,
  type PendingPromotion,
  type PromotionRequest,
} from '@modelport/plugin-models-common';
import type { ObservabilityService } from '../observability/ObservabilityService';
import type { Access, Caller } from '../router/access';
import type { Actor, RegistryService } from '../service/RegistryService';

/** Whether the actor may decide on the request now, and if not, which rule keeps them from it. */
export function decisionAllowance(registry: RegistryService, canApprove: boolean, model: ModelEntityV1alpha1, request: PromotionRequest, actor: Actor): DecisionAllowance {
  if (!canApprove) return { allowed: false, blocker: 'permission', reason: `Not allowed: ${modelPromotionApprovePermission.name}` };
  const blocker = registry.decisionBlocker(model, request, actor);
  return blocker ? { allowed: false, blocker: blocker.reason, reason: blocker.message } : { allowed: true };
}

/**
 * Every pending promotion of the Models the caller sees, oldest first, with the policy's approvers and, for a user,
 * whether they may decide on it or cancel it now: what awaits them, for the home page and for assistants alike.
 */
export async function pendingPromotionsFor(
  caller: Caller,
  deps: { access: Access; registry: RegistryService; observability: ObservabilityService },
): Promise<PendingPromotion[]> {
  const { access, registry, observability } = deps;
  const pending = await registry.pendingOf(await observability.visibleModels(caller.credentials));
  const items = pending.map(({ request, model, approvalsRequired, approvers }) => ({
    request,
    ...(model.metadata.title ? { modelTitle: model.metadata.title } : {}),
    approvalsRequired,
    approvers,
  }));
  if (!access.isUser(caller)) return items;
  const actor = await caller.actor();
  const refs = [...new Set(pending.map(p => p.request.modelRef))];
  const mine = pending.filter(p => p.request.requestedBy === actor.ref).map(p => p.request.id);
  // Two calls to the permission framework for the whole list: approve on each model, cancel on the caller's own.
  const [approvable, cancellable] = await Promise.all([
    access.allowedOn(caller.credentials, modelPromotionApprovePermission, refs),
    access.allowedOn(caller.credentials, modelPromotionCancelPermission, mine),
  ]);
  const mayApprove = new Set(refs.filter((_, i) => approvable[i]));
  const mayCancel = new Set(mine.filter((_, i) => cancellable[i]));
  return items.map((item, i) => ({
    ...item,
    viewerDecision: decisionAllowance(registry, mayApprove.has(item.request.modelRef), pending[i].model, item.request, actor),
    viewerMayCancel: mayCancel.has(item.request.id),
  }));
}
