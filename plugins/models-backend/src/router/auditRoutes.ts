import { modelAuditReadPermission } from '@modelport/plugin-models-common';
import { reply } from './reply';
import type { RouteContext } from './RouteContext';

/** The hash-chained audit log: its events, and the verification of the chain. */
export function auditRoutes({ router, access, registry, audited }: RouteContext) {
  router.get('/audit', async (req, res) => {
    await access.requireCaller(req, { permission: modelAuditReadPermission });
    const { subject, afterSeq, limit = 200, latest } = req.query;
    reply(res, 200, { items: await registry.auditTrail({ subject, afterSeq, limit, latest }) });
  });

  router.get('/audit/verify', async (req, res) => {
    await access.requireCaller(req, { permission: modelAuditReadPermission });
    reply(res, 200, await audited(req, 'model-audit-verify', 'low', () => registry.verifyAuditTrail()));
  });
}
