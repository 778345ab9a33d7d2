import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { modelVersionRegisterPermission, modelVersionUpdatePermission } from '@modelport/plugin-models-common';
import { reply, replyJson } from './reply';
import type { RouteContext } from './RouteContext';

/** Registering, reading and describing versions. */
export function versionRoutes({ router, access, registry, audited }: RouteContext) {
  router.get('/models/:namespace/:name/versions', async (req, res) => {
    const { ref } = await access.requireModel(req, catalogEntityReadPermission);
    replyJson(res, 200, `{"items":${await registry.versionsJson(ref)}}`);
  });

  router.post('/models/:namespace/:name/versions', async (req, res) => {
    const target = await access.requireModel(req, modelVersionRegisterPermission);
    const [model, actor] = await Promise.all([target.model(), target.actor()]);
    reply(res, 201, await audited(req, 'model-version-register', 'medium', () => registry.registerVersion(model, req.body, actor)));
  });

  router.get('/models/:namespace/:name/versions/:version', async (req, res) => {
    const { ref } = await access.requireModel(req, catalogEntityReadPermission);
    reply(res, 200, await registry.version(ref, req.params.version));
  });

  router.patch('/models/:namespace/:name/versions/:version', async (req, res) => {
    const target = await access.requireModel(req, modelVersionUpdatePermission);
    const [model, actor] = await Promise.all([target.model(), target.actor()]);
    reply(res, 200, await audited(req, 'model-version-update', 'low', () => registry.updateVersion(model, req.params.version, req.body, actor)));
  });
}
