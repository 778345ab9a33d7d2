import type { createOpenApiRouter } from '../schema/generated/router';
import type { ObservabilityService } from '../observability/ObservabilityService';
import type { ReviewService } from '../governance/ReviewService';
import type { RegistryService } from '../service/RegistryService';
import type { ServingService } from '../serving/ServingService';
import type { MetricsSource } from '../slo/sliQueries';
import type { Access } from './access';
import type { Audited } from './reply';

/** The router typed by the OpenAPI document: each route's params, query, body and answer are the document's. */
export type ModelsApiRouter = ReturnType<typeof createOpenApiRouter>;

/** What every area's routes get: the typed router, the access helper, the services, and the auditor wrapper. */
export type RouteContext = {
  router: ModelsApiRouter;
  access: Access;
  audited: Audited;
  registry: RegistryService;
  reviews: ReviewService;
  observability: ObservabilityService;
  serving: ServingService;
  defaultMetricsSource: MetricsSource;
};
