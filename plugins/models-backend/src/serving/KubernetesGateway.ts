import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import type { ServingResourceType } from '@modelport/plugin-models-common';
import { ClusterError } from './clusterErrors';

/** A cluster as the Kubernetes plugin knows it (its `/clusters` answer). */
export type KnownCluster = { name: string; title?: string; authProvider: string };

/** One page of a Kubernetes list: its items as the API server sent them, and the token of the next page. */
export type ListPage = { items: unknown[]; resourceVersion?: string; continue?: string };

/** One list call: a namespace or the whole cluster, a page size and the token of the page, an optional label selector. */
export type ListOptions = { namespace?: string; limit: number; continue?: string; labelSelector?: string; signal: AbortSignal };

/** How Modelport reads the clusters; the collection depends on this, tests and benchmarks may count its calls. */
export interface ClusterGateway {
  /** The clusters the Kubernetes plugin knows; `signal` bounds the wait (its locators may call out, GKE's does). */
  clusters(signal?: AbortSignal): Promise<KnownCluster[]>;
  listPage(cluster: string, type: ServingResourceType, options: ListOptions): Promise<ListPage>;
}

/**
 * The auth providers of Backstage's Kubernetes plugin that sign in to the cluster as the portal's user (the
 * browser sends that user's token with each request): a scheduled collection has no user, so it cannot read them.
 */
const USER_TOKEN_PROVIDERS = new Set(['oidc', 'google', 'aks']);

const HEADER_CLUSTER = 'Backstage-Kubernetes-Cluster';

/**
 * Reads the clusters through Backstage's Kubernetes backend (ADR 5): the cluster list from its `/clusters` route,
 * and the lists from its `/proxy` route, which adds the cluster's own credential (service account, AWS, Azure, a
 * Google service account, a local kubectl proxy) the way the Kubernetes tab does. @kubernetes/client-node speaks
 * to the proxy as it would to an API server; Modelport keeps no cluster credential of its own.
 */
export class KubernetesBackendGateway implements ClusterGateway {
  constructor(private readonly deps: { discovery: DiscoveryService; auth: AuthService }) {}

  async clusters(signal?: AbortSignal): Promise<KnownCluster[]> {
    const response = await fetch(`${await this.deps.discovery.getBaseUrl('kubernetes')}/clusters`, {
      headers: { Authorization: `Bearer ${await this.#token()}` },
      signal,
    });
    if (!response.ok) throw new Error(`The Kubernetes backend answered ${response.status} to the cluster list: ${await response.text()}`);
    const body = (await response.json()) as { items?: Array<{ name: string; title?: string; authProvider?: string }> };
    return (body.items ?? []).map(c => ({ name: c.name, title: c.title, authProvider: c.authProvider ?? 'unknown' }));
  }

  /** Whether the collection can read a cluster with this auth provider at all. */
  static readable(cluster: KnownCluster): boolean {
    return !USER_TOKEN_PROVIDERS.has(cluster.authProvider);
  }

