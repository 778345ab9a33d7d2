import type { AuthService, BackstageCredentials, LoggerService, PermissionsService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isModelEntity,
  modelRefOf,
  type EnvironmentAssignment,
  type ExplorerFacets,
  type ExplorerPage,
  type ExplorerQuery,
  type FleetServing,
  type ModelEntityV1alpha1,
  type ObservabilityStatus,
  type PromotionRequest,
  type ReviewStatus,
} from '@modelport/plugin-models-common';
import { indexedModel, type IndexedModel } from './explorerRow';
import type { ExplorerSelection, ExplorerStore, StoredRow } from './ExplorerStore';
import { visibilityFor } from './visibility';

/** Where each of a row's figures comes from, read in bulk for the models given, row i of each for models[i]. */
export type ExplorerSources = {
  environments: () => string[];
  currentAssignments: () => Promise<Array<EnvironmentAssignment & { modelRef: string }>>;
  pendingRequests: () => Promise<PromotionRequest[]>;
  observability: (models: ModelEntityV1alpha1[]) => Promise<ObservabilityStatus[]>;
  serving: (models: ModelEntityV1alpha1[]) => Promise<FleetServing[]>;
  reviews: (models: ModelEntityV1alpha1[]) => Promise<ReviewStatus[]>;
  /** Seconds between the collections of each kind of figure: one older than two of them is stale. */
  intervals: { observability: number; serving: number };
};

export type ExplorerServiceOptions = {
  store: ExplorerStore;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  sources: ExplorerSources;
  now?: () => Date;
};

const MAX_WORDS = 10;
const CATALOG_PAGE = 1000;

/**
 * The models explorer: an index of every Model (catalog entity, registry state, latest snapshots) kept in the
 * plugin's database, caught up after each observability and serving cycle and after each registry change, and
 * pages answered from it by indexed queries with the catalog's read permission applied to every row.
 */
export class ExplorerService {
  readonly #o: ExplorerServiceOptions;
  readonly #now: () => Date;
  /** The Models of this replica's last full run, for catching figures up without a read of the whole catalog. */
  #lastModels?: ModelEntityV1alpha1[];

