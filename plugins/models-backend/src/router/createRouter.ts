import type {
  AuditorService,
  AuthService,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import type { RegistrySyncService } from '../connectors/RegistrySyncService';
import type { ExplorerService } from '../explorer/ExplorerService';
import type { ReviewService } from '../governance/ReviewService';
import type { ObservabilityService } from '../observability/ObservabilityService';
import { createOpenApiRouter } from '../schema/generated/router';
import type { ModelLookup } from '../service/ModelLookup';
import type { RegistryService } from '../service/RegistryService';
import type { ServingService } from '../serving/ServingService';
import type { MetricsSource } from '../slo/sliQueries';
import { createAccess } from './access';
import { auditRoutes } from './auditRoutes';
import { explorerRoutes } from './explorerRoutes';
import { observabilityRoutes } from './observabilityRoutes';
import { promotionRoutes } from './promotionRoutes';
import { registrySyncRoutes } from './registrySyncRoutes';
import { reviewRoutes } from './reviewRoutes';
import { servingRoutes } from './servingRoutes';
import { nameRefusedFields } from './requestErrors';
import { createAudited, reply } from './reply';
import { versionRoutes } from './versionRoutes';

export type RouterOptions = {
  registry: RegistryService;
  reviews: ReviewService;
  observability: ObservabilityService;
  serving: ServingService;
  models: ModelLookup;
  auth: AuthService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** The models explorer's index; its routes exist when it is given. */
  explorer?: ExplorerService;
  /** The importer of outside model registries; its routes exist when it is given. */
  registrySync?: RegistrySyncService;
  /** The serving stack of models without a `modelport.io/metrics-source` annotation. */
  defaultMetricsSource?: MetricsSource;
};

/**
 * The models API: every request is validated against the OpenAPI document before its route runs (a 400 naming
 * the field otherwise), and each area's routes call the services only.
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { registry, reviews, observability, serving, models, auth, httpAuth, userInfo, permissions, auditor, defaultMetricsSource = 'kserve' } = options;
  const router = createOpenApiRouter({
    // Any JSON parses, so that a body of the wrong shape gets the document's message rather than a parser error.
    middleware: [express.json({ limit: '1mb', strict: false })],
    // Backstage's httpAuth authenticates every request (bearer or cookie) before a route runs; the document's
    // security scheme describes that, and the validator's own header check would only answer 400 for a 401.
    validatorOptions: { validateSecurity: false },
  });
  nameRefusedFields(router);
  const context = {
    router,
    access: createAccess({ auth, httpAuth, userInfo, permissions, models }),
    audited: createAudited(auditor),
    registry,
    reviews,
    observability,
    serving,
    defaultMetricsSource,
  };

  router.get('/health', (_req, res) => {
    reply(res, 200, { status: 'ok' as const });
  });
  versionRoutes(context);
  promotionRoutes(context);
  observabilityRoutes(context);
  servingRoutes(context);
  reviewRoutes(context);
  auditRoutes(context);
  if (options.explorer) explorerRoutes(context, options.explorer);
  if (options.registrySync) registrySyncRoutes(context, options.registrySync);
  return router;
}
