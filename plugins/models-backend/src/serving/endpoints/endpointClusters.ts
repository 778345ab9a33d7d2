import type { ClusterServing } from '../matchModels';
import type { ServedObject } from '../objects/types';
import type { EndpointSnapshot, ReadEndpoint } from './EndpointStore';

/** A model's link to the registry it was imported from: the connector and the registry's own name of the model. */
export type EndpointLink = { connector: string; externalName: string; modelRef: string };

/**
 * The "cluster" a serving endpoint stands as, next to the Kubernetes clusters: prefixed so that it never takes a
 * Kubernetes cluster's name. Without an endpoint, the connector itself (when it failed before saying its endpoints).
 */
export const endpointClusterName = (connector: string, endpoint?: string) => `registry:${connector}${endpoint === undefined ? '' : `/${endpoint}`}`;

/** The endpoint as one of the model's serving objects, with only that model's served entities: others' are theirs. */
function endpointObject(connector: string, endpoint: ReadEndpoint, externalName: string): ServedObject {
  const entities = endpoint.served.filter(s => s.modelName === externalName);
  return {
    kind: 'ServingEndpoint',
    namespace: connector,
    name: endpoint.name,
    labels: {},
    ready: endpoint.ready ? 'True' : 'False',
    ...(endpoint.ready ? {} : { failing: { condition: 'Ready', reason: 'NOT_READY', message: 'the serving endpoint answers no requests' } }),
    ...(endpoint.url ? { url: endpoint.url } : {}),
    traffic: entities.map(s => ({ revision: s.name, percent: s.trafficPercent, latest: false })),
    servedEntities: entities.map(s => ({ name: s.name, model: s.modelName, version: s.version, percent: s.trafficPercent })),
    updating: endpoint.updating,
  };
}

/**
 * What one connector's endpoints serve of one linked model, each endpoint that names the model's external name as a
 * cluster of its environment. When the connector's last attempt failed, its endpoints keep their last read (stale,
 * with the failure), and every environment of the connector where none of them served the model gets the connector
 * itself, unreachable: it may serve the model there now, as an unreachable cluster may. The connector's environments
 * are those of its last good read; before one, the environments its registry aliases stand for.
 */
export function endpointClusters(
  link: EndpointLink,
  snapshot: EndpointSnapshot,
  options: { environments: string[]; aliasEnvironments: Record<string, string> },
): ClusterServing[] {
  const known = new Set(options.environments);
  const endpoints = snapshot.endpoints.filter(e => known.has(e.environment));
  const cluster = (name: string, environment: string, objects: ServedObject[]): ClusterServing => ({
    cluster: name,
    environment,
    ...(snapshot.readAt ? { readAt: snapshot.readAt } : {}),
    ...(snapshot.failure ? { failure: snapshot.failure } : {}),
    unavailable: {},
    objects,
    unreadable: [],
    sharedWith: {},
  });
  const serving = endpoints
    .filter(e => e.served.some(s => s.modelName === link.externalName))
    .map(e => cluster(endpointClusterName(link.connector, e.name), e.environment, [endpointObject(link.connector, e, link.externalName)]));
  if (!snapshot.failure) return serving;
  const environments = snapshot.readAt ? endpoints.map(e => e.environment) : Object.values(options.aliasEnvironments);
  const unread = options.environments.filter(env => environments.includes(env) && !serving.some(c => c.environment === env));
  return [...serving, ...unread.map(env => cluster(endpointClusterName(link.connector), env, []))];
}
