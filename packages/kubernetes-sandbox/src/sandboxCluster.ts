import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { servingResourceTypes, type ServingResourceType } from '@modelport/plugin-models-common';
import { listenHttp } from '@internal/test-fixtures';

/** A Kubernetes object as the API server stores and lists it. */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

/** A resource type the server lists; Modelport's are models-common's `servingResourceTypes`. */
export type ResourceType = ServingResourceType;

/** What a sandbox cluster holds and how it misbehaves; change it with `set` while the server runs. */
export type ClusterState = {
  /** The only bearer token the server accepts; any other, or none, gets 401 Unauthorized. */
  token: string;
  objects: KubeObject[];
  /** The resource types whose CRDs are installed (default: all of Modelport's); the others answer 404. */
  installed?: ResourceType[];
  /** Plurals the token may not list: 403 with the API server's message. */
  forbidden?: string[];
  /** Plurals answered 200 with a body that is not a list. */
  malformed?: string[];
  /** While true, list requests get no answer; their connections drop when it is unset or the server closes. */
  hang?: boolean;
};

export type SandboxRequest = { method: string; path: string; query: Record<string, string>; authorized: boolean };

export type SandboxCluster = {
  url: string;
  /** Every request received, in order. */
  requests: SandboxRequest[];
  /** Replaces part of the state. Objects replaced make a new resourceVersion; pages already handed out stay valid. */
  set(change: Partial<ClusterState>): void;
  /** Forgets the lists of earlier resourceVersions, as etcd compaction does: their continue tokens get 410 Expired. */
  compact(): void;
  close(): Promise<void>;
};

/**
 * The types every API server serves whatever is installed: those the Kubernetes plugin's tab lists for an entity
 * (its default objects), so that the portal's Kubernetes tab reads a sandbox cluster as it reads a real one.
 */
const builtInTypes: ResourceType[] = [
  ['', 'v1', 'pods', 'Pod'],
  ['', 'v1', 'services', 'Service'],
  ['', 'v1', 'configmaps', 'ConfigMap'],
  ['', 'v1', 'limitranges', 'LimitRange'],
  ['', 'v1', 'resourcequotas', 'ResourceQuota'],
  ['', 'v1', 'secrets', 'Secret'],
  ['', 'v1', 'persistentvolumes', 'PersistentVolume'],
  ['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim'],
  ['apps', 'v1', 'replicasets', 'ReplicaSet'],
  ['apps', 'v1', 'statefulsets', 'StatefulSet'],
  ['apps', 'v1', 'daemonsets', 'DaemonSet'],
  ['autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler'],
  ['batch', 'v1', 'jobs', 'Job'],
  ['batch', 'v1', 'cronjobs', 'CronJob'],
  ['networking.k8s.io', 'v1', 'ingresses', 'Ingress'],
].map(([group, version, plural, kind]) => ({ group, version, plural, kind }));

const apiVersionOf = (type: ResourceType) => (type.group ? `${type.group}/${type.version}` : type.version);

type Continue = { rv: number; plural: string; namespace?: string; offset: number };

const status = (code: number, reason: string, message: string, details: Record<string, unknown> = {}) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  details,
  code,
});

/**
 * A local server that answers the Kubernetes API's list calls as an API server does: lists with a
 * resourceVersion, equality label selectors, `limit` and `continue` paging over a consistent snapshot (410 Expired
 * once compacted), Status objects for 401, 403 and 404, and bearer-token checks. No API server runs on these
 * machines (see TOOLCHAIN.md); written here because the fakes on npm mock the client, not the wire.
 */
