import type { InstantSample } from '../prometheus/PrometheusClient';
import { workloadOfLabels } from '../slo/metricsSources';
import { PART, SLO_LABEL } from './fleetQueries';

/**
 * The samples of the answers by part and by the workload (or custom objective) they belong to, so that matching
 * the fleet to its samples costs one pass over each answer rather than one per model.
 */
export type SampleIndex = Map<string, InstantSample[]>;

export function addSamples(index: SampleIndex, samples: InstantSample[]): SampleIndex {
  for (const s of samples) {
    const key = s.labels[SLO_LABEL] ?? `${s.labels[PART]}|${workloadOfLabels(s.labels)}`;
    const list = index.get(key);
    if (list) list.push(s);
    else index.set(key, [s]);
  }
  return index;
}

/** The samples of one part for one workload or objective. */
export function samplesOf(index: SampleIndex, part: string, of: string): InstantSample[] {
  return index.get(`${part}|${of}`) ?? [];
}
