import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { ExplorerQuery } from '../explorer';
import type { ModelsApiPaths as Paths } from '../schema';
import type { NewModelReview, NewModelVersion, NewPromotionRequest, VersionChange } from './types';

type Method = 'get' | 'post' | 'patch';
type Operation<P extends keyof Paths, M extends Method> = NonNullable<Paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
/** The JSON answer of an operation's success (200 or 201), as the OpenAPI document describes it. */
type Answer<O> = O extends { responses: infer R } ? JsonOf<R[Extract<keyof R, 200 | 201>]> : never;
type BodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type PathOf<O> = O extends { parameters: { path: infer T } } ? T : never;
type Call<O> = { path?: PathOf<O>; query?: QueryOf<O>; body?: BodyOf<O> };

/**
 * A client of the models backend's REST API, typed by the API's OpenAPI document: every path, parameter, body and
 * answer type here is the generated one (scripts/generate-api), so the client cannot drift from the server.
 * Isomorphic: give it Backstage's discovery and an authenticated fetch, from the frontend's `discoveryApi` and
 * `fetchApi` or from a backend's services. Errors of the API are thrown as `ResponseError` with the server's
 * message.
 *
 * @public
 */
export class ModelRegistryClient {
  readonly #discovery: { getBaseUrl(pluginId: string): Promise<string> };
  readonly #fetch: typeof fetch;

  constructor(options: { discoveryApi: { getBaseUrl(pluginId: string): Promise<string> }; fetchApi: { fetch: typeof fetch } }) {
    this.#discovery = options.discoveryApi;
    this.#fetch = (input, init) => options.fetchApi.fetch(input, init);
  }

