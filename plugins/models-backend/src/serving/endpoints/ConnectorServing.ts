import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ModelRegistryConnector } from '@modelport/plugin-models-node';
import type { ClusterServing } from '../matchModels';
import { endpointClusters, type EndpointLink } from './endpointClusters';
import type { EndpointSnapshot, ServingEndpointStore } from './EndpointStore';
import { readEndpoints, servesModels, type EndpointRead, type ServingConnector } from './readEndpoints';

/** Where models were imported from (the importer's registry_links). */
export type ModelLinks = {
  links(): Promise<EndpointLink[]>;
  linkOf(modelRef: string): Promise<EndpointLink | undefined>;
};

export type ConnectorServingOptions = {
  /** Every registry connector; those without servingEndpoints() are left alone. */
  connectors: ModelRegistryConnector[];
  store: ServingEndpointStore;
  links: ModelLinks;
  /** The registry environments; an endpoint that stands for another is not counted. */
  environments: string[];
  /** How long one connector's servingEndpoints() may take. */
  timeoutMs: number;
  logger: LoggerService;
};

/**
 * What one model's linked connector serves of it: `linked` when its connector serves models at all, `pending` until
 * that connector was first read, and each endpoint that serves the model as a cluster.
 */
export type EndpointServing = { linked: boolean; pending: boolean; clusters: ClusterServing[] };

const UNLINKED: EndpointServing = { linked: false, pending: false, clusters: [] };

/**
 * The serving endpoints of registry connectors whose platform serves models (Databricks Model Serving), read on the
 * serving collection's schedule and stored per connector, so that every replica answers from the database.
 */
export class ConnectorServing {
  readonly #o: ConnectorServingOptions;
  readonly #connectors: ServingConnector[];

  constructor(options: ConnectorServingOptions) {
    this.#o = options;
    this.#connectors = options.connectors.filter(servesModels);
  }

  get configured(): boolean {
    return this.#connectors.length > 0;
  }

  /**
   * One servingEndpoints() call per connector; each failure is stored and logged, never thrown. When `signal` aborts
   * (shutdown) nothing is stored: the platforms did nothing wrong.
   */
  async runCycle(at: string, signal?: AbortSignal): Promise<EndpointRead[]> {
    if (!this.configured) return [];
    const reads = await readEndpoints(this.#connectors, { timeoutMs: this.#o.timeoutMs, signal });
    if (signal?.aborted) return [];
    const known = new Set(this.#o.environments);
    for (const read of reads) {
      if (read.failure) this.#o.logger.warn(`Serving collection: ${read.failure.message} (${read.failure.kind}); its last good read is kept, marked stale`);
      const elsewhere = read.endpoints.filter(e => !known.has(e.environment));
      if (elsewhere.length) {
        this.#o.logger.warn(
          `Serving collection: registry '${read.connector}' maps ${elsewhere.map(e => `${e.name} to '${e.environment}'`).join(', ')}, not a registry environment (${this.#o.environments.join(', ')}); not counted`,
        );
      }
    }
    await this.#o.store.saveEndpointReads(
      reads.map(r => ({ connector: r.connector, ...(r.failure ? { failure: r.failure } : { readAt: at }), attemptAt: at, endpoints: r.endpoints })),
    );
    return reads;
  }

  /** For each of `modelRefs`, what the endpoints of its connector serve of it: one read of the links and of the reads. */
  async of(modelRefs: string[]): Promise<Map<string, EndpointServing>> {
    if (!this.configured || !modelRefs.length) return new Map(modelRefs.map(ref => [ref, UNLINKED]));
    const wanted = new Set(modelRefs);
    const [links, snapshots] = await Promise.all([
      modelRefs.length === 1 ? this.#o.links.linkOf(modelRefs[0]).then(l => (l ? [l] : [])) : this.#o.links.links(),
      this.#o.store.endpointSnapshots(),
    ]);
    const byConnector = new Map<string, EndpointSnapshot>(snapshots.map(s => [s.connector, s]));
    const result = new Map<string, EndpointServing>(modelRefs.map(ref => [ref, UNLINKED]));
    for (const link of links) {
      const connector = this.#connectors.find(c => c.name === link.connector);
      if (!connector || !wanted.has(link.modelRef)) continue;
      const snapshot = byConnector.get(connector.name);
      result.set(link.modelRef, {
        linked: true,
        pending: !snapshot,
        clusters: snapshot ? endpointClusters(link, snapshot, { environments: this.#o.environments, aliasEnvironments: connector.aliasEnvironments }) : [],
      });
    }
    return result;
  }
}
