import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { modelRegistrySyncPermission } from '@modelport/plugin-models-common';
import type { RegistrySyncService } from '../connectors/RegistrySyncService';
import { reply } from './reply';
import type { RouteContext } from './RouteContext';

/** The outside registries (MLflow, Unity Catalog): how their syncs went, their links, a model's link, a sync now. */
export function registrySyncRoutes({ router, access, audited }: RouteContext, registrySync: RegistrySyncService) {
  router.get('/registries', async (req, res) => {
    await access.requireCaller(req);
    reply(res, 200, { items: await registrySync.statuses() });
  });

  // For the catalog's registries provider, which offers every link as a Model: the whole set, deleted ones too.
  router.get('/registries/models', async (req, res) => {
    await access.requireCaller(req, { allow: ['service'] });
    reply(res, 200, { items: await registrySync.links() });
  });

  router.post('/registries/:connector/sync', async (req, res) => {
    await access.requireCaller(req, { permission: modelRegistrySyncPermission });
    reply(res, 200, await audited(req, 'model-registry-sync', 'medium', () => registrySync.sync(req.params.connector)));
  });

  router.get('/models/:namespace/:name/registry-link', async (req, res) => {
    const target = await access.requireModel(req, catalogEntityReadPermission);
    reply(res, 200, await registrySync.linkOf(target.ref));
  });
}
