import type { ModelVersion } from '@modelport/plugin-models-common';
import { endpointVerdict } from './endpoints/endpointVerdict';
import type { ClusterServing, ModelServing } from './matchModels';
import type { ServedObject } from './objects/types';
import type { ReadFailure } from './readCluster';
import { servedVersion, type ServedVersion } from './servedVersions';

/**
 * Approved against running, for one model on one cluster or one environment:
 * - in-line: what runs is what the registry approved (or nothing is approved and nothing runs);
 * - rolling-out: a version takes part of the traffic (a KServe canary, a Seldon Experiment candidate);
 * - mismatch: it runs versions the registry did not approve there;
 * - not-deployed: a version is approved and nothing runs it;
 * - unregistered-artifact: it serves an artifact (or names a version) the registry does not hold;
 * - unidentified: it runs something that says neither its artifact nor its version;
 * - cluster-unreachable: the cluster could not be read this cycle, so nothing is known of it;
 * - not-watched: no configured cluster serves the environment.
 */
export type Verdict =
  | { state: 'in-line'; version?: string }
  | { state: 'rolling-out'; version?: string; percent: number; rest: Array<{ version?: string; revision?: string; percent: number }> }
  | { state: 'mismatch'; running: string[] }
  | { state: 'not-deployed' }
  | { state: 'unregistered-artifact'; artifacts: string[] }
  | { state: 'unidentified'; objects: string[] }
  | { state: 'cluster-unreachable'; failure: ReadFailure }
  | { state: 'not-watched' };

export type ClusterVerdict = { cluster: string; verdict: Verdict };
export type EnvironmentVerdict = { environment: string; approved?: string; verdict: Verdict; clusters: ClusterVerdict[] };

const SEVERITY: Record<Verdict['state'], number> = {
  'in-line': 0,
  'not-watched': 0,
  'rolling-out': 1,
  'not-deployed': 2,
  'cluster-unreachable': 3,
  unidentified: 4,
  mismatch: 5,
  'unregistered-artifact': 6,
};

/** The artifact a revision of an object on a cluster was seen serving, when Modelport saw it settled. */
export type RevisionArtifacts = (cluster: string, object: ServedObject, revision: string) => string | undefined;

/**
 * One cluster's verdict: the objects it serves of the model, their versions and their traffic, against `approved`.
 * The older side of a KServe canary is named by the version its revision was seen serving, when it was.
 */
export function clusterVerdict(serving: ClusterServing, approved: string | undefined, versions: ModelVersion[], seen: RevisionArtifacts = () => undefined): Verdict {
  if (serving.failure) return { state: 'cluster-unreachable', failure: serving.failure };
  // A registry platform's serving endpoint stands as a cluster of its own and names the versions it serves.
  if (serving.objects.some(o => o.kind === 'ServingEndpoint')) return endpointVerdict(serving.objects, approved, versions);
  const verdict = verdictOfObjects(serving, approved, versions, seen);
  // A type the cluster would not list (forbidden, malformed, timed out; not one that is not installed) may hold
  // what runs: "in line" or "not deployed" cannot be told then, while what was seen running still stands.
  const unlisted = Object.values(serving.unavailable).find(f => f && f.kind !== 'not-installed');
  if (unlisted && (verdict.state === 'in-line' || verdict.state === 'not-deployed')) return { state: 'cluster-unreachable', failure: unlisted };
  return verdict;
}

function verdictOfObjects(serving: ClusterServing, approved: string | undefined, versions: ModelVersion[], seen: RevisionArtifacts): Verdict {
  const objects = serving.objects;
  const versionOf = (o: ServedObject) => servedVersion(o, versions);

  const unregistered = objects.map(versionOf).filter((v): v is Extract<ServedVersion, { by: 'unregistered' }> => v.by === 'unregistered');
  if (unregistered.length) return { state: 'unregistered-artifact', artifacts: unregistered.map(v => v.artifact ?? `version ${v.label}`) };

  // A Seldon Model that an Experiment splits traffic to is reported through the Experiment, not on its own.
  const experiments = objects.filter(o => o.kind === 'SeldonExperiment');
  const inExperiment = new Set(experiments.flatMap(e => (e.candidates ?? []).map(c => `${e.namespace}/${c.model}`)));
  const seldonVersion = (namespace: string, name: string) => {
    const model = objects.find(o => o.kind === 'SeldonModel' && o.namespace === namespace && o.name === name);
    return model ? versionOf(model).version : undefined;
  };

  for (const e of experiments) {
    const sides = e.traffic.map(t => ({ version: seldonVersion(e.namespace, t.revision ?? ''), revision: t.revision, percent: t.percent }));
    const candidate = sides.find(s => s.version !== approved && s.percent > 0 && s.percent < 100);
    if (candidate) return { state: 'rolling-out', version: candidate.version, percent: candidate.percent, rest: sides.filter(s => s !== candidate) };
  }
  for (const o of objects.filter(x => x.kind === 'InferenceService')) {
    const latest = o.traffic.find(t => t.latest);
    if (latest && latest.percent < 100) {
      return {
        state: 'rolling-out',
        version: versionOf(o).version,
        percent: latest.percent,
        rest: o.traffic
          .filter(t => t !== latest)
          .map(t => {
            const artifact = t.revision ? seen(serving.cluster, o, t.revision) : undefined;
            const version = artifact ? servedVersion({ ...o, artifact, labels: {} }, versions).version : undefined;
            return { ...(version ? { version } : {}), revision: t.revision, percent: t.percent };
          }),
      };
    }
  }

  const running = objects.filter(o => o.kind !== 'SeldonExperiment' && !(o.kind === 'SeldonModel' && inExperiment.has(`${o.namespace}/${o.name}`)));
  const unknown = running.filter(o => versionOf(o).by === 'unknown');
  if (unknown.length) return { state: 'unidentified', objects: unknown.map(o => `${o.kind}/${o.namespace}/${o.name}`) };
  const versionsRunning = [...new Set(running.map(o => versionOf(o).version!))].sort();
  if (!versionsRunning.length) return approved ? { state: 'not-deployed' } : { state: 'in-line' };
  if (versionsRunning.length === 1 && versionsRunning[0] === approved) return { state: 'in-line', version: approved };
  return { state: 'mismatch', running: versionsRunning };
}

/**
 * Per registry environment, the verdict of each cluster that serves it and the environment's own: the most severe
 * of its clusters', so that one unreachable or drifting cluster is never averaged away by a healthy one.
 */
export function environmentVerdicts(
  environments: string[],
  approved: Record<string, string | undefined>,
  versions: ModelVersion[],
  serving: ModelServing,
  seen?: RevisionArtifacts,
): EnvironmentVerdict[] {
  return environments.map(environment => {
    const clusters = serving.clusters
      .filter(c => c.environment === environment)
      .map(c => ({ cluster: c.cluster, verdict: clusterVerdict(c, approved[environment], versions, seen) }));
    const worst = clusters.reduce<Verdict>((a, b) => (SEVERITY[b.verdict.state] > SEVERITY[a.state] ? b.verdict : a), clusters[0]?.verdict ?? { state: 'not-watched' });
    return { environment, approved: approved[environment], verdict: worst, clusters };
  });
}
