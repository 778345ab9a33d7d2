import {
  ALERT_WINDOWS,
  type EventCounts,
  evaluateSlo,
  type ModelSlo,
  type ObservabilityError,
  type SloSnapshot,
  sloIndicator,
} from '@modelport/plugin-models-common';
import type { InstantSample } from '../prometheus/PrometheusClient';
import { boundValue } from '../slo/bucketBound';
import { isErrorResponse, latencyBound, SOURCE_METRICS } from '../slo/metricsSources';
import { TRAFFIC_STEP_SECONDS } from './fleetQueries';
import { type SampleIndex, samplesOf } from './sampleIndex';
import { objectiveId, type ModelTarget } from './targets';

function inNamespace(t: ModelTarget, labels: Record<string, string>): boolean {
  return !t.namespace || labels[SOURCE_METRICS[t.source].namespaceLabel] === t.namespace;
}

const total = (samples: InstantSample[]) => (samples.length ? samples.reduce((n, s) => n + s.value, 0) : undefined);

/** The events of one objective over one window, from that window's answer; why not, when a bucket is missing. */
function countsIn(t: ModelTarget, slo: ModelSlo, index: SampleIndex): { counts?: EventCounts; reason?: string } {
  const indicator = sloIndicator(slo);
  const mine = (part: string, keep: (l: Record<string, string>) => boolean = () => true) =>
    total(samplesOf(index, part, t.workload).filter(s => inNamespace(t, s.labels) && keep(s.labels)));
  let bad: number | undefined;
  let all: number | undefined;
  let reason: string | undefined;
  if (indicator === 'custom') {
    const id = objectiveId(t.ref, slo);
    const good = total(samplesOf(index, 'custom_good', id));
    all = total(samplesOf(index, 'custom_total', id));
    bad = good === undefined || all === undefined ? undefined : all - good;
  } else if (indicator === 'availability') {
    all = mine(`${t.source}_requests`);
    bad = all === undefined ? undefined : (mine(`${t.source}_requests`, l => isErrorResponse(t.source, l)) ?? 0);
  } else {
    const threshold = latencyBound(t.source, slo.thresholdMs!);
    all = mine(`${t.source}_latency_total`);
    // By value: `300`, `300.0` and `3e2` are one bucket, and a window that spans an upgrade to Prometheus 3 has both.
    const good = mine(`${t.source}_latency_good`, l => boundValue(l.le) === threshold);
    if (all !== undefined && good === undefined) reason = `no latency bucket le="${threshold}" in the ${t.source} histogram`;
    bad = all === undefined || good === undefined ? undefined : all - good;
  }
  const counts = bad === undefined || all === undefined || !Number.isFinite(all) ? undefined : { bad: Math.max(bad, 0), total: all };
  return { counts, reason };
}

/**
 * One objective of one model from the answers of its windows (the alerting windows and its own), or its error:
 * a query Prometheus would refuse, or one that failed on its own in this cycle.
 */
export function evaluateObjective(
  t: ModelTarget,
  slo: ModelSlo,
  byWindow: Map<string, SampleIndex>,
  failure?: ObservabilityError,
): SloSnapshot {
  const indicator = sloIndicator(slo)!;
  const base = { name: slo.name, indicator, objective: slo.objective, window: slo.window };
  const invalid = t.invalidObjectives.get(slo.name);
  const error = invalid ? { kind: 'invalid_model', message: invalid } : failure;
  if (error) return { ...base, state: 'error', burnRates: [], error };
  const counts: Record<string, EventCounts | undefined> = {};
  let reason: string | undefined;
  for (const window of new Set([...ALERT_WINDOWS, slo.window])) {
    const index = byWindow.get(window);
    if (!index) continue;
    const found = countsIn(t, slo, index);
    counts[window] = found.counts;
    reason ??= found.reason;
  }
  const evaluation = evaluateSlo({ objective: slo.objective, window: slo.window, counts });
  if (evaluation.state === 'no-data' && !reason) reason = `no ${indicator} events over ${slo.window}`;
  return { ...base, ...evaluation, ...(evaluation.state === 'no-data' ? { reason } : {}) };
}

/**
 * Since when a silent objective has had no events, from the answer of the last-traffic query: the last step whose
 * ten-minute range saw events increase, less the five minutes after which the next step's range saw none.
 */
export function lastEventOf(t: ModelTarget, slo: ModelSlo, index: SampleIndex): string | undefined {
  const indicator = sloIndicator(slo);
  const samples =
    indicator === 'custom'
      ? samplesOf(index, 'last_custom', objectiveId(t.ref, slo))
      : samplesOf(index, `last_${t.source}_${indicator}`, t.workload).filter(s => inNamespace(t, s.labels));
  const latest = Math.max(...samples.map(s => s.value).filter(Number.isFinite));
  return Number.isFinite(latest) ? new Date((latest - TRAFFIC_STEP_SECONDS) * 1000).toISOString() : undefined;
}
