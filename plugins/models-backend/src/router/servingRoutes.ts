import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { reply } from './reply';
import type { RouteContext } from './RouteContext';

/** What a model runs in the serving clusters, against what the registry approved. */
export function servingRoutes({ router, access, serving, observability }: RouteContext) {
  router.get('/models/:namespace/:name/serving', async (req, res) => {
    const model = await (await access.requireModel(req, catalogEntityReadPermission)).model();
    reply(res, 200, await serving.status(model));
  });

  // For the catalog's discovery provider: which objects no visible Model takes is only meaningful with the whole
  // catalog in view, so users (whose view the catalog's permissions may narrow) are refused.
  router.get('/serving/discovered', async (req, res) => {
    const { credentials } = await access.requireCaller(req, { allow: ['service'] });
    reply(res, 200, { items: await serving.discovered(await observability.visibleModels(credentials)) });
  });
}
