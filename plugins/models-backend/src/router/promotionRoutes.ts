import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  modelPromotionApprovePermission,
  modelPromotionCancelPermission,
  modelPromotionRequestPermission,
  modelRollbackPermission,
  modelVersionRegisterPermission,
} from '@modelport/plugin-models-common';
import { decisionAllowance, pendingPromotionsFor } from '../governance/pendingPromotions';
import { reply } from './reply';
import type { RouteContext } from './RouteContext';

/** The registry state of a model, promotions and their decisions, and rollback. */
export function promotionRoutes({ router, access, registry, observability, audited }: RouteContext) {
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
    const decisions = Object.fromEntries(state.pendingRequests.map(r => [r.id, decisionAllowance(registry, canApprove, model, r, actor)]));
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
    reply(res, 200, { items: await pendingPromotionsFor(await access.requireCaller(req), { access, registry, observability }) });
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
