import type { ExplorerService } from '../explorer/ExplorerService';
import { reply } from './reply';
import type { RouteContext } from './RouteContext';

/** The models explorer: a page of the index, and the values its filters offer, each row one the caller may read. */
export function explorerRoutes({ router, access }: RouteContext, explorer: ExplorerService) {
  router.get('/explorer', async (req, res) => {
    const caller = await access.requireCaller(req);
    reply(res, 200, await explorer.page(req.query, { credentials: caller.credentials, ownershipRefs: async () => (await caller.actor()).ownershipRefs }));
  });

  router.get('/explorer/facets', async (req, res) => {
    const { credentials } = await access.requireCaller(req);
    reply(res, 200, await explorer.facets(credentials));
  });
}
