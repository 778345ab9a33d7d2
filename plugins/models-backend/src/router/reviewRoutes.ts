import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { modelReviewRecordPermission } from '@modelport/plugin-models-common';
import { reply } from './reply';
import type { RouteContext } from './RouteContext';

/** Periodic reviews of a model: the list with where it stands, and recording one. */
export function reviewRoutes({ router, access, reviews, audited }: RouteContext) {
  router.get('/models/:namespace/:name/reviews', async (req, res) => {
    const target = await access.requireModel(req, catalogEntityReadPermission);
    const model = await target.model();
    const list = await reviews.list(model);
    if (!access.isUser(target)) {
      reply(res, 200, list);
      return;
    }
    const [[allowed], actor] = await Promise.all([access.allowed(target.credentials, [modelReviewRecordPermission], target.ref), target.actor()]);
    const reason = allowed ? reviews.independenceBlocker(model, actor) : `Not allowed: ${modelReviewRecordPermission.name}`;
    reply(res, 200, { ...list, viewer: reason ? { canRecord: false, reason } : { canRecord: true } });
  });

  router.post('/models/:namespace/:name/reviews', async (req, res) => {
    const target = await access.requireModel(req, modelReviewRecordPermission, { allow: ['user'] });
    const [model, actor] = await Promise.all([target.model(), target.actor()]);
    // A rejection blocks the model's promotions where the review-current gate applies: audited above routine.
    const severity = req.body.outcome === 'rejected' ? 'high' : 'medium';
    reply(res, 201, await audited(req, 'model-review-record', severity, () => reviews.record(model, req.body, actor)));
  });
}
