import type { LoggerService } from '@backstage/backend-plugin-api';
import { type ModelsMetrics, noModelsMetrics } from '../metrics/ModelsMetrics';
import {
  ANNOTATION_DISCOVERED_IN,
  modelRefOf,
  type DiscoveredServingObject,
  type FleetServing,
  type ModelEntityV1alpha1,
  type ModelVersion,
  type ServingStatus,
} from '@modelport/plugin-models-common';
import { snapshotOf } from './clusterSnapshot';
import { collectServing } from './collectServing';
import { combineServing, type KubernetesServing } from './combineServing';
import type { ConnectorServing, EndpointServing } from './endpoints/ConnectorServing';
import type { ClusterGateway } from './KubernetesGateway';
import { matchModels } from './matchModels';
import type { ServedObject } from './objects/types';
import type { ClusterRead } from './readCluster';
import type { ServingConfig } from './servingConfig';
import { revisionKey, type ServingStore } from './ServingStore';
import { environmentVerdicts, type RevisionArtifacts } from './verdicts';

/** What the registry says of models: the version approved (current) in each environment, and every version. */
export type RegistryDeployments = {
  of(modelRef: string): Promise<{ approved: Record<string, string | undefined>; versions: ModelVersion[] }>;
  /** Per model ref, the version approved in each environment, for the whole fleet in one read. */
  approvedAll(): Promise<Map<string, Record<string, string>>>;
  versions(modelRef: string): Promise<ModelVersion[]>;
};

export type ServingServiceOptions = {
  store: ServingStore;
  gateway: ClusterGateway;
  config: ServingConfig;
  /** The registry environments, in promotion order. */
  environments: string[];
  deployments: RegistryDeployments;
  logger: LoggerService;
  /** Modelport's own instruments; each cycle's reads are counted there. */
  metrics?: ModelsMetrics;
  /** The serving endpoints of registry connectors (Databricks Model Serving), read in each cycle with the clusters. */
  endpoints?: ConnectorServing;
  now?: () => Date;
};

const UNLINKED: EndpointServing = { linked: false, pending: false, clusters: [] };

/**
 * Collects what runs in the serving clusters on a schedule, stores each cluster's last read, and answers what a
 * model runs where, against what the registry approved there, from those reads.
 */
export class ServingService {
  readonly #o: ServingServiceOptions;
  readonly #now: () => Date;

