import type {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  AuthService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult, type ResourcePermission } from '@backstage/plugin-permission-common';
import {
  isModelEntity,
  modelAuditReadPermission,
  type ModelEntityV1alpha1,
  modelPromotionApprovePermission,
  modelPromotionCancelPermission,
  modelPromotionRequestPermission,
  modelRollbackPermission,
  modelVersionRegisterPermission,
  modelVersionUpdatePermission,
} from '@modelport/plugin-models-common';
import express, { type Request, type Response } from 'express';
import Router from 'express-promise-router';
import { LRUCache } from 'lru-cache';
import type { Knex } from 'knex';
import { z } from 'zod';
import yaml from 'js-yaml';
import { verifyAuditChain } from '../audit/verifyAuditChain';
import type { ObservabilityService } from '../observability/ObservabilityService';
import { type MetricsSource, metricsSourceOf } from '../slo/sliQueries';
import { generateSloRules } from '../slo/sloRules';
import { type Actor, type RegistryService, refOf } from '../service/RegistryService';
import type { ModelRegistryStore } from '../store/ModelRegistryStore';

const name = z.string().trim().min(1).max(200);
const text = z.string().max(10_000);

/** Cumulative histogram buckets as Prometheus exports them: increasing bounds ending at +Inf, counts not falling. */
const buckets = z
  .array(z.strictObject({ le: z.union([z.number().finite(), z.literal('+Inf')]), count: z.number().finite().min(0) }))
  .min(2)
  .max(200)
  .superRefine((list, ctx) => {
    const bounds = list.map(b => (b.le === '+Inf' ? Infinity : b.le));
    if (bounds.at(-1) !== Infinity) ctx.addIssue({ code: 'custom', message: 'the last bucket must be le "+Inf"' });
    if (bounds.some((b, i) => i > 0 && !(b > bounds[i - 1]))) ctx.addIssue({ code: 'custom', message: 'bucket bounds must increase' });
    if (list.some((b, i) => i > 0 && b.count < list[i - 1].count)) ctx.addIssue({ code: 'custom', message: 'cumulative counts must not fall' });
    if (!(list.at(-1)!.count > 0)) ctx.addIssue({ code: 'custom', message: 'the histogram is empty' });
  });

const versionProfile = z.strictObject({
  features: z
    .record(name, z.union([z.strictObject({ buckets }), z.strictObject({ categories: z.record(name, z.number().finite().min(0)) })]))
    .refine(f => Object.keys(f).length <= 500, 'at most 500 features'),
});

