import type { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { modelAuditReadPermission } from '@modelport/plugin-models-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { DeliveryStore } from './DeliveryStore';

const query = z.strictObject({
  webhook: z.string().min(1).optional(),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * `GET /webhooks/deliveries` under the models API: each delivery's state (attempts, the last answer or error, when
 * the next attempt is due), newest event first, for whoever may read the audit log. The payload is left out: it is
 * the audit event, which `GET /audit` serves.
 */
export function createDeliveriesRouter(options: { store: DeliveryStore; httpAuth: HttpAuthService; permissions: PermissionsService }) {
  const router = Router();
  router.get('/webhooks/deliveries', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [decision] = await options.permissions.authorize([{ permission: modelAuditReadPermission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`Not allowed: ${modelAuditReadPermission.name}`);
    const parsed = query.safeParse(req.query);
    if (!parsed.success) throw new InputError(`Invalid request: ${parsed.error.issues.map(i => `query.${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const items = await options.store.list(parsed.data);
    res.json({ items: items.map(({ payload: _payload, ...delivery }) => delivery) });
  });
  return router as express.Router;
}