export async function startSandboxCluster(initial: ClusterState, options: { port?: number; host?: string } = {}): Promise<SandboxCluster> {
  let state: ClusterState = { ...initial };
  let rv = 1;
  const snapshots = new Map<number, KubeObject[]>([[rv, state.objects]]);
  const requests: SandboxRequest[] = [];
  const hanging = new Set<() => void>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const authorized = req.headers.authorization === `Bearer ${state.token}`;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), authorized });
    const send = (code: number, body: unknown) => res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));

    if (!authorized) return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    // The core group at /api/v1/..., the others at /apis/<group>/<version>/...
    const route = url.pathname.match(/^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(?:namespaces\/([^/]+)\/)?([^/]+)$/);
    const [group, version, namespace, plural] = route ? [route[1] ? '' : route[2], route[1] ?? route[3], route[4], route[5]] : [];
    const type = route && [...(state.installed ?? Object.values(servingResourceTypes)), ...builtInTypes].find(t => t.group === group && t.version === version && t.plural === plural);
    if (req.method !== 'GET' || !route || !type) return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    if (state.forbidden?.includes(type.plural)) {
      const who = 'User "system:serviceaccount:backstage:modelport"';
      const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
      return send(
        403,
        status(403, 'Forbidden', `${type.plural}.${type.group} is forbidden: ${who} cannot list resource "${type.plural}" in API group "${type.group}" ${scope}`, {
          group: type.group,
          kind: type.plural,
        }),
      );
    }
    if (state.hang) {
      const answer = () => {
        hanging.delete(answer);
        res.destroy();
      };
      hanging.add(answer);
      return undefined;
    }
    if (state.malformed?.includes(type.plural)) return send(200, { apiVersion: apiVersionOf(type), kind: `${type.kind}List`, metadata: {}, items: 'not a list' });

    const token = url.searchParams.get('continue');
    let from: Continue = { rv, plural: type.plural, namespace, offset: 0 };
    if (token) {
      try {
        from = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
      } catch {
        return send(400, status(400, 'BadRequest', 'continue key is not valid: invalid continue token'));
      }
      if (from.plural !== type.plural || from.namespace !== namespace) return send(400, status(400, 'BadRequest', 'continue key is not valid: another list'));
      if (!snapshots.has(from.rv)) {
        return send(
          410,
          status(
            410,
            'Expired',
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
          ),
        );
      }
    }
    // Equality requirements only (`a=b,c=d`): what a per-entity lookup, as the Kubernetes plugin makes, sends.
    const wanted = (url.searchParams.get('labelSelector') ?? '')
      .split(',')
      .filter(Boolean)
      .map(r => r.split('='));
    const all = snapshots
      .get(from.rv)!
      .filter(o => o.apiVersion === apiVersionOf(type) && o.kind === type.kind && (!namespace || o.metadata.namespace === namespace))
      .filter(o => wanted.every(([k, v]) => o.metadata.labels?.[k] === v));
    const limit = Number(url.searchParams.get('limit') ?? 0);
    const end = limit > 0 ? Math.min(all.length, from.offset + limit) : all.length;
    const metadata: Record<string, unknown> = { resourceVersion: String(from.rv) };
    if (end < all.length) {
      metadata.continue = Buffer.from(JSON.stringify({ ...from, offset: end } satisfies Continue)).toString('base64url');
      metadata.remainingItemCount = all.length - end;
    }
    return send(200, { apiVersion: apiVersionOf(type), kind: `${type.kind}List`, metadata, items: all.slice(from.offset, end) });
  });

  const listening = await listenHttp(server, options);

  return {
    url: listening.url,
    requests,
    set(change) {
      state = { ...state, ...change };
      if (change.objects) snapshots.set(++rv, change.objects);
      if (change.hang === false) [...hanging].forEach(answer => answer());
    },
    compact() {
      for (const key of [...snapshots.keys()]) if (key !== rv) snapshots.delete(key);
    },
    async close() {
      [...hanging].forEach(answer => answer());
      await listening.close();
    },
  };
}

/** Stamps the metadata an API server adds to every stored object (uid, resourceVersion, creationTimestamp). */
export function stored(object: KubeObject, at = '2026-11-30T09:00:00Z'): KubeObject {
  return { ...object, metadata: { uid: randomUUID(), resourceVersion: '1', creationTimestamp: at, generation: 1, ...object.metadata } };
}