  async listEnvironments() {
    return (await this.#call('get', '/environments')).items;
  }

  async listVersions(model: CompoundEntityRef) {
    return (await this.#call('get', '/models/{namespace}/{name}/versions', { path: modelPath(model) })).items;
  }

  getVersion(model: CompoundEntityRef, version: string) {
    return this.#call('get', '/models/{namespace}/{name}/versions/{version}', { path: { ...modelPath(model), version } });
  }

  registerVersion(model: CompoundEntityRef, version: NewModelVersion) {
    return this.#call('post', '/models/{namespace}/{name}/versions', { path: modelPath(model), body: version });
  }

  updateVersion(model: CompoundEntityRef, version: string, change: VersionChange) {
    return this.#call('patch', '/models/{namespace}/{name}/versions/{version}', { path: { ...modelPath(model), version }, body: change });
  }

  getRegistryState(model: CompoundEntityRef) {
    return this.#call('get', '/models/{namespace}/{name}/registry', { path: modelPath(model) });
  }

  async getHistory(model: CompoundEntityRef, options?: { at?: Date }) {
    const query = options?.at ? { at: options.at.toISOString() } : {};
    return (await this.#call('get', '/models/{namespace}/{name}/history', { path: modelPath(model), query })).items;
  }

  requestPromotion(model: CompoundEntityRef, body: NewPromotionRequest) {
    return this.#call('post', '/models/{namespace}/{name}/promotions', { path: modelPath(model), body });
  }

  /** What a promotion request would meet now (the registry's preconditions and each gate), without making it. */
  checkPromotion(model: CompoundEntityRef, query: { version: string; environment: string }) {
    return this.#call('get', '/models/{namespace}/{name}/promotions/check', { path: modelPath(model), query });
  }

  decide(requestId: string, decision: 'approve' | 'reject', comment?: string) {
    return this.#call('post', `/promotions/{id}/${decision}`, { path: { id: requestId }, body: comment ? { comment } : {} });
  }

  cancelPromotion(requestId: string) {
    return this.#call('post', '/promotions/{id}/cancel', { path: { id: requestId }, body: {} });
  }

  rollback(model: CompoundEntityRef, environment: string, body: { version: string; reason: string }) {
    return this.#call('post', '/models/{namespace}/{name}/environments/{environment}/rollback', { path: { ...modelPath(model), environment }, body });
  }

  /** Every pending promotion request of the models the caller may see, with what the caller may do about each. */
  async listPendingPromotions() {
    return (await this.#call('get', '/promotions/pending')).items;
  }

  /** The latest versions made current by promotion or rollback across the models the caller may see, newest first. */
  async listEnvironmentChanges(options: { limit?: number } = {}) {
    return (await this.#call('get', '/environments/changes', { query: options })).items;
  }

  /** The model's periodic reviews, newest first, where it stands with them, and whether the caller may record one. */
  listReviews(model: CompoundEntityRef) {
    return this.#call('get', '/models/{namespace}/{name}/reviews', { path: modelPath(model) });
  }

  recordReview(model: CompoundEntityRef, review: NewModelReview) {
    return this.#call('post', '/models/{namespace}/{name}/reviews', { path: modelPath(model), body: review });
  }

  async listAuditEvents(options: { subject?: string; afterSeq?: number; limit?: number; latest?: boolean } = {}) {
    return (await this.#call('get', '/audit', { query: options })).items;
  }

  /** The auditor's report over a range (ISO instants), for one model (its entity ref) or all. */
  getAuditReport(query: { from: string; to: string; model?: string }) {
    return this.#call('get', '/audit/report', { query: { ...query, format: 'json' } });
  }

  /** The auditor's report as a file to save, JSON or CSV, as the server streamed it. */
  async downloadAuditReport(query: { from: string; to: string; model?: string; format: 'json' | 'csv' }): Promise<Blob> {
    return (await this.#send('get', '/audit/report', { query })).blob();
  }

  verifyAuditChain() {
    return this.#call('get', '/audit/verify');
  }

  /** The model's SLO and drift status from the last scheduled evaluation, with its time and staleness. */
  getObservability(model: CompoundEntityRef) {
    return this.#call('get', '/models/{namespace}/{name}/observability', { path: modelPath(model) });
  }

  async getObservabilityHistory(model: CompoundEntityRef, options: { since?: Date } = {}) {
    const query = options.since ? { since: options.since.toISOString() } : {};
    return (await this.#call('get', '/models/{namespace}/{name}/observability/history', { path: modelPath(model), query })).items;
  }

  getLatency(model: CompoundEntityRef, options: { hours?: number } = {}) {
    return this.#call('get', '/models/{namespace}/{name}/observability/latency', { path: modelPath(model), query: { hours: options.hours ?? 24 } });
  }

  /**
   * The Prometheus rules file (YAML text) for a Model given whole, checked as the catalog checks it: for a Model
   * that does not exist yet, such as one a software template is about to create.
   */
  async generateSloRules(model: object): Promise<string> {
    return (await this.#send('post', '/slo-rules', { body: model as never })).text();
  }

  /** What the model runs in each serving cluster, against what the registry approved, from the last collection. */
  getServing(model: CompoundEntityRef) {
    return this.#call('get', '/models/{namespace}/{name}/serving', { path: modelPath(model) });
  }

  /** The InferenceServices no Model entity describes yet (service credentials only): the catalog's discovery reads it. */
  async listDiscoveredServing() {
    return (await this.#call('get', '/serving/discovered')).items;
  }

  /** Every model imported from an outside registry with its link, deleted ones included (service credentials only). */
  async listRegistryModels() {
    return (await this.#call('get', '/registries/models')).items;
  }

  /** The configured outside registries (MLflow, Unity Catalog) and how their syncs went. */
  async listRegistries() {
    return (await this.#call('get', '/registries')).items;
  }

  /** The Model's link to the outside registry it was imported from, its findings and alias writes. */
  getRegistryLink(model: CompoundEntityRef) {
    return this.#call('get', '/models/{namespace}/{name}/registry-link', { path: modelPath(model) });
  }

  /** Runs the connector's sync now. */
  syncRegistry(connector: string) {
    return this.#call('post', '/registries/{connector}/sync', { path: { connector } });
  }

  async listFleet() {
    return (await this.#call('get', '/fleet')).items;
  }

  /** A page of the models explorer: filters, sort and page as the URL of the explorer keeps them. */
  listExplorer(query: ExplorerQuery = {}) {
    return this.#call('get', '/explorer', { query });
  }

  getExplorerFacets() {
    return this.#call('get', '/explorer/facets');
  }

  async #call<P extends keyof Paths, M extends Method>(method: M, template: P, call: Call<Operation<P, M>> = {}): Promise<Answer<Operation<P, M>>> {
    return (await this.#send(method, template, call)).json();
  }

  async #send<P extends keyof Paths, M extends Method>(method: M, template: P, call: Call<Operation<P, M>> = {}): Promise<Response> {
    const pathParams = (call.path ?? {}) as Record<string, string>;
    const path = String(template).replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(pathParams[key]));
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries((call.query ?? {}) as Record<string, unknown>)) {
      // A repeated parameter (`owner=a&owner=b`), as the OpenAPI document's form-exploded arrays are written.
      for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) params.append(key, String(one));
    }
    const baseUrl = await this.#discovery.getBaseUrl('models');
    const response = await this.#fetch(`${baseUrl}${path}${params.size ? `?${params}` : ''}`, {
      method: method.toUpperCase(),
      ...(call.body !== undefined ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(call.body) } : {}),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }
}

function modelPath(model: CompoundEntityRef) {
  return { namespace: model.namespace, name: model.name };
}
