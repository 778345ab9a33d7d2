import { createHash } from 'node:crypto';
import http from 'node:http';
import { listenHttp } from '@internal/test-fixtures';
import { compileFilter, FilterError, type CompiledFilter } from './filter';
import type {
  KubeflowArtifact,
  KubeflowModelVersion,
  KubeflowRegisteredModel,
  MlflowExperiment,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
  ServingEndpoint,
  UcModelVersion,
  UcRegisteredModel,
} from './wire';

/** What a sandbox registry holds; change it with `set` or `update` while the server runs. */
export type RegistryState = {
  /** The only bearer token the server accepts; any other, or none, gets 401 with the platform's error body. */
  token: string;
  mlflow: {
    models: MlflowRegisteredModel[];
    versions: MlflowModelVersion[];
    runs: MlflowRun[];
    /**
     * Experiments with a name, tags or a lifecycle of their own; an experiment a run names that is not here is
     * answered too, active and named `experiment-<id>`.
     */
    experiments?: MlflowExperiment[];
  };
  unityCatalog: {
    models: UcRegisteredModel[];
    versions: UcModelVersion[];
    /** The server-configured page length Unity Catalog caps `max_results` at (1000 for model lists, as of 2024). */
    pageLength?: number;
  };
  servingEndpoints: ServingEndpoint[];
  /** A Kubeflow Model Registry (REST API v1alpha3, under /api/model_registry/v1alpha3). */
  kubeflow: {
    models: KubeflowRegisteredModel[];
    versions: KubeflowModelVersion[];
    artifacts: KubeflowArtifact[];
    /** The page length pageSize is capped at: 100, ML Metadata's upper bound, which the registry's lists inherit. */
    pageLength?: number;
  };
};

/** How the server misbehaves, on purpose. */
export type RegistryFaults = {
  /** Pathname to how many of its next requests are answered 500 INTERNAL_ERROR. */
  failNext: Record<string, number>;
  /** Every answer waits this long; a client's timeout can be tested against it. */
  delayMs: number;
  /** Every listing's first page comes back empty with a next page token, as Unity Catalog's may. */
  emptyFirstPage: boolean;
};

export type SandboxRequest = { method: string; path: string; query: Record<string, string>; authorized: boolean; body?: unknown };

export type MlflowSandbox = {
  url: string;
  /** Every request received, in order. */
  requests: SandboxRequest[];
  /** The state as the server reads it now. */
  readonly state: RegistryState;
  /** Replaces parts of the state (with copies of them). */
  set(change: Partial<RegistryState>): void;
  /** Changes the state in place. */
  update(change: (state: RegistryState) => void): void;
  /** Answers the next `times` requests of `path` (a pathname such as /api/2.0/mlflow/model-versions/search) with 500. */
  fail(path: string, times?: number): void;
  /** Delays every answer by `ms` (0 stops it). */
  delay(ms: number): void;
  /** Starts (or stops) answering each listing's first page empty, with a next_page_token. */
  emptyPages(on?: boolean): void;
  /**
   * Deletes a registered model and its versions: an MLflow or Kubeflow name, or a Unity Catalog full name
   * (catalog.schema.model). It is gone from listings, and reading it answers 404.
   */
  deleteModel(name: string): void;
  close(): Promise<void>;
};

/**
 * MLflow's limits (mlflow/store/model_registry/__init__.py; SEARCH_MAX_RESULTS_DEFAULT and _THRESHOLD of
 * mlflow/store/tracking/__init__.py for runs and experiments): above them, 400 INVALID_PARAMETER_VALUE.
 */
const MLFLOW_LIMITS = {
  models: { default: 100, max: 1000 },
  versions: { default: 10_000, max: 200_000 },
  experiments: { default: 1000, max: 50_000 },
  runs: { default: 1000, max: 50_000 },
};

/** MLflow's ViewType, which proto JSON writes by name or by number. */
const VIEW_TYPES: Record<string, 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL'> = { ACTIVE_ONLY: 'ACTIVE_ONLY', DELETED_ONLY: 'DELETED_ONLY', ALL: 'ALL', 1: 'ACTIVE_ONLY', 2: 'DELETED_ONLY', 3: 'ALL' };
const inView = (view: string, lifecycleStage = 'active') => view === 'ALL' || (view === 'DELETED_ONLY') === (lifecycleStage === 'deleted');
/** A page token's listing name for a search whose parameters are long (a thousand run ids): a digest of them. */
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);

