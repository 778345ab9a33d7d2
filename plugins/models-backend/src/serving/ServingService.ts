import type { LoggerService } from '@backstage/backend-plugin-api';
import { modelRefOf, type ModelEntityV1alpha1, type ModelVersion, type ServingStatus } from '@modelport/plugin-models-common';
import { snapshotOf } from './clusterSnapshot';
import { collectServing } from './collectServing';
import type { ClusterGateway } from './KubernetesGateway';
import { matchModels } from './matchModels';
import type { ClusterRead } from './readCluster';
import type { ServingConfig } from './servingConfig';
import type { ServingStore } from './ServingStore';
import { environmentVerdicts } from './verdicts';

/** What the registry says of a model: the version approved (current) in each environment, and every version. */
export type RegistryDeployments = (modelRef: string) => Promise<{ approved: Record<string, string | undefined>; versions: ModelVersion[] }>;

export type ServingServiceOptions = {
  store: ServingStore;
  gateway: ClusterGateway;
  config: ServingConfig;
  /** The registry environments, in promotion order. */
  environments: string[];
  deployments: RegistryDeployments;
  logger: LoggerService;
  now?: () => Date;
};

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
    return this.#o.config.clusters.length > 0;
  }

  get intervalSeconds(): number {
    return this.#o.config.intervalSeconds;
  }

  /** The registry environments, in promotion order. */
  get environments(): string[] {
    return this.#o.environments;
  }

  /**
   * One collection of every configured cluster; each cluster's failure is stored and logged, never thrown. When
   * `signal` aborts (shutdown) the lists in flight are abandoned and nothing is stored: the clusters did nothing wrong.
   */
  async runCycle(signal?: AbortSignal): Promise<ClusterRead[]> {
    if (!this.configured) return [];
    const at = this.#now().toISOString();
    const deadline = () => AbortSignal.any([AbortSignal.timeout(this.#o.config.timeoutMs), ...(signal ? [signal] : [])]);
    const reads = await collectServing(this.#o.gateway, this.#o.config, deadline);
    if (signal?.aborted) {
      this.#o.logger.info('Serving collection stopped: the backend is shutting down');
      return [];
    }
    for (const read of reads) {
      if (read.failure) this.#o.logger.warn(`Serving collection: ${read.failure.message} (${read.failure.kind}); its last good read is kept, marked stale`);
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
    const snapshots = (await this.#o.store.snapshots()).filter(s => this.#o.config.clusters.some(c => c.name === s.cluster));
    if (!snapshots.length) return { state: 'pending', ...base };
    const [serving] = matchModels([model], snapshots);
    if (serving.problem) return { state: 'unmatched', problem: serving.problem, ...base };
    const { approved, versions } = await this.#o.deployments(modelRefOf(model));
    const staleBefore = this.#now().getTime() - 2 * this.intervalSeconds * 1000;
    return {
      state: 'ok',
      intervalSeconds: this.intervalSeconds,
      environments: environmentVerdicts(this.#o.environments, approved, versions, serving),
      clusters: serving.clusters.map(c => ({ ...c, stale: Boolean(c.failure) || !c.readAt || Date.parse(c.readAt) < staleBefore })),
    };
  }
}
