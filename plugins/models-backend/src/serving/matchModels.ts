import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_SERVING_OBJECT,
  modelRefOf,
  type ModelEntityV1alpha1,
  type ServingResourceName,
} from '@modelport/plugin-models-common';
import type { ClusterSnapshot } from './clusterSnapshot';
import type { ServedObject, UnreadableObject } from './objects/types';
import { parseLabelSelector, selects, type Requirement } from './labelSelector';
import type { ReadFailure } from './readCluster';

/** What one cluster serves of one model. */
export type ClusterServing = {
  cluster: string;
  environment: string;
  /** When the objects below were read; absent when the cluster was never read. */
  readAt?: string;
  /** The last attempt failed: the objects below are the last known ones, of `readAt`, not current. */
  failure?: ReadFailure;
  /** Resource types the cluster does not serve or will not list, by name. */
  unavailable: Partial<Record<ServingResourceName, ReadFailure>>;
  objects: ServedObject[];
  unreadable: UnreadableObject[];
  /** Objects this model's selector shares with other models, by `kind/namespace/name`: their refs. */
  sharedWith: Record<string, string[]>;
};

export type ModelServing = {
  modelRef: string;
  /** Why the model cannot be matched at all: no annotation, or one that cannot be used. */
  problem?: string;
  clusters: ClusterServing[];
};

type Matcher = { modelRef: string; id?: string; requirements: Requirement[]; namespace?: string; /** One object, `kind/namespace/name`. */ object?: string };

const keyOf = (o: { kind: string; namespace?: string; name?: string }) => `${o.kind}/${o.namespace ?? '?'}/${o.name ?? '?'}`;

/** A model's objects as Backstage's Kubernetes plugin finds a component's: its label selector, else its kubernetes-id. */
function matcherOf(model: ModelEntityV1alpha1): Matcher | { modelRef: string; problem: string } {
  const modelRef = modelRefOf(model);
  const annotations = model.metadata.annotations ?? {};
  const id = annotations[ANNOTATION_KUBERNETES_ID];
  const selector = annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR];
  const namespace = annotations[ANNOTATION_KUBERNETES_NAMESPACE];
  // Named outright (the entity validator checked its form): that object and no other.
  const object = annotations[ANNOTATION_SERVING_OBJECT];
  if (object !== undefined) return { modelRef, id, requirements: [], object };
  if (selector !== undefined) {
    try {
      const requirements = parseLabelSelector(selector);
      // An empty selector selects every object of every cluster: never one model's.
      if (!requirements.length) return { modelRef, problem: `${ANNOTATION_KUBERNETES_LABEL_SELECTOR} is empty and would select every object` };
      return { modelRef, id, requirements, namespace };
    } catch (error) {
      return { modelRef, problem: `${ANNOTATION_KUBERNETES_LABEL_SELECTOR}: ${(error as Error).message}` };
    }
  }
  if (id) return { modelRef, id, requirements: [{ key: ANNOTATION_KUBERNETES_ID, op: 'in', values: [id] }], namespace };
  return { modelRef, problem: `no ${ANNOTATION_KUBERNETES_ID}, ${ANNOTATION_KUBERNETES_LABEL_SELECTOR} or ${ANNOTATION_SERVING_OBJECT} annotation names its workloads` };
}

/**
 * Gives each model the serving objects that are its own, from one cycle's reads of every cluster.
 *
 * Isolation: an object labelled `backstage.io/kubernetes-id` declares its model, and only a model with that id can
 * take it; another model's selector that also matches it is ignored. An object without that label goes to every
 * model whose selector matches it, each told which others share it, so that a broad selector on one model can
 * neither hide an object from the model it serves nor pass its own objects off as another's.
 */
export function matchModels(models: ModelEntityV1alpha1[], snapshots: ClusterSnapshot[]): ModelServing[] {
  const matchers = models.map(matcherOf);
  const usable = matchers.filter((m): m is Matcher => !('problem' in m));

  // Per cluster, for each object, the models that may take it. Objects are indexed by label=value, so that the
  // usual selector (one equality, e.g. modelport.io/model=churn-classifier) looks at its own objects only.
  const claims = snapshots.map(snapshot => {
    const entries = snapshot.objects.map(stored => ({ ...stored, owners: [] as string[] }));
    const index = new Map<string, typeof entries>();
    for (const entry of entries) {
      for (const [key, value] of Object.entries(entry.labels)) {
        const k = `${key}=${value}`;
        const list = index.get(k);
        if (list) list.push(entry);
        else index.set(k, [entry]);
      }
    }
    const byKey = new Map(entries.map(e => [keyOf(e.object), e]));
    for (const m of usable) {
      if (m.object) {
        const entry = byKey.get(m.object);
        const declared = entry?.labels[ANNOTATION_KUBERNETES_ID];
        if (entry && (declared === undefined || m.id === declared)) entry.owners.push(m.modelRef);
        continue;
      }
      const equality = m.requirements.find((r): r is Extract<Requirement, { values: string[] }> => r.op === 'in' && r.values.length === 1);
      const candidates = equality ? (index.get(`${equality.key}=${equality.values[0]}`) ?? []) : entries;
      for (const entry of candidates) {
        const declared = entry.labels[ANNOTATION_KUBERNETES_ID];
        if ((declared === undefined || m.id === declared) && (!m.namespace || m.namespace === entry.namespace) && selects(m.requirements, entry.labels)) {
          entry.owners.push(m.modelRef);
        }
      }
    }
    return entries.filter(e => e.owners.length);
  });

  return matchers.map(matcher => {
    if ('problem' in matcher) return { modelRef: matcher.modelRef, problem: matcher.problem, clusters: [] };
    return {
      modelRef: matcher.modelRef,
      clusters: snapshots.map((snapshot, i) => {
        const mine = claims[i].filter(c => c.owners.includes(matcher.modelRef));
        const sharedWith: Record<string, string[]> = {};
        for (const c of mine) if (c.owners.length > 1) sharedWith[keyOf(c.object)] = c.owners.filter(o => o !== matcher.modelRef);
        return {
          cluster: snapshot.cluster,
          environment: snapshot.environment,
          readAt: snapshot.readAt,
          failure: snapshot.failure,
          unavailable: snapshot.unavailable,
          objects: mine.map(c => c.object).filter((o): o is ServedObject => !('problem' in o)),
          unreadable: mine.map(c => c.object).filter((o): o is UnreadableObject => 'problem' in o),
          sharedWith,
        };
      }),
    };
  });
}
