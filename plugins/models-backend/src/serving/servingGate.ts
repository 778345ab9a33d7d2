import type { ClusterServingStatus, ModelVersion } from '@modelport/plugin-models-common';
import type { QualityGate } from '@modelport/plugin-models-node';
import type { ServedObject } from './objects/types';
import { servedVersion } from './servedVersions';
import type { ServingService } from './ServingService';

/** The gate's type, as environments name it in `policy.qualityGates`. */
export const DEPLOYED_IN_PREVIOUS_ENVIRONMENT = 'deployed-in-previous-environment';

/**
 * Whether `version` takes all the traffic of a ready object on this cluster, and if not, what the cluster shows
 * instead, in words for the requester. A canary or an Experiment candidate below 100% runs, but is not yet verified.
 */
function evidenceOn(cluster: ClusterServingStatus, version: ModelVersion): { verified: true; object: string } | { verified: false; why: string } {
  const where = `on ${cluster.cluster}`;
  if (cluster.failure) return { verified: false, why: `${where} the cluster could not be read (${cluster.failure.message})` };
  if (cluster.stale) return { verified: false, why: `${where} the last read (${cluster.readAt}) is too old to count` };
  const objects = cluster.objects as ServedObject[];
  // A registry platform's serving endpoint names the versions it serves, each with its share of the traffic.
  const endpointShare = (o: ServedObject) => (o.servedEntities ?? []).filter(e => e.version === version.version).reduce((sum, e) => sum + e.percent, 0);
  const runsIt = (o: ServedObject) =>
    o.kind === 'ServingEndpoint' ? (o.servedEntities ?? []).some(e => e.version === version.version) : servedVersion(o, [version]).version === version.version;
  const candidates = objects.filter(o => o.kind !== 'SeldonExperiment' && runsIt(o));
  if (!candidates.length) return { verified: false, why: `${where} nothing runs ${version.version}` };
  const problems: string[] = [];
  for (const o of candidates) {
    const name = `${o.kind} ${o.namespace}/${o.name}`;
    const latest = o.traffic.find(t => t.latest);
    const experiment = objects.find(e => e.kind === 'SeldonExperiment' && e.namespace === o.namespace && e.candidates?.some(c => c.model === o.name));
    const share = o.kind === 'ServingEndpoint' ? endpointShare(o) : experiment?.traffic.find(t => t.revision === o.name)?.percent;
    if (o.ready !== 'True') problems.push(`${name} is not ready${o.failing ? ` (${o.failing.condition}: ${o.failing.reason ?? o.failing.message ?? 'no reason given'})` : ''}`);
    else if (latest && latest.percent < 100) problems.push(`${name} serves it to ${latest.percent}% of the traffic only (a canary)`);
    else if (share !== undefined && share < 100) problems.push(`${name} serves it to ${share}% of the traffic only${experiment ? ` (Experiment ${experiment.name})` : ''}`);
    else return { verified: true, object: name };
  }
  return { verified: false, why: `${where} ${problems.join('; ')}` };
}

/**
 * The `deployed-in-previous-environment` quality gate (off unless an environment's policy lists it): a version may
 * enter an environment only if it runs, ready and with all its traffic, on a cluster of the environment before it,
 * as read by the last serving collection (deployment verification). Fails closed when no cluster of that
 * environment is configured or current. Overridable with a reason, as live operational state is.
 */
export function deployedInPreviousEnvironmentGate(serving: ServingService): QualityGate {
  return {
    type: DEPLOYED_IN_PREVIOUS_ENVIRONMENT,
    async evaluate({ model, version, environment }) {
      const fail = (message: string) => ({ passed: false, overridable: true, message });
      const order = serving.environments;
      const previous = order[order.indexOf(environment) - 1];
      if (order.indexOf(environment) < 0) return fail(`Deployment unverified: ${environment} is not a registry environment`);
      if (!previous) return { passed: true, message: `${environment} is the first environment: there is none before it to run in` };
      const status = await serving.status(model);
      const unverified = `Deployment unverified: ${version.version} is not seen running in ${previous}`;
      if (status.state === 'not-configured') return fail(`${unverified}: no serving clusters are configured (models.serving.clusters)`);
      if (status.state === 'pending') return fail(`${unverified}: the clusters have not been read yet`);
      if (status.state === 'unmatched') return fail(`${unverified}: ${status.problem}`);
      const clusters = status.clusters.filter(c => c.environment === previous);
      if (!clusters.length) return fail(`${unverified}: no configured cluster serves ${previous}`);
      const evidence = clusters.map(c => ({ cluster: c, found: evidenceOn(c, version) }));
      const verified = evidence.find(e => e.found.verified);
      if (verified && verified.found.verified) {
        return { passed: true, message: `${version.version} runs, ready, in ${previous}: ${verified.found.object} on ${verified.cluster.cluster} (read ${verified.cluster.readAt})` };
      }
      return fail(`${unverified}: ${evidence.map(e => (e.found.verified ? '' : e.found.why)).join('; ')}`);
    },
  };
}
