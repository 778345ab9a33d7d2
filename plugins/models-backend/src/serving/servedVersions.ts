import type { ModelVersion } from '@modelport/plugin-models-common';
import type { ServedObject } from './objects/types';

/** The label a deployment may carry to say which registered version it serves (the scaffolder's manifests set it). */
export const VERSION_LABEL = 'modelport.io/version';

/** Which registered version an object serves, and how that was decided. */
export type ServedVersion =
  | { version: string; by: 'artifact'; /** A version label that says otherwise than the artifact. */ contradictingLabel?: string }
  | { version: string; by: 'label' }
  | { version?: undefined; by: 'unregistered'; artifact?: string; label?: string }
  | { version?: undefined; by: 'unknown' };

/** Artifact URIs compare without a trailing slash (a model directory is written both ways). */
const normalize = (uri: string) => uri.trim().replace(/\/+$/, '');

/**
 * The registered version an object serves. The artifact it loads (storageUri) decides when it has one: that is what
 * runs, whatever a label says, and a `modelport.io/version` label that says otherwise is kept as a contradiction. An
 * object without an artifact (a plain Deployment) is known by its label, which must name a registered version. An
 * artifact or a label that matches no registered version is a finding of its own ("unregistered"); an object that
 * says neither is "unknown".
 */
export function servedVersion(object: ServedObject, versions: ModelVersion[]): ServedVersion {
  const label = object.labels[VERSION_LABEL];
  if (object.artifact) {
    const found = versions.find(v => normalize(v.artifactUri) === normalize(object.artifact!));
    if (!found) return { by: 'unregistered', artifact: object.artifact, label };
    return label !== undefined && label !== found.version ? { version: found.version, by: 'artifact', contradictingLabel: label } : { version: found.version, by: 'artifact' };
  }
  if (label !== undefined) return versions.some(v => v.version === label) ? { version: label, by: 'label' } : { by: 'unregistered', label };
  return { by: 'unknown' };
}