export const schemas = {
  registerVersion: z.strictObject({
    version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/, 'letters, digits, dots, dashes, underscores or plus signs, at most 100'),
    artifactUri: z.string().trim().min(1).max(2000),
    framework: name,
    metrics: z.record(name, z.number().finite()).default({}),
    parameters: z.record(name, z.string().max(2000)).default({}),
    sourceRunUrl: z.url().max(2000).optional(),
    signature: z
      .strictObject({
        inputs: z.array(z.strictObject({ name, type: name })),
        outputs: z.array(z.strictObject({ name, type: name })),
      })
      .optional(),
    profile: versionProfile.optional(),
    description: text.optional(),
    tags: z.array(name).max(50).optional(),
  }),
  updateVersion: z
    .strictObject({ description: text.optional(), tags: z.array(name).max(50).optional() })
    .refine(body => body.description !== undefined || body.tags !== undefined, 'give description or tags; nothing else of a version can change'),
  requestPromotion: z.strictObject({
    version: name,
    environment: name,
    comment: text.optional(),
    gateOverride: z.strictObject({ reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(10_000) }).optional(),
  }),
  decision: z.strictObject({ comment: text.optional() }),
  rollback: z.strictObject({ version: name, reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(10_000) }),
  historyQuery: z.strictObject({ at: z.iso.datetime({ offset: true }).optional() }),
  observabilityHistoryQuery: z.strictObject({ since: z.iso.datetime({ offset: true }).optional() }),
  latencyQuery: z.strictObject({ hours: z.coerce.number().int().min(1).max(24 * 30).default(24) }),
  auditQuery: z.strictObject({
    subject: name.optional(),
    afterSeq: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  }),
};

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value === undefined ? {} : value);
  if (!result.success) {
    const problems = result.error.issues.map(issue => {
      const path = issue.path.join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    throw new InputError(`Invalid ${what}: ${problems.join('; ')}`);
  }
  return result.data;
}

/**
 * Writes a JSON body the way the catalog writes entities: without Express' ETag, whose hash of every body cost the
 * read endpoints a measurable share of their throughput (docs/benchmarks.md).
 */
function reply(res: Response, status: number, body: unknown) {
  replyJson(res, status, JSON.stringify(body));
}

function replyJson(res: Response, status: number, json: string) {
  res.status(status).setHeader('content-type', 'application/json; charset=utf-8');
  res.end(json);
}

export type RouterOptions = {
  service: RegistryService;
  store: ModelRegistryStore;
  knex: Knex;
  catalog: CatalogService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** The serving stack of models without a `modelport.io/metrics-source` annotation. */
  defaultMetricsSource?: MetricsSource;
  observability: ObservabilityService;
};

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { service, store, knex, catalog, auth, httpAuth, userInfo, permissions, auditor, observability, defaultMetricsSource = 'kserve' } = options;
  const router = Router();
  // Any JSON parses, so that a body of the wrong shape gets the schema's message rather than a parser error.
  router.use(express.json({ limit: '1mb', strict: false }));

  async function actorOf(credentials: BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>): Promise<Actor> {
    if (auth.isPrincipal(credentials, 'user')) {
      const info = await userInfo.getUserInfo(credentials);
      return { ref: info.userEntityRef, ownershipRefs: info.ownershipEntityRefs };
    }
    return { ref: `service:${(credentials.principal as BackstageServicePrincipal).subject}`, ownershipRefs: [] };
  }

  const modelRefOf = (ref: { namespace: string; name: string }) =>
    // toLowerCase is what toLocaleLowerCase('en-US') does, without the locale lookup that showed in profiles.
    `model:${ref.namespace}/${ref.name}`.toLowerCase();

  // Reads look the model up in the catalog with the caller's credentials (so catalog visibility applies) and keep
  // the answer for a few seconds per caller; every mutation looks it up afresh.
  const modelLookups = new LRUCache<string, ModelEntityV1alpha1>({ max: 20_000, ttl: 10_000 });

  async function loadModel(ref: { namespace: string; name: string }, credentials: BackstageCredentials, lookup?: { fresh?: boolean }) {
    const entityRef = modelRefOf(ref);
    const principal = credentials.principal as { userEntityRef?: string; subject?: string };
    const key = `${principal.userEntityRef ?? principal.subject ?? 'none'}|${entityRef}`;
    const cached = lookup?.fresh ? undefined : modelLookups.get(key);
    if (cached) return cached;
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity || !isModelEntity(entity)) throw new NotFoundError(`No Model ${entityRef} in the catalog`);
    modelLookups.set(key, entity);
    return entity;
  }

  /**
   * Reads need no catalog round trip: the caller must be allowed to read the Model entity (the catalog's own
   * permission, answered 404 when denied, as the catalog does), and the answer comes from the registry's tables.
   */
  async function readableModelRef(ref: { namespace: string; name: string }, credentials: BackstageCredentials) {
    const entityRef = modelRefOf(ref);
    const [decision] = await permissions.authorize([{ permission: catalogEntityReadPermission, resourceRef: entityRef }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) throw new NotFoundError(`No Model ${entityRef} in the catalog`);
    return entityRef;
  }

  async function authorize(permission: ResourcePermission<'catalog-entity'>, model: ModelEntityV1alpha1, credentials: BackstageCredentials) {
    const ref = refOf(model);
    const [decision] = await permissions.authorize([{ permission, resourceRef: ref }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name} on ${ref}`);
    }
  }

  async function audited<T>(
    req: Request,
    eventId: string,
    severityLevel: AuditorServiceEventSeverityLevel,
    action: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({ eventId, severityLevel, request: req, meta: { ...req.params } });
    try {
      const result = await action();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/health', (_req, res) => {
    reply(res, 200, { status: 'ok' });
  });

  router.get('/environments', async (req, res) => {
    await httpAuth.credentials(req);
    reply(res, 200, { items: service.environments() });
  });

  router.get('/models/:namespace/:name/versions', async (req, res) => {
    const modelRef = await readableModelRef(req.params, await httpAuth.credentials(req));
    replyJson(res, 200, `{"items":${await store.listVersionsJson(modelRef)}}`);
  });

  router.post('/models/:namespace/:name/versions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const model = await loadModel(req.params, credentials, { fresh: true });
    const body = parse(schemas.registerVersion, req.body, 'version');
    await authorize(modelVersionRegisterPermission, model, credentials);
    const actor = await actorOf(credentials);
    const version = await audited(req, 'model-version-register', 'medium', () => service.registerVersion(model, body, actor));
    reply(res, 201, version);
  });

  router.get('/models/:namespace/:name/versions/:version', async (req, res) => {
    const modelRef = await readableModelRef(req.params, await httpAuth.credentials(req));
    const version = await store.getVersion(modelRef, req.params.version);
    if (!version) throw new NotFoundError(`Version ${req.params.version} of ${modelRef} is not registered`);
    reply(res, 200, version);
  });

  router.patch('/models/:namespace/:name/versions/:version', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const model = await loadModel(req.params, credentials, { fresh: true });
    const body = parse(schemas.updateVersion, req.body, 'version change');
    await authorize(modelVersionUpdatePermission, model, credentials);
    const actor = await actorOf(credentials);
    reply(res, 200, await audited(req, 'model-version-update', 'low', () => service.updateVersion(model, req.params.version, body, actor)));
  });

  router.get('/models/:namespace/:name/registry', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const resourceRef = await readableModelRef(req.params, credentials);
    const state = await service.state(resourceRef);
    if (!auth.isPrincipal(credentials, 'user')) {
      reply(res, 200, state);
      return;
    }
    const [register, request, approve, rollback] = await permissions.authorize(
      [modelVersionRegisterPermission, modelPromotionRequestPermission, modelPromotionApprovePermission, modelRollbackPermission].map(
        permission => ({ permission, resourceRef }),
      ),
      { credentials },
    );
    const actor = await actorOf(credentials);
    const allowed = (d: { result: AuthorizeResult }) => d.result === AuthorizeResult.ALLOW;
    // The owner decides who may approve; the entity is needed only when something is pending.
    const model = state.pendingRequests.length ? await loadModel(req.params, credentials) : undefined;
    const decisions = Object.fromEntries(
      state.pendingRequests.map(r => {
        if (!allowed(approve)) return [r.id, { allowed: false, reason: `Not allowed: ${modelPromotionApprovePermission.name}` }];
        const blocker = service.decisionBlocker(model!, r, actor);
        return [r.id, blocker ? { allowed: false, reason: blocker.message } : { allowed: true }];
      }),
    );
    const mine = state.pendingRequests.filter(r => r.requestedBy === actor.ref);
    const cancelDecisions = mine.length
      ? await permissions.authorize(mine.map(r => ({ permission: modelPromotionCancelPermission, resourceRef: r.id })), { credentials })
      : [];
    reply(res, 200, {
      ...state,
      viewer: {
        canRegister: allowed(register),
        canRequestPromotion: allowed(request),
        canRollback: allowed(rollback),
        decisions,
        cancellable: mine.filter((_, i) => allowed(cancelDecisions[i])).map(r => r.id),
      },
    });
  });

  router.get('/models/:namespace/:name/history', async (req, res) => {
    const modelRef = await readableModelRef(req.params, await httpAuth.credentials(req));
    const query = parse(schemas.historyQuery, req.query, 'query');
    reply(res, 200, { items: await service.history(modelRef, query.at ? new Date(query.at) : undefined) });
  });

  router.post('/models/:namespace/:name/promotions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const model = await loadModel(req.params, credentials, { fresh: true });
    const body = parse(schemas.requestPromotion, req.body, 'promotion request');
    await authorize(modelPromotionRequestPermission, model, credentials);
    const actor = await actorOf(credentials);
    // A gate override is a security-relevant decision: it is audited at high severity.
    const severity = body.gateOverride ? 'high' : 'medium';
    const result = await audited(req, 'model-promotion-request', severity, () => service.requestPromotion(model, body, actor));
    reply(res, 201, result);
  });

  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/promotions/:id/${decision}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const body = parse(schemas.decision, req.body, 'decision');
      const request = await store.getRequest(req.params.id);
      if (!request) throw new NotFoundError(`Promotion request ${req.params.id} does not exist`);
      const [namespace, modelName] = request.modelRef.replace(/^model:/, '').split('/');
      const model = await loadModel({ namespace, name: modelName }, credentials, { fresh: true });
      await authorize(modelPromotionApprovePermission, model, credentials);
      const actor = await actorOf(credentials);
      const result = await audited(req, `model-promotion-${decision}`, 'high', () =>
        service.decide(request.id, decision, body.comment, actor, async () => model),
      );
      reply(res, 200, result);
    });
  }

  router.post('/promotions/:id/cancel', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    parse(schemas.decision, req.body, 'cancellation');
    if (!(await store.getRequest(req.params.id))) throw new NotFoundError(`Promotion request ${req.params.id} does not exist`);
    const [decision] = await permissions.authorize([{ permission: modelPromotionCancelPermission, resourceRef: req.params.id }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`Not allowed: ${modelPromotionCancelPermission.name}`);
    const actor = await actorOf(credentials);
    reply(res, 200, await audited(req, 'model-promotion-cancel', 'medium', () => service.cancel(req.params.id, actor)));
  });

  router.post('/models/:namespace/:name/environments/:environment/rollback', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const model = await loadModel(req.params, credentials, { fresh: true });
    const body = parse(schemas.rollback, req.body, 'rollback');
    await authorize(modelRollbackPermission, model, credentials);
    const actor = await actorOf(credentials);
    const result = await audited(req, 'model-environment-rollback', 'critical', () =>
      service.rollback(model, { ...body, environment: req.params.environment }, actor),
    );
    reply(res, 200, result);
  });

  router.get('/audit', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query = parse(schemas.auditQuery, req.query, 'query');
    await authorizeAuditRead(credentials);
    reply(res, 200, { items: await store.listAuditEvents(query) });
  });

  router.get('/models/:namespace/:name/slo-rules', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await readableModelRef(req.params, credentials);
    const model = await loadModel(req.params, credentials);
    const rules = generateSloRules(model, metricsSourceOf(model, defaultMetricsSource));
    res.status(200).setHeader('content-type', 'application/yaml; charset=utf-8');
    res.end(yaml.dump(rules, { lineWidth: -1 }));
  });

  router.get('/models/:namespace/:name/observability', async (req, res) => {
    const modelRef = await readableModelRef(req.params, await httpAuth.credentials(req));
    reply(res, 200, await observability.status(modelRef));
  });

  router.get('/models/:namespace/:name/observability/history', async (req, res) => {
    const modelRef = await readableModelRef(req.params, await httpAuth.credentials(req));
    const query = parse(schemas.observabilityHistoryQuery, req.query, 'query');
    const since = query.since ? new Date(query.since) : new Date(Date.now() - 7 * 86_400_000);
    reply(res, 200, { items: await observability.history(modelRef, since) });
  });

  router.get('/models/:namespace/:name/observability/latency', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await readableModelRef(req.params, credentials);
    const query = parse(schemas.latencyQuery, req.query, 'query');
    reply(res, 200, await observability.latency(await loadModel(req.params, credentials), query.hours));
  });

  router.get('/fleet', async (req, res) => {
    reply(res, 200, { items: await observability.fleet(await httpAuth.credentials(req)) });
  });

  router.get('/audit/verify', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await authorizeAuditRead(credentials);
    const verification = await audited(req, 'model-audit-verify', 'low', () => verifyAuditChain(knex));
    reply(res, 200, verification);
  });

  async function authorizeAuditRead(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorize([{ permission: modelAuditReadPermission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`Not allowed: ${modelAuditReadPermission.name}`);
  }

  return router;
}