  constructor(options: ExplorerServiceOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** Catches the whole index up with the catalog and the registry, writing only the models that changed. */
  async refresh(signal?: AbortSignal): Promise<{ changed: number; removed: number; total: number }> {
    const models = await this.#allModels(signal);
    if (signal?.aborted) return { changed: 0, removed: 0, total: models.length };
    this.#lastModels = models;
    const indexed = await this.#index(models);
    const hashes = await this.#o.store.hashes();
    const present = new Set(indexed.map(m => m.columns.model_ref));
    const changed = indexed.filter(m => hashes.get(m.columns.model_ref) !== m.hash);
    const removed = [...hashes.keys()].filter(ref => !present.has(ref));
    await this.#o.store.write({ changed, removed, at: this.#now().toISOString(), complete: true });
    return { changed: changed.length, removed: removed.length, total: indexed.length };
  }

  /**
   * Catches the figures up after an observability or serving cycle: the Models of this replica's last full run with
   * their new snapshots, without reading the catalog again (a full run when this replica has made none yet).
   */
  async refreshFigures(): Promise<void> {
    if (!this.#lastModels) {
      await this.refresh();
      return;
    }
    const hashes = await this.#o.store.hashes();
    const changed = (await this.#index(this.#lastModels)).filter(m => hashes.has(m.columns.model_ref) && hashes.get(m.columns.model_ref) !== m.hash);
    await this.#o.store.write({ changed, removed: [], at: this.#now().toISOString(), complete: false });
  }

  /** Catches these models' rows up (after a registry change of theirs); a model gone from the catalog leaves the index. */
  async refreshModels(modelRefs: string[]): Promise<void> {
    const credentials = await this.#o.auth.getOwnServiceCredentials();
    const refs = [...new Set(modelRefs)];
    const { items } = await this.#o.catalog.getEntitiesByRefs({ entityRefs: refs }, { credentials });
    const models = items.filter((e): e is ModelEntityV1alpha1 => Boolean(e) && isModelEntity(e!));
    const found = new Set(models.map(modelRefOf));

    const hashes = await this.#o.store.hashes();
    const changed = (await this.#index(models)).filter(m => hashes.get(m.columns.model_ref) !== m.hash);
    await this.#o.store.write({ changed, removed: refs.filter(r => !found.has(r) && hashes.has(r)), at: this.#now().toISOString(), complete: false });
  }

  async page(query: ExplorerQuery, caller: { credentials: BackstageCredentials; ownershipRefs: () => Promise<string[]> }): Promise<ExplorerPage> {
    const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean);
    if (words.length > MAX_WORDS) throw new InputError(`q: at most ${MAX_WORDS} words are searched, got ${words.length}`);
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    let sort: ExplorerSelection['sort'] = [{ by: query.sort ?? 'name', order: query.order ?? 'asc' }];
    // "My team" puts what waits for the lead first, unless they sort otherwise.
    if (!query.sort && query.mine) sort = [{ by: 'pendingApprovals', order: 'desc' }, { by: 'attention', order: 'desc' }, { by: 'slo', order: 'desc' }, { by: 'name', order: 'asc' }];
    const [visibility, ownedBy, indexedAt] = await Promise.all([
      this.#visibility(caller.credentials),
      query.mine ? caller.ownershipRefs() : Promise.resolve(undefined),
      this.#o.store.indexedAt(),
    ]);
    const { rows, total } = await this.#o.store.page({
      visibility,
      filter: {
        words,
        owner: query.owner,
        system: query.system,
        type: query.type,
        lifecycle: query.lifecycle,
        riskLevel: query.riskLevel,
        environment: query.environment,
        slo: query.slo,
        drift: query.drift,
        verdict: query.verdict,
        review: query.review,
        pending: query.pending,
        attention: query.attention,
        ...(ownedBy ? { ownedBy } : {}),
      },
      sort,
      offset,
      limit,
    });
    return { items: rows.map(row => this.#aged(row)), totalItems: total, offset, limit, ...(indexedAt ? { indexedAt } : {}) };
  }

  async facets(credentials: BackstageCredentials): Promise<ExplorerFacets> {
    return this.#o.store.facets(await this.#visibility(credentials));
  }

  #visibility(credentials: BackstageCredentials) {
    return visibilityFor(this.#o.permissions, credentials, () => this.#o.store.refs());
  }

  /**
   * A row as of now: a figure older than two of its collection intervals is stale even when it was fresh when
   * indexed, so that an index that stopped catching up never shows old figures as current.
   */
  #aged(row: StoredRow) {
    const now = this.#now().getTime();
    const old = (at: string | undefined, seconds: number) => at !== undefined && now - Date.parse(at) > 2 * seconds * 1000;
    const { observability, serving } = this.#o.sources.intervals;
    const figure = <F extends { stale: boolean; at?: string }>(f: F, seconds: number): F => ({ ...f, stale: f.stale || old(f.at, seconds) });
    return {
      ...row,
      slo: { ...row.slo, figure: figure(row.slo.figure, observability) },
      drift: { ...row.drift, figure: figure(row.drift.figure, observability) },
      serving: { ...row.serving, figure: figure(row.serving.figure, serving) },
    };
  }

  async #allModels(signal?: AbortSignal): Promise<ModelEntityV1alpha1[]> {
    const credentials = await this.#o.auth.getOwnServiceCredentials();
    const models: ModelEntityV1alpha1[] = [];
    let cursor: string | undefined;
    // Pages of the catalog's own size, so that neither side holds one answer of the whole fleet.
    do {
      const page = await this.#o.catalog.queryEntities(
        cursor ? { cursor, limit: CATALOG_PAGE } : { filter: { kind: 'Model' }, limit: CATALOG_PAGE, orderFields: { field: 'metadata.name', order: 'asc' } },
        { credentials },
      );
      models.push(...(page.items.filter(isModelEntity) as ModelEntityV1alpha1[]));
      cursor = page.pageInfo.nextCursor;
    } while (cursor && !signal?.aborted);
    return models;
  }

  async #index(models: ModelEntityV1alpha1[]): Promise<IndexedModel[]> {
    if (!models.length) return [];
    const { sources } = this.#o;
    const [current, pending, observability, serving, reviews] = await Promise.all([
      sources.currentAssignments(),
      sources.pendingRequests(),
      sources.observability(models),
      sources.serving(models),
      sources.reviews(models),
    ]);
    const currentOf = group(current, a => a.modelRef);
    const pendingOf = group(pending, r => r.modelRef);
    const environments = sources.environments();
    return models.map((model, i) => {
      const ref = modelRefOf(model);
      return indexedModel({
        model,
        environments,
        current: (currentOf.get(ref) ?? []).map(a => ({ environment: a.environment, version: a.version, since: a.since })),
        pendingEnvironments: (pendingOf.get(ref) ?? []).map(r => r.toEnvironment),
        observability: observability[i],
        serving: serving[i],
        review: reviews[i],
      });
    });
  }
}

function group<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
