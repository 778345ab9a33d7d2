import { InputError } from '@backstage/errors';
import type { FeatureProfile, NewModelVersion } from '@modelport/plugin-models-common';

/**
 * The registry's input rules that the OpenAPI document cannot say; the document checks every request's shape
 * before a route runs, and the service checks these on every path that accepts such input (the API and the seed).
 */

/** Cumulative histogram buckets as Prometheus exports them: increasing bounds ending at +Inf, counts not falling. */
function bucketProblems(buckets: Extract<FeatureProfile, { buckets: unknown }>['buckets']): string[] {
  const problems: string[] = [];
  const bounds = buckets.map(b => (b.le === '+Inf' ? Infinity : b.le));
  if (bounds.at(-1) !== Infinity) problems.push('the last bucket must be le "+Inf"');
  if (bounds.some((b, i) => i > 0 && !(b > bounds[i - 1]))) problems.push('bucket bounds must increase');
  if (buckets.some((b, i) => i > 0 && b.count < buckets[i - 1].count)) problems.push('cumulative counts must not fall');
  if (!(buckets.at(-1)!.count > 0)) problems.push('the histogram is empty');
  return problems;
}

export function checkNewVersion(version: NewModelVersion): void {
  const problems = Object.entries(version.profile?.features ?? {}).flatMap(([feature, profile]) =>
    'buckets' in profile ? bucketProblems(profile.buckets).map(p => `profile.features.${feature}.buckets: ${p}`) : [],
  );
  if (problems.length) throw new InputError(`Invalid version: ${problems.join('; ')}`);
}