type Answer = { status: number; body: unknown };
const ok = (body: unknown): Answer => ({ status: 200, body });
const error = (status: number, code: string, message: string): Answer => ({ status, body: { error_code: code, message } });
const notFound = (message: string) => error(404, 'RESOURCE_DOES_NOT_EXIST', message);
const invalid = (message: string) => error(400, 'INVALID_PARAMETER_VALUE', message);

const KUBEFLOW = '/api/model_registry/v1alpha3';
/** Kubeflow Model Registry's Error body: `{ code, message }` (lib/common.yaml), the status as the code. */
const kfError = (status: number, message: string): Answer => ({ status, body: { code: String(status), message } });

type PageToken = { list: string; offset: number };

/**
 * A local server that answers the MLflow registry, Unity Catalog model, Databricks Model Serving and Kubeflow Model
 * Registry paths Modelport calls, in their wire format: paged searches and lists (page_token and max_results, or
 * Kubeflow's nextPageToken and pageSize, with each platform's limit),
 * aliases, runs, serving endpoints, the platforms' JSON error bodies, bearer-token checks, and faults set on
 * purpose (500s, slow answers, empty pages, deleted models). No MLflow, Databricks or Kubeflow runs on these machines.
 */
/**
 * Lookups by key over one of the state's arrays, built again when the array is replaced or changes length: a
 * benchmark's registry holds 100,000 versions and runs, which a search per request would make the server's own
 * cost, not the client's. (An element renamed in place would be missed; tests replace or push, never rename.)
 */
function indexed<T>() {
  const cache = new WeakMap<T[], { length: number; byKey: Map<string, T[]> }>();
  return (items: T[], key: (item: T) => string): Map<string, T[]> => {
    const hit = cache.get(items);
    if (hit && hit.length === items.length) return hit.byKey;
    const byKey = new Map<string, T[]>();
    for (const item of items) {
      const k = key(item);
      const list = byKey.get(k);
      if (list) list.push(item);
      else byKey.set(k, [item]);
    }
    cache.set(items, { length: items.length, byKey });
    return byKey;
  };
}