  constructor(options: ServingServiceOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => new Date());
  }

  get configured(): boolean {
    return this.#o.config.clusters.length > 0 || Boolean(this.#o.endpoints?.configured);
  }

  get intervalSeconds(): number {
    return this.#o.config.intervalSeconds;
  }

  /** The registry environments, in promotion order. */
  get environments(): string[] {
    return this.#o.environments;
  }

  /**
   * One collection of every configured cluster and of the registries' serving endpoints (one call per connector);
   * each cluster's or connector's failure is stored and logged, never thrown. When `signal` aborts (shutdown) the
   * lists in flight are abandoned and nothing is stored: the clusters did nothing wrong.
   */
  async runCycle(signal?: AbortSignal): Promise<ClusterRead[]> {
    if (!this.configured) return [];
    const at = this.#now().toISOString();
    const [reads] = await Promise.all([this.#collectClusters(at, signal), this.#o.endpoints?.runCycle(at, signal)]);
    return reads;
  }

  async #collectClusters(at: string, signal?: AbortSignal): Promise<ClusterRead[]> {
    if (!this.#o.config.clusters.length) return [];
    const deadline = () => AbortSignal.any([AbortSignal.timeout(this.#o.config.timeoutMs), ...(signal ? [signal] : [])]);
    const reads = await collectServing(this.#o.gateway, this.#o.config, deadline, deadline());
    if (signal?.aborted) {
      this.#o.logger.info('Serving collection stopped: the backend is shutting down');
      return [];
    }
    const metrics = this.#o.metrics ?? noModelsMetrics;
    for (const read of reads) {
      if (read.failure) this.#o.logger.warn(`Serving collection: ${read.failure.message} (${read.failure.kind}); its last good read is kept, marked stale`);
      metrics.servingRead(read.cluster, {
        seconds: read.seconds,
        calls: read.calls,
        failure: read.failure?.kind,
        typeFailures: Object.entries(read.unavailable)
          .filter(([, f]) => f && f.kind !== 'not-installed')
          .map(([resource, f]) => ({ resource, kind: f!.kind })),
      });
    }
    await this.#o.store.saveCycle(reads.map(read => snapshotOf(read, at)));
    return reads;
  }

  /**
   * The Serving card's answer (the document's ServingStatus): each cluster with its read time, stale when its last
   * attempt failed or its read is older than two intervals, and per environment the approved-against-running verdict.
   */
  async status(model: ModelEntityV1alpha1): Promise<ServingStatus> {
    const base = { intervalSeconds: this.intervalSeconds, environments: [], clusters: [] };
    if (!this.configured) return { state: 'not-configured', ...base };
    const modelRef = modelRefOf(model);
    const [[kubernetes], endpoints] = await Promise.all([this.#kubernetes([model]), this.#endpoints([modelRef])]);
    const combined = combineServing(modelRef, kubernetes, endpoints.get(modelRef) ?? UNLINKED);
    if (combined.state === 'unmatched') return { state: 'unmatched', problem: combined.problem, ...base };
    if (combined.state !== 'ok') return { state: combined.state, ...base };
    const serving = combined.serving;
    const [{ approved, versions }, seen] = await Promise.all([this.#o.deployments.of(modelRef), this.#seen()]);
    return {
      state: 'ok',
      intervalSeconds: this.intervalSeconds,
      environments: environmentVerdicts(this.#o.environments, approved, versions, serving, seen),
      clusters: serving.clusters.map(c => ({ ...c, stale: this.#stale(c) })),
    };
  }

  /**
   * The fleet page's serving column, in the models' order: one read of the snapshots and of the approved versions
   * for all of them; registered versions are read only for the models that run something, to name what runs.
   */
  async fleet(models: ModelEntityV1alpha1[]): Promise<FleetServing[]> {
    if (!this.configured) return models.map(() => ({ state: 'not-configured', environments: [], stale: false }));
    const refs = models.map(m => modelRefOf(m));
    const [kubernetes, endpoints] = await Promise.all([this.#kubernetes(models), this.#endpoints(refs)]);
    const combined = refs.map((ref, i) => combineServing(ref, kubernetes[i], endpoints.get(ref) ?? UNLINKED));
    if (!combined.some(c => c.state === 'ok')) {
      return combined.map(c => (c.state === 'unmatched' ? { state: c.state, problem: c.problem, environments: [], stale: false } : { state: c.state, environments: [], stale: false }));
    }
    const [approvedAll, seen] = await Promise.all([this.#o.deployments.approvedAll(), this.#seen()]);
    return Promise.all(
      combined.map(async entry => {
        if (entry.state === 'unmatched') return { state: 'unmatched' as const, problem: entry.problem, environments: [], stale: false };
        if (entry.state !== 'ok') return { state: entry.state, environments: [], stale: false };
        const serving = entry.serving;
        const runs = serving.clusters.some(c => c.objects.length > 0);
        const versions = runs ? await this.#o.deployments.versions(serving.modelRef) : [];
        const reads = serving.clusters.map(c => c.readAt).filter((t): t is string => Boolean(t)).sort();
        return {
          state: 'ok' as const,
          environments: environmentVerdicts(this.#o.environments, approvedAll.get(serving.modelRef) ?? {}, versions, serving, seen),
          stale: serving.clusters.some(c => this.#stale(c)),
          ...(reads.length ? { readAt: reads[0] } : {}),
        };
      }),
    );
  }

  /**
   * The InferenceServices that none of `models` takes, from each cluster's last good read (a cluster down for a
   * cycle does not withdraw them). Entities Modelport itself offered for such objects do not count as taking them:
   * the offer stands until a Model of the owners' own describes the object.
   */
  async discovered(models: ModelEntityV1alpha1[]): Promise<DiscoveredServingObject[]> {
    if (!this.configured) return [];
    const snapshots = (await this.#o.store.snapshots()).filter(s => s.readAt && this.#o.config.clusters.some(c => c.name === s.cluster));
    const described = models.filter(m => m.metadata.annotations?.[ANNOTATION_DISCOVERED_IN] === undefined);
    const taken = new Set(
      matchModels(described, snapshots).flatMap(s => s.clusters.flatMap(c => c.objects.map(o => `${c.cluster}/${o.kind}/${o.namespace}/${o.name}`))),
    );
    return snapshots.flatMap(snapshot =>
      snapshot.objects
        .map(stored => stored.object)
        .filter((o): o is ServedObject => !('problem' in o) && o.kind === 'InferenceService')
        .filter(o => !taken.has(`${snapshot.cluster}/${o.kind}/${o.namespace}/${o.name}`))
        .map(o => ({
          cluster: snapshot.cluster,
          environment: snapshot.environment,
          kind: 'InferenceService' as const,
          namespace: o.namespace,
          name: o.name,
          labels: o.labels,
          ...(o.artifact ? { artifact: o.artifact } : {}),
          ...(o.modelFormat ? { modelFormat: o.modelFormat } : {}),
          ...(o.url ? { url: o.url } : {}),
          readAt: snapshot.readAt!,
        })),
    );
  }

  /** Each model matched on the clusters' last reads, or why it cannot be: none configured, none read yet. */
  async #kubernetes(models: ModelEntityV1alpha1[]): Promise<KubernetesServing[]> {
    if (!this.#o.config.clusters.length) return models.map(() => 'not-configured');
    const snapshots = (await this.#o.store.snapshots()).filter(s => this.#o.config.clusters.some(c => c.name === s.cluster));
    if (!snapshots.length) return models.map(() => 'pending');
    return matchModels(models, snapshots);
  }

  /** What the registries' serving endpoints serve of each model, by ref. */
  async #endpoints(modelRefs: string[]): Promise<Map<string, EndpointServing>> {
    return this.#o.endpoints ? this.#o.endpoints.of(modelRefs) : new Map();
  }

  /** What each KServe revision was seen serving, as the verdicts look it up. */
  async #seen(): Promise<RevisionArtifacts> {
    const known = await this.#o.store.revisionArtifacts();
    return (cluster, object, revision) => known.get(revisionKey(cluster, object.namespace, object.name, revision));
  }

  /** Stale: the last attempt failed, the cluster was never read, or its read is older than two intervals. */
  #stale(cluster: { failure?: unknown; readAt?: string }): boolean {
    const staleBefore = this.#now().getTime() - 2 * this.intervalSeconds * 1000;
    return Boolean(cluster.failure) || !cluster.readAt || Date.parse(cluster.readAt) < staleBefore;
  }
}