  async listPage(cluster: string, type: ServingResourceType, options: ListOptions): Promise<ListPage> {
    // ESM only: loaded on first use, as Backstage's Kubernetes backend loads it.
    const k8s = await import('@kubernetes/client-node');
    const server = `${await this.deps.discovery.getBaseUrl('kubernetes')}/proxy`;
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      // The client refuses plain HTTP unless told that there is no TLS to verify, which is what backends that reach
      // each other inside the deployment (discovery's http://...:7007) use; an https base URL is verified.
      clusters: [{ name: cluster, server, skipTLSVerify: server.startsWith('http:') }],
      // The proxy takes this Backstage service token for the caller's identity, then replaces it with the cluster's credential.
      users: [{ name: 'modelport', token: await this.#token() }],
      contexts: [{ name: cluster, cluster, user: 'modelport' }],
      currentContext: cluster,
    });
    const api = kc.makeApiClient(k8s.CustomObjectsApi);
    const request = { group: type.group, version: type.version, plural: type.plural, limit: options.limit, _continue: options.continue, labelSelector: options.labelSelector };
    // Per call: the proxy's cluster header and the caller's abort signal (the object API takes observable middleware).
    const callOptions = {
      middleware: [
        {
          pre: (context: import('@kubernetes/client-node').RequestContext) => {
            context.setHeaderParam(HEADER_CLUSTER, cluster);
            context.setSignal(options.signal);
            return new k8s.Observable(Promise.resolve(context));
          },
          post: (context: import('@kubernetes/client-node').ResponseContext) => new k8s.Observable(Promise.resolve(context)),
        },
      ],
      middlewareMergeStrategy: 'append' as const,
    };
    let answer: unknown;
    try {
      answer = options.namespace
        ? await api.listNamespacedCustomObject({ ...request, namespace: options.namespace }, callOptions)
        : await api.listClusterCustomObject(request, callOptions);
    } catch (error) {
      throw classify(cluster, type, error, options.signal);
    }
    const list = answer as { items?: unknown; metadata?: { resourceVersion?: string; continue?: string } } | undefined;
    if (!list || typeof list !== 'object' || !Array.isArray(list.items)) {
      throw new ClusterError('malformed', cluster, `the list of ${type.plural}.${type.group} is not a Kubernetes list`);
    }
    return { items: list.items, resourceVersion: list.metadata?.resourceVersion, continue: list.metadata?.continue || undefined };
  }

  async #token(): Promise<string> {
    const { token } = await this.deps.auth.getPluginRequestToken({ onBehalfOf: await this.deps.auth.getOwnServiceCredentials(), targetPluginId: 'kubernetes' });
    return token;
  }
}

/** Turns what the client or the proxy threw into a kind: the body tells a Kubernetes Status from a Backstage error. */
function classify(cluster: string, type: ServingResourceType, error: unknown, signal: AbortSignal): ClusterError {
  if (signal.aborted) return new ClusterError('timeout', cluster, `no answer to the list of ${type.plural}.${type.group} in time`, { cause: error });
  const { code, body } = error as { code?: number; body?: unknown };
  if (typeof code !== 'number') {
    return new ClusterError('unreachable', cluster, `cannot reach the Kubernetes backend: ${(error as Error).message}`, { cause: error });
  }
  let parsed: { kind?: string; message?: string; reason?: string; error?: { name?: string; message?: string; cause?: { message?: string } } } = {};
  try {
    parsed = typeof body === 'string' ? JSON.parse(body) : ((body ?? {}) as typeof parsed);
  } catch {
    // Not JSON: an answer from neither Kubernetes nor Backstage; the status code alone decides below.
  }
  const status = parsed.kind === 'Status' ? parsed.message : undefined;
  // Backstage's message names the cluster and often its cause already; ClusterError says the cluster once.
  const prefix = `Cluster '${cluster}' `;
  const own = parsed.error?.message?.startsWith(prefix) ? parsed.error.message.slice(prefix.length) : parsed.error?.message;
  const cause = parsed.error?.cause?.message;
  let backstage = own;
  if (own && cause && !own.includes(cause)) backstage = `${own}: ${cause}`;
  const said = status ?? backstage ?? `HTTP ${code}`;
  if (code === 401) return new ClusterError('unauthorized', cluster, `the cluster refused the credential: ${said}`, { cause: error });
  if (code === 403) return new ClusterError('forbidden', cluster, status ?? `may not list ${type.plural}.${type.group}: ${said}`, { cause: error });
  if (code === 410) return new ClusterError('expired', cluster, said, { cause: error });
  if (code === 404 && status !== undefined) {
    return new ClusterError('not-installed', cluster, `${type.kind} (${type.plural}.${type.group}/${type.version}) is not installed`, { cause: error });
  }
  if (code === 404 && parsed.error?.name === 'NotFoundError') return new ClusterError('unknown-cluster', cluster, said, { cause: error });
  if (code >= 500 && backstage) return new ClusterError('unreachable', cluster, said, { cause: error });
  return new ClusterError('malformed', cluster, `HTTP ${code} to the list of ${type.plural}.${type.group}: ${said}`, { cause: error });
}
