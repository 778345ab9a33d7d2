import type { AuthService, BackstageCredentials, CacheService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type FleetEntry,
  type LatencySeries,
  isModelEntity,
  type ModelEntityV1alpha1,
  modelRefOf,
  type ModelObservability,
  type ObservabilityAttempt,
  type ObservabilityStatus,
} from '@modelport/plugin-models-common';
import { createHash } from 'node:crypto';
import type { JsonObject } from '@backstage/types';
import { PrometheusClient, PrometheusError, type PrometheusInstance } from '../prometheus/PrometheusClient';
import { rangeStep } from '../prometheus/rangeStep';
import { latencyQuantileQuery, type MetricsSource } from '../slo/sliQueries';
import { type Baseline, evaluateFleet } from './evaluateFleet';
import { type ModelsMetrics, noModelsMetrics } from '../metrics/ModelsMetrics';
import type { ObservabilityStore } from './ObservabilityStore';
import { prometheusInstanceOf, targetOf } from './targets';

export type ObservabilityServiceOptions = {
  store: ObservabilityStore;
  instances: PrometheusInstance[];
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  defaultSource: MetricsSource;
  intervalSeconds: number;
  /** The version current in an environment and its registered profile: the drift baseline of such models. */
  baselineOf?: (modelRef: string, environment: string) => Promise<Baseline>;
  metrics?: ModelsMetrics;
  /**
   * Where latency answers are kept for a minute, shared by the replicas (Backstage's cache service: Redis in
   * production), so that cards opened on several replicas ask Prometheus once. An answer carries its queriedAt.
   */
  cache?: CacheService;
  now?: () => Date;
};

const LATENCY_TTL_MS = 60_000;

/**
 * Evaluates the fleet's SLOs and drift on a schedule, per Prometheus instance, stores snapshots, and answers
 * status reads from them with their age and the last attempt, so that nothing old is shown as current.
 */
export class ObservabilityService {
  readonly #o: ObservabilityServiceOptions;
  readonly #now: () => Date;
  /** Per Prometheus instance, the units whose own queries failed last cycle: asked apart first in the next. */
  readonly #suspects = new Map<string, string[]>();

