import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  modelPromotionApprovePermission,
  modelPromotionCancelPermission,
  modelPromotionRequestPermission,
  modelRollbackPermission,
  modelVersionRegisterPermission,
  type DecisionAllowance,
  type ModelEntityV1alpha1,
  type PromotionRequest,
} from '@modelport/plugin-models-common';
import type { Actor } from '../service/RegistryService';
import { reply } from './reply';
import type { RouteContext } from './RouteContext';

/** The registry state of a model, promotions and their decisions, and rollback. */
export function promotionRoutes({ router, access, registry, observability, audited }: RouteContext) {
  /** Whether the actor may decide on the request now, and if not, which rule keeps them from it. */
  function allowance(canApprove: boolean, model: ModelEntityV1alpha1, request: PromotionRequest, actor: Actor): DecisionAllowance {
    if (!canApprove) return { allowed: false, blocker: 'permission', reason: `Not allowed: ${modelPromotionApprovePermission.name}` };
    const blocker = registry.decisionBlocker(model, request, actor);
    return blocker ? { allowed: false, blocker: blocker.reason, reason: blocker.message } : { allowed: true };
  }

  router.get('/environments', async (req, res) => {
    await access.requireCaller(req);
    reply(res, 200, { items: registry.environments() });
  });

  router.get('/models/:namespace/:name/registry', async (req, res) => {
    const target = await access.requireModel(req, catalogEntityReadPermission);
    const state = await registry.state(target.ref);
    if (!access.isUser(target)) {
      reply(res, 200, state);
      return;
    }
    const asked = [modelVersionRegisterPermission, modelPromotionRequestPermission, modelPromotionApprovePermission, modelRollbackPermission];
    const [[canRegister, canRequestPromotion, canApprove, canRollback], actor] = await Promise.all([
      access.allowed(target.credentials, asked, target.ref),
      target.actor(),
    ]);
    // The owner decides who may approve, so the policy's `owner` needs the entity.
    const model = await target.model();
    const decisions = Object.fromEntries(state.pendingRequests.map(r => [r.id, allowance(canApprove, model, r, actor)]));
    const mine = state.pendingRequests.filter(r => r.requestedBy === actor.ref);
    const cancellable = await access.allowedOn(target.credentials, modelPromotionCancelPermission, mine.map(r => r.id));
    reply(res, 200, {
      ...state,
      viewer: {
        ref: actor.ref,
        canRegister,
        canRequestPromotion,
        canRollback,
        approves: canApprove ? registry.approverEnvironments(model, actor) : [],
        decisions,
        cancellable: mine.filter((_, i) => cancellable[i]).map(r => r.id),
      },
    });
  });

  router.get('/promotions/pending', async (req, res) => {
    const caller = await access.requireCaller(req);
    const pending = await registry.pendingOf(await observability.visibleModels(caller.credentials));
    const items = pending.map(({ request, model, approvalsRequired, approvers }) => ({
      request,
      ...(model.metadata.title ? { modelTitle: model.metadata.title } : {}),
      approvalsRequired,
      approvers,
    }));
    if (!access.isUser(caller)) {
      reply(res, 200, { items });
      return;
    }
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
    reply(res, 200, {
      items: items.map((item, i) => ({
        ...item,
        viewerDecision: allowance(mayApprove.has(item.request.modelRef), pending[i].model, item.request, actor),
        viewerMayCancel: mayCancel.has(item.request.id),
      })),
    });
  });

  router.get('/environments/changes', async (req, res) => {
    const { credentials } = await access.requireCaller(req);
    reply(res, 200, { items: await registry.recentChanges(await observability.visibleModels(credentials), req.query.limit ?? 10) });
  });

  router.get('/models/:namespace/:name/promotions/check', async (req, res) => {
    const target = await access.requireModel(req, catalogEntityReadPermission);
    reply(res, 200, await registry.checkPromotion(await target.model(), req.query));
  });

  router.get('/models/:namespace/:name/history', async (req, res) => {
    const { ref } = await access.requireModel(req, catalogEntityReadPermission);
    reply(res, 200, { items: await registry.history(ref, req.query.at ? new Date(req.query.at) : undefined) });
  });

  router.post('/models/:namespace/:name/promotions', async (req, res) => {
    const target = await access.requireModel(req, modelPromotionRequestPermission, { allow: ['user'] });
    const [model, actor] = await Promise.all([target.model(), target.actor()]);
    // A gate override is a security-relevant decision: it is audited at high severity.
    const severity = req.body.gateOverride ? 'high' : 'medium';
    reply(res, 201, await audited(req, 'model-promotion-request', severity, () => registry.requestPromotion(model, req.body, actor)));
  });

  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/promotions/:id/${decision}`, async (req, res) => {
      // The request names its model; the caller needs the approve permission on that model.
      const ref = async () => (await registry.request(req.params.id)).modelRef;
      const target = await access.requireModel(req, modelPromotionApprovePermission, { allow: ['user'], ref });
      const [model, actor] = await Promise.all([target.model(), target.actor()]);
      const comment = (req.body as { comment?: string } | undefined)?.comment;
      reply(res, 200, await audited(req, `model-promotion-${decision}`, 'high', () => registry.decide(req.params.id, decision, comment, actor, model)));
    });
  }

  router.post('/promotions/:id/cancel', async (req, res) => {
    const caller = await access.requireCaller(req, { allow: ['user'] });
    await registry.request(req.params.id);
    await access.requirePermission(caller, modelPromotionCancelPermission, req.params.id);
    const actor = await caller.actor();
    reply(res, 200, await audited(req, 'model-promotion-cancel', 'medium', () => registry.cancel(req.params.id, actor)));
  });

  router.post('/models/:namespace/:name/environments/:environment/rollback', async (req, res) => {
    const target = await access.requireModel(req, modelRollbackPermission, { allow: ['user'] });
    const [model, actor] = await Promise.all([target.model(), target.actor()]);
    const input = { ...req.body, environment: req.params.environment };
    reply(res, 200, await audited(req, 'model-environment-rollback', 'critical', () => registry.rollback(model, input, actor)));
  });
}
