import type { ModelVersion } from '@modelport/plugin-models-common';
import type { ServedObject } from '../objects/types';
import type { Verdict } from '../verdicts';

const byVersion = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

/**
 * One serving endpoint's verdict for a model, from its served entities of the model and their traffic, against the
 * version the registry has current (`approved`) in the endpoint's environment. A platform's endpoint names the
 * registry version it serves, so versions are compared by name (the importer keeps the registry's names).
 * - a served version that was never imported: unregistered-artifact;
 * - an endpoint that is not ready answers no requests: nothing runs there (not-deployed, or in-line when nothing is
 *   approved either), its readiness shown on the object;
 * - all of the model's traffic on the approved version: in-line; a split that includes it: rolling-out, the other
 *   version with the most traffic as the one rolled out; traffic only on other versions: mismatch.
 */
export function endpointVerdict(objects: ServedObject[], approved: string | undefined, versions: ModelVersion[]): Verdict {
  const entities = objects.flatMap(o => o.servedEntities ?? []);
  const registered = new Set(versions.map(v => v.version));
  const unregistered = [...new Set(entities.filter(e => !registered.has(e.version)).map(e => e.version))].sort(byVersion);
  if (unregistered.length) return { state: 'unregistered-artifact', artifacts: unregistered.map(v => `version ${v}`) };
  const nothingRuns: Verdict = approved ? { state: 'not-deployed' } : { state: 'in-line' };
  if (objects.some(o => o.ready !== 'True')) return nothingRuns;

  const shares = new Map<string, number>();
  for (const e of entities) shares.set(e.version, (shares.get(e.version) ?? 0) + e.percent);
  const live = [...shares].filter(([, percent]) => percent > 0).map(([version, percent]) => ({ version, percent }));
  if (!live.length) return nothingRuns;
  const onApproved = live.find(s => s.version === approved);
  if (onApproved && live.length === 1) return { state: 'in-line', version: approved };
  if (onApproved) {
    const others = live.filter(s => s !== onApproved).sort((a, b) => b.percent - a.percent || byVersion(a.version, b.version));
    const [candidate] = others;
    return { state: 'rolling-out', version: candidate.version, percent: candidate.percent, rest: live.filter(s => s !== candidate) };
  }
  return { state: 'mismatch', running: live.map(s => s.version).sort(byVersion) };
}
