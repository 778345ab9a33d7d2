import type { ServingResourceName } from '@modelport/plugin-models-common';
import { readDeployment } from './objects/deployment';
import { readInferenceService } from './objects/inferenceService';
import { readSeldonExperiment, readSeldonModel } from './objects/seldon';
import type { ServedObject, UnreadableObject } from './objects/types';
import type { ClusterRead, ReadFailure } from './readCluster';

/** An object as stored: what was read of it, and the labels and namespace it is matched to models by. */
export type StoredObject = { labels: Record<string, string>; namespace?: string; object: ServedObject | UnreadableObject };

/** What Modelport knows of one cluster: its last complete read, and its last attempt. */
export type ClusterSnapshot = {
  cluster: string;
  environment: string;
  /** When `objects` were read; absent until a read succeeds. */
  readAt?: string;
  attemptAt: string;
  /** Why the last attempt failed; `objects` are then those of `readAt`, no longer current. */
  failure?: ReadFailure;
  unavailable: Partial<Record<ServingResourceName, ReadFailure>>;
  objects: StoredObject[];
};

const READERS: Record<ServingResourceName, (raw: unknown) => ServedObject | UnreadableObject> = {
  inferenceServices: readInferenceService,
  seldonModels: readSeldonModel,
  seldonExperiments: readSeldonExperiment,
  deployments: readDeployment,
};

/** Labels read leniently (string values only), so that even an object its reader refuses can be given to its model. */
function labelsOf(raw: unknown): Record<string, string> {
  const labels = (raw as { metadata?: { labels?: unknown } } | undefined)?.metadata?.labels;
  if (!labels || typeof labels !== 'object') return {};
  return Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Every object of a complete read, read by the reader of its resource type. */
function storedObjectsOf(read: ClusterRead): StoredObject[] {
  return (Object.keys(read.objects) as ServingResourceName[]).flatMap(type =>
    (read.objects[type] ?? []).map(raw => {
      const namespace = (raw as { metadata?: { namespace?: unknown } } | undefined)?.metadata?.namespace;
      return { labels: labelsOf(raw), namespace: typeof namespace === 'string' ? namespace : undefined, object: READERS[type](raw) };
    }),
  );
}

/** A cycle's read of one cluster as the store keeps it and the matching reads it; a failed read carries no objects. */
export function snapshotOf(read: ClusterRead, at: string): ClusterSnapshot {
  return {
    cluster: read.cluster,
    environment: read.environment,
    readAt: read.failure ? undefined : at,
    attemptAt: at,
    failure: read.failure,
    unavailable: read.unavailable,
    objects: read.failure ? [] : storedObjectsOf(read),
  };
}