export async function startMlflowSandbox(initial: Partial<RegistryState> & { token: string }, options: { port?: number; host?: string } = {}): Promise<MlflowSandbox> {
  let state: RegistryState = {
    mlflow: { models: [], versions: [], runs: [] },
    unityCatalog: { models: [], versions: [] },
    servingEndpoints: [],
    kubeflow: { models: [], versions: [], artifacts: [] },
    // A copy: alias writes and deletions change the server's state, never the caller's objects.
    ...structuredClone(initial),
  };
  const faults: RegistryFaults = { failNext: {}, delayMs: 0, emptyFirstPage: false };
  const requests: SandboxRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  /**
   * A page of `all` from the request's page token (`page_token` in the query or a POST body, or Kubeflow's
   * `nextPageToken`); `list` names the listing so that a token of another is refused.
   */
  function page<T>(all: T[], raw: unknown, list: string, maxResults: number, kubeflow = false): Answer | { items: T[]; next?: string } {
    const refuse = (message: string) => (kubeflow ? kfError(400, message) : invalid(message));
    let from: PageToken = { list, offset: 0 };
    if (raw) {
      try {
        from = JSON.parse(Buffer.from(String(raw), 'base64url').toString('utf8'));
      } catch {
        return refuse(`Invalid page token: ${raw}`);
      }
      if (from.list !== list || !Number.isInteger(from.offset)) return refuse('Invalid page token: it belongs to another search');
    }
    const token = (offset: number) => Buffer.from(JSON.stringify({ list, offset } satisfies PageToken)).toString('base64url');
    if (!raw && faults.emptyFirstPage) return { items: [], next: token(0) };
    const end = Math.min(all.length, from.offset + maxResults);
    return { items: all.slice(from.offset, end), next: end < all.length ? token(end) : undefined };
  }

  /** max_results from the query or a POST body, within MLflow's limits for the search. */
  const maxResultsOf = (raw: unknown, limits: { default: number; max: number }): number | Answer => {
    if (raw === null || raw === undefined) return limits.default;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) return invalid(`Invalid value ${raw} for parameter 'max_results' supplied. It must be a positive integer.`);
    if (n > limits.max) return invalid(`Invalid value ${raw} for parameter 'max_results' supplied. It must be at most ${limits.max}, but got value ${n}`);
    return n;
  };

  /** Unity Catalog caps max_results at its server-configured page length rather than refusing it; 0 means that length. */
  const ucPageLength = (url: URL, fallback: number): number | Answer => {
    const limit = state.unityCatalog.pageLength ?? 1000;
    const raw = url.searchParams.get('max_results');
    if (raw === null) return Math.min(fallback, limit);
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) return invalid(`max_results must be greater than or equal to 0, got ${raw}`);
    return n === 0 ? limit : Math.min(n, limit);
  };

  const byName = indexed<MlflowRegisteredModel>();
  const versionsByName = indexed<MlflowModelVersion>();
  const runsById = indexed<MlflowRun>();
  const runsByExperiment = indexed<MlflowRun>();
  /** The experiments: those of the state, and one for each other experiment a run names. */
  const mlflowExperiments = (): MlflowExperiment[] => {
    const own = state.mlflow.experiments ?? [];
    const known = new Set(own.map(e => e.experiment_id));
    const named = [...runsByExperiment(state.mlflow.runs, r => r.info.experiment_id).keys()].filter(id => !known.has(id));
    const derived = named.map((id): MlflowExperiment => ({ experiment_id: id, name: `experiment-${id}`, lifecycle_stage: 'active', artifact_location: `mlflow-artifacts:/${id}` }));
    return [...own, ...derived].sort((a, b) => a.experiment_id.localeCompare(b.experiment_id, 'en', { numeric: true }));
  };
  const viewOf = (raw: unknown, parameter: string): string | Answer => {
    if (raw === undefined || raw === null) return 'ACTIVE_ONLY';
    return VIEW_TYPES[String(raw)] ?? invalid(`Invalid value ${JSON.stringify(raw)} for parameter '${parameter}' supplied.`);
  };
  const filterOf = (raw: unknown, keys: string[]): CompiledFilter | Answer => {
    if (raw !== undefined && raw !== null && typeof raw !== 'string') return invalid(`Invalid value ${JSON.stringify(raw)} for parameter 'filter' supplied.`);
    try {
      return compileFilter(raw as string | undefined, keys, { attributePrefix: true });
    } catch (e) {
      if (e instanceof FilterError) return invalid(e.message);
      throw e;
    }
  };
  const ucByFullName = indexed<UcRegisteredModel>();
  const ucVersionsByFullName = indexed<UcModelVersion>();
  const ucFullName = (v: { catalog_name: string; schema_name: string; model_name: string }) => `${v.catalog_name}.${v.schema_name}.${v.model_name}`;
  // MLflow's default order of versions (name ascending, then version descending), kept until the versions change.
  const sortedCache = new WeakMap<MlflowModelVersion[], { length: number; sorted: MlflowModelVersion[] }>();
  const sortedVersions = (versions: MlflowModelVersion[]) => {
    const hit = sortedCache.get(versions);
    if (hit && hit.length === versions.length) return hit.sorted;
    const nameOrder = (a: MlflowModelVersion, b: MlflowModelVersion) => Number(a.name > b.name) - Number(a.name < b.name);
    const sorted = [...versions].sort((a, b) => nameOrder(a, b) || Number(b.version) - Number(a.version));
    sortedCache.set(versions, { length: versions.length, sorted });
    return sorted;
  };
  const mlflowModelNamed = (name: string | null) => byName(state.mlflow.models, m => m.name).get(name ?? '')?.[0];
  const mlflowVersion = (v: MlflowModelVersion) => {
    const aliases = mlflowModelNamed(v.name)?.aliases?.filter(a => a.version === v.version).map(a => a.alias) ?? [];
    return { current_stage: 'None', ...v, aliases };
  };
  const mlflowModel = (m: MlflowRegisteredModel) => {
    const versions = versionsByName(state.mlflow.versions, v => v.name).get(m.name) ?? [];
    const latest = new Map<string, MlflowModelVersion>();
    for (const v of versions) {
      const stage = v.current_stage ?? 'None';
      if (!latest.has(stage) || Number(latest.get(stage)!.version) < Number(v.version)) latest.set(stage, v);
    }
    return { ...m, latest_versions: [...latest.values()].map(v => mlflowVersion(v)) };
  };
  const ucVersion = (v: UcModelVersion) => {
    const model = ucByFullName(state.unityCatalog.models, m => m.full_name).get(ucFullName(v))?.[0];
    return { ...v, aliases: model?.aliases?.filter(a => a.version_num === v.version) ?? [] };
  };

  /**
   * A Kubeflow list: pageSize (a string of digits, as the API's pattern ^[1-9][0-9]{0,8}$ says) capped at the page
   * length, ordered by orderBy (ID, CREATE_TIME, LAST_UPDATE_TIME; by ID when absent) in sortOrder, which is DESC
   * when orderBy is given without it (the registry's BuildListOperationOptions), answered as a BaseResourceList.
   */
  function kfList<T extends { id: string; createTimeSinceEpoch: string; lastUpdateTimeSinceEpoch: string }>(all: T[], url: URL, list: string, view: (item: T) => unknown = i => i): Answer {
    const rawSize = url.searchParams.get('pageSize');
    if (rawSize !== null && !/^[1-9][0-9]{0,8}$/.test(rawSize)) return kfError(400, `invalid pageSize: ${rawSize}`);
    const size = Math.min(Number(rawSize ?? 100), state.kubeflow.pageLength ?? 100);
    const orderBy = url.searchParams.get('orderBy');
    const sortOrder = url.searchParams.get('sortOrder') ?? (orderBy ? 'DESC' : 'ASC');
    const field = { ID: 'id', CREATE_TIME: 'createTimeSinceEpoch', LAST_UPDATE_TIME: 'lastUpdateTimeSinceEpoch' }[orderBy ?? 'ID'] as keyof T | undefined;
    if (!field || !['ASC', 'DESC'].includes(sortOrder)) return kfError(400, `invalid orderBy or sortOrder: ${orderBy} ${sortOrder}`);
    const sorted = [...all].sort((a, b) => (Number(a[field]) - Number(b[field]) || Number(a.id) - Number(b.id)) * (sortOrder === 'DESC' ? -1 : 1));
    const p = page(sorted, url.searchParams.get('nextPageToken'), `${list}:${orderBy}:${sortOrder}`, size, true);
    if ('status' in p) return p;
    return ok({ items: p.items.map(view), nextPageToken: p.next ?? '', pageSize: size, size: p.items.length });
  }

  function kubeflowRoute(method: string, url: URL): Answer {
    const path = url.pathname.slice(KUBEFLOW.length);
    const kf = state.kubeflow;
    if (method !== 'GET') return kfError(405, `${method} is not answered by the sandbox`);
    if (path === '/registered_models') return kfList(kf.models, url, 'kf-models');
    if (path === '/registered_model') {
      const found = kf.models.find(m => m.name === url.searchParams.get('name'));
      return found ? ok(found) : kfError(404, `no registered model found for name=${url.searchParams.get('name')}`);
    }
    if (path === '/model_versions') return kfList(kf.versions, url, 'kf-versions');
    const versions = path.match(/^\/registered_models\/([^/]+)\/versions$/);
    if (versions) {
      const id = decodeURIComponent(versions[1]);
      if (!kf.models.some(m => m.id === id)) return kfError(404, `no registered model found for id ${id}`);
      return kfList(kf.versions.filter(v => v.registeredModelId === id), url, `kf-versions:${id}`);
    }
    const artifacts = path.match(/^\/model_versions\/([^/]+)\/artifacts$/);
    if (artifacts) {
      const id = decodeURIComponent(artifacts[1]);
      if (!kf.versions.some(v => v.id === id)) return kfError(404, `no model version found for id ${id}`);
      const type = url.searchParams.get('artifactType');
      const own = kf.artifacts.filter(a => a.modelVersionId === id && (!type || a.artifactType === type));
      return kfList(own, url, `kf-artifacts:${id}:${type}`, ({ modelVersionId: _, ...a }) => a);
    }
    return kfError(404, `No API found for '${method} ${url.pathname}'`);
  }

  function route(method: string, url: URL, body: Record<string, unknown>): Answer {
    const path = url.pathname;
    const q = (name: string) => url.searchParams.get(name);
    if (path.startsWith(`${KUBEFLOW}/`)) return kubeflowRoute(method, url);

    if (method === 'GET' && path === '/api/2.0/mlflow/registered-models/search') {
      const max = maxResultsOf(q('max_results'), MLFLOW_LIMITS.models);
      if (typeof max !== 'number') return max;
      let matches;
      try {
        matches = compileFilter(q('filter'), ['name']);
      } catch (e) {
        if (e instanceof FilterError) return invalid(e.message);
        throw e;
      }
      const all = state.mlflow.models.filter(m => matches(m)).sort((a, b) => a.name.localeCompare(b.name));
      const p = page(all, q('page_token'), `models:${q('filter') ?? ''}`, max);
      if ('status' in p) return p;
      return ok({ registered_models: p.items.map(mlflowModel), ...(p.next ? { next_page_token: p.next } : {}) });
    }
    if (method === 'GET' && path === '/api/2.0/mlflow/registered-models/get') {
      const model = mlflowModelNamed(q('name'));
      return model ? ok({ registered_model: mlflowModel(model) }) : notFound(`Registered Model with name=${q('name')} not found`);
    }
    if (method === 'GET' && path === '/api/2.0/mlflow/model-versions/search') {
      const max = maxResultsOf(q('max_results'), MLFLOW_LIMITS.versions);
      if (typeof max !== 'number') return max;
      let matches;
      try {
        matches = compileFilter(q('filter'), ['name', 'run_id', 'source_path']);
      } catch (e) {
        if (e instanceof FilterError) return invalid(e.message);
        throw e;
      }
      // MLflow's default order: name ascending, then version descending.
      const all = sortedVersions(state.mlflow.versions).filter(v => matches(v));
      const p = page(all, q('page_token'), `versions:${q('filter') ?? ''}`, max);
      if ('status' in p) return p;
      return ok({ model_versions: p.items.map(mlflowVersion), ...(p.next ? { next_page_token: p.next } : {}) });
    }
    if (method === 'POST' && path === '/api/2.0/mlflow/registered-models/alias') {
      const { name, alias, version } = body as { name?: string; alias?: string; version?: string };
      if (!name || !alias || !version) return invalid("Missing value for required parameter 'name', 'alias' or 'version'.");
      const model = state.mlflow.models.find(m => m.name === name);
      if (!model) return notFound(`Registered Model with name=${name} not found`);
      if (!state.mlflow.versions.some(v => v.name === name && v.version === String(version))) return notFound(`Model Version (name=${name}, version=${version}) not found`);
      model.aliases = [...(model.aliases ?? []).filter(a => a.alias !== alias), { alias, version: String(version) }];
      return ok({});
    }
    if (method === 'GET' && path === '/api/2.0/mlflow/runs/get') {
      const run = runsById(state.mlflow.runs, r => r.info.run_id).get(q('run_id') ?? '')?.[0];
      return run ? ok({ run }) : notFound(`Run with id=${q('run_id')} not found`);
    }
    if ((method === 'POST' || method === 'GET') && path === '/api/2.0/mlflow/experiments/search') {
      const params = method === 'POST' ? body : Object.fromEntries(url.searchParams);
      const max = maxResultsOf(params.max_results, MLFLOW_LIMITS.experiments);
      if (typeof max !== 'number') return max;
      const view = viewOf(params.view_type, 'view_type');
      if (typeof view !== 'string') return view;
      const matches = filterOf(params.filter, ['name']);
      if (typeof matches !== 'function') return matches;
      const all = mlflowExperiments().filter(e => inView(view, e.lifecycle_stage) && matches(e));
      const p = page(all, params.page_token, `experiments:${view}:${params.filter ?? ''}`, max);
      if ('status' in p) return p;
      // Proto JSON leaves an empty list out, as MLflow writes it.
      return ok({ ...(p.items.length ? { experiments: p.items } : {}), ...(p.next ? { next_page_token: p.next } : {}) });
    }
    if (method === 'POST' && path === '/api/2.0/mlflow/runs/search') {
      const max = maxResultsOf(body.max_results, MLFLOW_LIMITS.runs);
      if (typeof max !== 'number') return max;
      const view = viewOf(body.run_view_type, 'run_view_type');
      if (typeof view !== 'string') return view;
      if (body.experiment_ids !== undefined && !Array.isArray(body.experiment_ids)) return invalid(`Invalid value ${JSON.stringify(body.experiment_ids)} for parameter 'experiment_ids' supplied.`);
      // Only runs of the experiments asked for: MLflow's store answers none to a search without experiment_ids.
      const experiments = new Set(((body.experiment_ids as unknown[] | undefined) ?? []).map(String));
      const matches = filterOf(body.filter, ['run_id']);
      if (typeof matches !== 'function') return matches;
      const byId = runsById(state.mlflow.runs, r => r.info.run_id);
      const byExperiment = runsByExperiment(state.mlflow.runs, r => r.info.experiment_id);
      // Runs named by id are looked up by id: a search of 1,000 ids among 100,000 runs costs 1,000 lookups.
      const candidates = matches.runIds ? [...matches.runIds].flatMap(id => byId.get(id) ?? []) : [...experiments].flatMap(id => byExperiment.get(id) ?? []);
      const all = candidates
        .filter(r => experiments.has(r.info.experiment_id) && inView(view, r.info.lifecycle_stage) && matches({ name: '', run_id: r.info.run_id, tags: r.data.tags }))
        // MLflow's default order: start_time descending, then run_id.
        .sort((a, b) => (b.info.start_time ?? 0) - (a.info.start_time ?? 0) || a.info.run_id.localeCompare(b.info.run_id));
      const p = page(all, body.page_token, `runs:${digest([[...experiments].sort(), body.filter ?? '', view])}`, max);
      if ('status' in p) return p;
      return ok({ ...(p.items.length ? { runs: p.items } : {}), ...(p.next ? { next_page_token: p.next } : {}) });
    }

    if (method === 'GET' && path === '/api/2.1/unity-catalog/models') {
      const [catalog, schema] = [q('catalog_name'), q('schema_name')];
      if (!!catalog !== !!schema) return invalid('catalog_name and schema_name must be specified together');
      const length = ucPageLength(url, 100);
      if (typeof length !== 'number') return length;
      const all = state.unityCatalog.models.filter(m => !catalog || (m.catalog_name === catalog && m.schema_name === schema));
      const p = page(all, q('page_token'), `uc-models:${catalog}.${schema}`, length);
      if ('status' in p) return p;
      return ok({ registered_models: p.items, ...(p.next ? { next_page_token: p.next } : {}) });
    }
    const uc = path.match(/^\/api\/2\.1\/unity-catalog\/models\/([^/]+)(?:\/(versions|aliases)(?:\/([^/]+))?)?$/);
    if (uc) {
      const fullName = decodeURIComponent(uc[1]);
      const model = ucByFullName(state.unityCatalog.models, m => m.full_name).get(fullName)?.[0];
      if (!model) return notFound(`Registered model '${fullName}' does not exist.`);
      if (method === 'GET' && !uc[2]) return ok(model);
      if (method === 'GET' && uc[2] === 'versions' && !uc[3]) {
        const length = ucPageLength(url, 100);
        if (typeof length !== 'number') return length;
        const all = ucVersionsByFullName(state.unityCatalog.versions, ucFullName).get(fullName) ?? [];
        const p = page(all, q('page_token'), `uc-versions:${fullName}`, length);
        if ('status' in p) return p;
        return ok({ model_versions: p.items.map(ucVersion), ...(p.next ? { next_page_token: p.next } : {}) });
      }
      if (method === 'PUT' && uc[2] === 'aliases' && uc[3]) {
        const alias = decodeURIComponent(uc[3]);
        const version = Number((body as { version_num?: unknown }).version_num);
        if (!Number.isInteger(version)) return invalid('version_num must be an integer');
        if (!state.unityCatalog.versions.some(v => `${v.catalog_name}.${v.schema_name}.${v.model_name}` === fullName && v.version === version)) {
          return notFound(`Model version ${version} of '${fullName}' does not exist.`);
        }
        model.aliases = [...(model.aliases ?? []).filter(a => a.alias_name !== alias), { alias_name: alias, version_num: version }];
        return ok({ alias_name: alias, version_num: version, catalog_name: model.catalog_name, schema_name: model.schema_name, model_name: model.name });
      }
    }

    if (method === 'GET' && path === '/api/2.0/serving-endpoints') {
      // The list holds each endpoint's summary: its served entities, not its traffic configuration.
      return ok({
        endpoints: state.servingEndpoints.map(({ config, ...e }) => ({
          ...e,
          config: { served_entities: config.served_entities.map(s => ({ name: s.name, entity_name: s.entity_name, entity_version: s.entity_version })) },
        })),
      });
    }
    const endpoint = path.match(/^\/api\/2\.0\/serving-endpoints\/([^/]+)$/);
    if (method === 'GET' && endpoint) {
      const found = state.servingEndpoints.find(e => e.name === decodeURIComponent(endpoint[1]));
      return found ? ok(found) : notFound(`Serving endpoint with name ${decodeURIComponent(endpoint[1])} does not exist.`);
    }
    return error(404, 'ENDPOINT_NOT_FOUND', `No API found for '${method} ${path}'`);
  }

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', chunk => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const method = req.method ?? 'GET';
      const authorized = req.headers.authorization === `Bearer ${state.token}`;
      let body: Record<string, unknown> = {};
      let answer: Answer | undefined;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          answer = error(400, 'MALFORMED_REQUEST', 'The request body is not JSON');
        }
      }
      requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), authorized, ...(raw ? { body } : {}) });
      const kubeflow = url.pathname.startsWith(`${KUBEFLOW}/`);
      if (!answer && !authorized) {
        const message = 'Credential was not sent or was of an unsupported type for this API.';
        answer = kubeflow ? kfError(401, message) : error(401, 'UNAUTHENTICATED', message);
      }
      if (!answer && faults.failNext[url.pathname] > 0) {
        faults.failNext[url.pathname]--;
        const message = 'The server encountered an internal error (on purpose: a sandbox fault)';
        answer = kubeflow ? kfError(500, message) : error(500, 'INTERNAL_ERROR', message);
      }
      answer ??= route(method, url, body);
      const send = () => {
        if (!res.destroyed) res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      };
      if (!faults.delayMs) return send();
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, faults.delayMs);
      timers.add(timer);
      return undefined;
    });
  });

  const listening = await listenHttp(server, options);

  return {
    url: listening.url,
    requests,
    get state() {
      return state;
    },
    set(change) {
      state = { ...state, ...structuredClone(change) };
    },
    update(change) {
      change(state);
    },
    fail(path, times = 1) {
      faults.failNext[path] = times;
    },
    delay(ms) {
      faults.delayMs = ms;
    },
    emptyPages(on = true) {
      faults.emptyFirstPage = on;
    },
    deleteModel(name) {
      const { mlflow, unityCatalog, kubeflow } = state;
      const kfModel = kubeflow.models.find(m => m.name === name);
      if (kfModel) {
        const versionIds = new Set(kubeflow.versions.filter(v => v.registeredModelId === kfModel.id).map(v => v.id));
        kubeflow.models = kubeflow.models.filter(m => m !== kfModel);
        kubeflow.versions = kubeflow.versions.filter(v => !versionIds.has(v.id));
        kubeflow.artifacts = kubeflow.artifacts.filter(a => !versionIds.has(a.modelVersionId));
      }
      mlflow.models = mlflow.models.filter(m => m.name !== name);
      mlflow.versions = mlflow.versions.filter(v => v.name !== name);
      unityCatalog.models = unityCatalog.models.filter(m => m.full_name !== name);
      unityCatalog.versions = unityCatalog.versions.filter(v => `${v.catalog_name}.${v.schema_name}.${v.model_name}` !== name);
    },
    async close() {
      timers.forEach(t => clearTimeout(t));
      timers.clear();
      await listening.close();
    },
  };
}
