import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { reply } from './reply';
import type { RouteContext } from './RouteContext';

/** What a model runs in the serving clusters, against what the registry approved. */
export function servingRoutes({ router, access, serving }: RouteContext) {
  router.get('/models/:namespace/:name/serving', async (req, res) => {
    const model = await (await access.requireModel(req, catalogEntityReadPermission)).model();
    reply(res, 200, await serving.status(model));
  });
}
