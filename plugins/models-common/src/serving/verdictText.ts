import type { ServingVerdict } from './types';

/**
 * A serving verdict in words, for the portal's cards and pages and the owners' notifications alike: what runs
 * against what the registry approved in that environment.
 *
 * @public
 */
export function servingVerdictText(verdict: ServingVerdict, approved: string | undefined): string {
  switch (verdict.state) {
    case 'in-line':
      return verdict.version ? `Runs ${verdict.version}, as approved.` : 'Nothing is approved here and nothing runs.';
    case 'rolling-out': {
      const rest = (verdict.rest ?? []).map(r => `${r.percent}% on ${r.version ?? (r.revision ? `revision ${r.revision}` : 'an earlier revision')}`);
      return `Rolling out ${verdict.version ?? 'an unidentified version'} at ${verdict.percent}%${rest.length ? `; ${rest.join(', ')}` : ''}. Approved: ${approved ?? 'none'}.`;
    }
    case 'mismatch':
      return `Runs ${(verdict.running ?? []).join(' and ')}, but the registry approved ${approved ?? 'no version'} here.`;
    case 'not-deployed':
      return `${approved} is approved here, and nothing runs it.`;
    case 'unregistered-artifact':
      return `Serves what the registry does not hold: ${(verdict.artifacts ?? []).join(', ')}.`;
    case 'unidentified':
      return `Runs objects that say neither their artifact nor a modelport.io/version label: ${(verdict.objects ?? []).join(', ')}.`;
    case 'cluster-unreachable':
      return `Unknown: ${verdict.failure?.message ?? 'a cluster could not be read'}.`;
    case 'not-watched':
    default:
      return 'No configured cluster serves this environment.';
  }
}
