import {
  type CumulativeHistogram,
  detectDriftFromCounts,
  detectDriftFromHistograms,
  type FeatureDrift,
  type ModelObservability,
  type MonitoredFeature,
  type ObservabilityError,
  type VersionProfile,
} from '@modelport/plugin-models-common';
import type { InstantSample } from '../prometheus/PrometheusClient';
import { boundValue } from '../slo/bucketBound';
import { PART } from './fleetQueries';
import { addSamples, type SampleIndex, samplesOf } from './sampleIndex';
import type { ModelTarget } from './targets';

/** The baseline of a model whose drift reference is an environment: the current version there and its profile. */
export type Baseline = { version?: string; profile?: VersionProfile };

/**
 * A baseline profile's distribution of one feature, in the shape of Prometheus samples so that the same drift
 * code reads both; a string instead when there is no baseline to compare with, saying why.
 */
function fromProfile(baseline: Baseline, feature: string, environment: string, workload: string): InstantSample[] | string {
  if (!baseline.version) return `no baseline: no version is current in ${environment}`;
  const distribution = baseline.profile?.features[feature];
  if (!distribution) return `no baseline: version ${baseline.version} registered no profile of ${feature}`;
  if ('buckets' in distribution) {
    return distribution.buckets.map(b => ({ labels: { [PART]: 'histogram', model: workload, feature, le: String(b.le) }, value: b.count }));
  }
  return Object.entries(distribution.categories).map(([category, value]) => ({ labels: { [PART]: 'categories', model: workload, feature, category }, value }));
}

function monitoredColumns(t: ModelTarget): Array<{ feature: MonitoredFeature; role: FeatureDrift['role'] }> {
  const monitoring = t.model.spec.monitoring;
  return [
    ...(monitoring?.features ?? []).map(feature => ({ feature, role: 'feature' as const })),
    ...(monitoring?.prediction ? [{ feature: monitoring.prediction, role: 'prediction' as const }] : []),
  ];
}

/** Buckets by the value of their bound: one bound written two ways (`300`, `300.0`) is one bucket. */
function histogramOf(samples: InstantSample[]): CumulativeHistogram | undefined {
  if (!samples.length) return undefined;
  const byBound = new Map<number, number>();
  for (const s of samples) {
    const bound = boundValue(s.labels.le);
    byBound.set(bound, (byBound.get(bound) ?? 0) + s.value);
  }
  const sorted = [...byBound].sort((a, b) => a[0] - b[0]);
  return { upperBounds: sorted.map(([le]) => le), cumulativeCounts: sorted.map(([, value]) => value) };
}

function evaluateFeature(t: ModelTarget, feature: MonitoredFeature, role: FeatureDrift['role'], current: SampleIndex, reference: SampleIndex | string): FeatureDrift {
  const base = { name: feature.name, type: feature.type, role };
  if (typeof reference === 'string') return { ...base, state: 'no-data', message: reference };
  const mine = (samples: SampleIndex, part: string) => samplesOf(samples, part, t.workload).filter(s => s.labels.feature === feature.name);
  try {
    if (feature.type === 'numerical') {
      const cur = histogramOf(mine(current, 'histogram'));
      const ref = histogramOf(mine(reference, 'histogram'));
      if (!cur?.cumulativeCounts.at(-1) || !ref?.cumulativeCounts.at(-1)) {
        return { ...base, state: 'no-data', message: `no ${cur?.cumulativeCounts.at(-1) ? 'reference' : 'current'} observations of modelport_feature_value{feature="${feature.name}"}` };
      }
      const r = detectDriftFromHistograms({ reference: ref, current: cur, test: feature.test, threshold: feature.threshold });
      return { ...base, state: r.drifted ? 'drifted' : 'ok', test: r.test, score: r.score, threshold: r.threshold, referenceSize: r.referenceSize, currentSize: r.currentSize };
    }
    const counts = (samples: SampleIndex) => Object.fromEntries(mine(samples, 'categories').map(s => [s.labels.category, s.value]));
    const cur = counts(current);
    const ref = counts(reference);
    const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    if (!sum(cur) || !sum(ref)) {
      return { ...base, state: 'no-data', message: `no ${sum(cur) ? 'reference' : 'current'} observations of modelport_feature_category_total{feature="${feature.name}"}` };
    }
    const r = detectDriftFromCounts({ reference: ref, current: cur, test: feature.test, threshold: feature.threshold });
    return { ...base, state: r.drifted ? 'drifted' : 'ok', test: r.test, score: r.score, threshold: r.threshold, referenceSize: r.referenceSize, currentSize: r.currentSize };
  } catch (error) {
    return { ...base, state: 'error', message: (error as Error).message };
  }
}

/**
 * The drift of one model: each monitored column against its reference (an earlier window's answer, or the
 * baseline profile of the version current in an environment), or the error of its drift queries.
 */
export function evaluateDrift(
  t: ModelTarget,
  current: SampleIndex,
  referenceWindow: SampleIndex,
  baseline: Baseline | undefined,
  failure?: ObservabilityError,
): ModelObservability['drift'] {
  const environment = 'environment' in t.reference ? t.reference.environment : undefined;
  const referenceOf = (name: string): SampleIndex | string => {
    if (!environment) return referenceWindow;
    const profile = fromProfile(baseline ?? {}, name, environment, t.workload);
    return typeof profile === 'string' ? profile : addSamples(new Map(), profile);
  };
  const features = monitoredColumns(t).map(({ feature, role }) =>
    failure
      ? { name: feature.name, type: feature.type, role, state: 'error' as const, message: `Prometheus failed this model's drift query: ${failure.message}` }
      : evaluateFeature(t, feature, role, current, referenceOf(feature.name)),
  );
  let state: ModelObservability['drift']['state'] = 'not-configured';
  if (features.length) {
    state = 'no-data';
    if (features.some(f => f.state === 'ok')) state = 'ok';
    if (features.some(f => f.state === 'error')) state = 'error';
    if (features.some(f => f.state === 'drifted')) state = 'drifted';
  }
  return { state, window: t.driftWindow, reference: environment ? { environment, version: baseline?.version } : t.reference, features };
}