  constructor(options: ObservabilityServiceOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => new Date());
  }

  get configured(): boolean {
    return this.#o.instances.length > 0;
  }

  get intervalSeconds(): number {
    return this.#o.intervalSeconds;
  }

  /**
   * One evaluation cycle of every Model in the catalog; returns the number of Prometheus queries per instance.
   * When `signal` aborts (shutdown), the queries in flight are abandoned and the cycle ends without storing
   * anything for that instance: its last snapshot stays, aging as it should, rather than a failure it did not have.
   */
  async runCycle(at: Date = this.#now(), signal?: AbortSignal): Promise<Record<string, number>> {
    if (!this.configured) return {};
    const models = await this.#models(await this.#o.auth.getOwnServiceCredentials());
    const targets = models.map(model => targetOf(model, { source: this.#o.defaultSource, instance: this.#o.instances[0].name }));
    const queries: Record<string, number> = {};
    const metrics = this.#o.metrics ?? noModelsMetrics;
    for (const instance of this.#o.instances) {
      if (signal?.aborted) break;
      const mine = targets.filter(t => t.instance === instance.name);
      if (!mine.length) continue;
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        const baselines = new Map<string, Baseline>();
        for (const t of mine) {
          if ('environment' in t.reference && this.#o.baselineOf) baselines.set(t.ref, await this.#o.baselineOf(t.ref, t.reference.environment));
        }
        const cycle = await evaluateFleet(new PrometheusClient(instance, signal), mine, at, baselines, this.#suspects.get(instance.name));
        this.#suspects.set(instance.name, cycle.failed);
        for (const id of cycle.failed) this.#o.logger.warn(`Prometheus '${instance.name}' failed the query of ${id} alone; the rest of the fleet was evaluated`);
        await this.#o.store.saveCycle(instance.name, at.toISOString(), cycle.results);
        queries[instance.name] = cycle.queries;
        if (cycle.failed.length) metrics.prometheusFailure(instance.name, 'query', cycle.failed.length);
        metrics.evaluationCycle(instance.name, 'ok', seconds());
      } catch (error) {
        if (signal?.aborted) {
          this.#o.logger.info(`Observability cycle on Prometheus '${instance.name}' stopped: the backend is shutting down`);
          break;
        }
        if (!(error instanceof PrometheusError)) throw error;
        metrics.prometheusFailure(instance.name, error.kind);
        metrics.evaluationCycle(instance.name, 'failed', seconds());
        this.#o.logger.warn(`Observability cycle on Prometheus '${instance.name}' failed: ${error.message}`);
        await this.#o.store.saveFailure(instance.name, at.toISOString(), { kind: error.kind, message: error.message });
      }
    }
    for (const t of targets.filter(x => !this.#o.instances.some(i => i.name === x.instance))) {
      this.#o.logger.warn(`${t.ref} names Prometheus instance '${t.instance}', which is not configured`);
    }
    return queries;
  }

  async status(modelRef: string, instanceHint?: string): Promise<ObservabilityStatus> {
    if (!this.configured) return { state: 'not-configured', stale: false };
    const [latest, attempts] = await Promise.all([this.#o.store.latest(modelRef), this.#o.store.attempts()]);
    return this.#statusOf(latest, attempts.get(latest?.prometheus ?? instanceHint ?? this.#o.instances[0].name));
  }

  /** Every Model the caller may see, with its latest status, owner and title. */
  async fleet(credentials: BackstageCredentials): Promise<Array<Omit<FleetEntry, 'serving' | 'review'>>> {
    return this.fleetOf(await this.visibleModels(credentials));
  }

  /** The latest SLO and drift snapshot of every model evaluated. */
  latestSnapshots(): Promise<ModelObservability[]> {
    return this.#o.store.latestAll();
  }

  /** The Models these credentials may see in the catalog. */
  visibleModels(credentials: BackstageCredentials): Promise<ModelEntityV1alpha1[]> {
    return this.#models(credentials);
  }

  /** These models' rows of the fleet view: owner, title and latest observability status, in their order. */
  async fleetOf(models: ModelEntityV1alpha1[]): Promise<Array<Omit<FleetEntry, 'serving' | 'review'>>> {
    if (!this.configured) {
      return models.map(m => ({ modelRef: modelRefOf(m), title: m.metadata.title, owner: m.spec.owner, status: { state: 'not-configured', stale: false } }));
    }
    const [latest, attempts] = await Promise.all([this.#o.store.latestAll(), this.#o.store.attempts()]);
    const byRef = new Map(latest.map(l => [l.modelRef, l]));
    return models.map(m => {
      const ref = modelRefOf(m);
      const snapshot = byRef.get(ref);
      const instance = snapshot?.prometheus ?? prometheusInstanceOf(m, this.#o.instances[0].name);
      return { modelRef: ref, title: m.metadata.title, owner: m.spec.owner, status: this.#statusOf(snapshot, attempts.get(instance)) };
    });
  }

  /** p50 and p99 latency of a model over the last hours, straight from Prometheus, for the SLO card's chart. */
  async latency(model: ModelEntityV1alpha1, hours: number): Promise<LatencySeries> {
    if (!this.configured) return { state: 'not-configured' };
    const target = targetOf(model, { source: this.#o.defaultSource, instance: this.#o.instances[0].name });
    if (target.sourceProblem) return { state: 'unavailable', error: { kind: 'invalid_model', message: target.sourceProblem } };
    const instance = this.#o.instances.find(i => i.name === target.instance);
    if (!instance) return { state: 'unavailable', error: { kind: 'not_found', message: `Prometheus instance '${target.instance}' is not configured` } };
    // Keyed by what is asked, so that a Model whose queries change is never answered from another's figures.
    const key = `latency/${createHash('sha256')
      .update(JSON.stringify([instance.name, instance.url, hours, latencyQuantileQuery(model, target.source, 0.5, '')]))
      .digest('hex')}`;
    const cached = (await this.#o.cache?.get(key)) as LatencySeries | undefined;
    if (cached) return cached;
    const end = this.#now();
    const start = new Date(end.getTime() - hours * 3_600_000);
    const client = new PrometheusClient(instance);
    try {
      const series = [];
      const stepSeconds = rangeStep({ start, end });
      const rateWindow = `${Math.max(300, 2 * stepSeconds)}s`;
      for (const quantile of [0.5, 0.99]) {
        const answer = await client.queryRange(latencyQuantileQuery(model, target.source, quantile, rateWindow), { start, end, stepSeconds });
        series.push({ quantile, points: (answer.series[0]?.points ?? []).filter(p => Number.isFinite(p.value)) });
      }
      const answer: LatencySeries = { state: 'ok', unit: 'ms', queriedAt: end.toISOString(), stepSeconds, series };
      await this.#o.cache?.set(key, answer as JsonObject, { ttl: LATENCY_TTL_MS });
      return answer;
    } catch (error) {
      if (!(error instanceof PrometheusError)) throw error;
      return { state: 'unavailable', error: { kind: error.kind, message: error.message } };
    }
  }

  async history(modelRef: string, since: Date): Promise<ModelObservability[]> {
    return this.#o.store.history(modelRef, since.toISOString());
  }

  #statusOf(latest: ModelObservability | undefined, lastAttempt: ObservabilityAttempt | undefined): ObservabilityStatus {
    const intervalSeconds = this.#o.intervalSeconds;
    const failed = lastAttempt !== undefined && !lastAttempt.ok;
    const old = latest !== undefined && this.#now().getTime() - Date.parse(latest.evaluatedAt) > 2 * intervalSeconds * 1000;
    let state: ObservabilityStatus['state'] = 'ok';
    if (failed) state = 'unavailable';
    else if (!latest) state = 'pending';
    return { state, latest, lastAttempt, stale: failed || old, intervalSeconds };
  }

  async #models(credentials: BackstageCredentials): Promise<ModelEntityV1alpha1[]> {
    const { items } = await this.#o.catalog.getEntities({ filter: { kind: 'Model' } }, { credentials });
    return items.filter(isModelEntity) as ModelEntityV1alpha1[];
  }
}
