import {
  ALERT_WINDOWS,
  type CumulativeHistogram,
  detectDriftFromCounts,
  detectDriftFromHistograms,
  type EventCounts,
  evaluateSlo,
  type FeatureDrift,
  type ModelObservability,
  type MonitoredFeature,
  type SloSnapshot,
  type SloState,
  sloIndicator,
  type VersionProfile,
  windowSeconds,
} from '@modelport/plugin-models-common';
import type { InstantSample, PrometheusClient } from '../prometheus/PrometheusClient';
import { driftQuery, PART, SLO_LABEL, sloWindowQuery } from './fleetQueries';
import type { ModelTarget } from './targets';

const SEVERITY: Record<SloState, number> = { 'no-data': 0, ok: 1, warning: 2, critical: 3 };
const CONCURRENT_QUERIES = 4;

/** The baseline of a model whose drift reference is an environment: the current version there and its profile. */
export type Baseline = { version?: string; profile?: VersionProfile };

/**
 * Evaluates the SLOs and drift of every model on one Prometheus at one instant, with one query per window: the
 * alerting windows, each distinct objective window, and each distinct drift and reference window, four at a time.
 * Throws the client's PrometheusError if any query fails, so that a cycle is stored whole or not at all.
 */

export async function evaluateFleet(
  client: PrometheusClient,
  targets: ModelTarget[],
  at: Date,
  baselines: Map<string, Baseline> = new Map(),
): Promise<{ results: ModelObservability[]; queries: number }> {
  let queries = 0;
  // Prometheus evaluates queries in parallel (up to --query.max-concurrency, 20 by default); a few at a time keep
  // the cycle's wall time near its longest query without crowding out dashboards.
  const slots = new Array<Promise<unknown>>();
  const run = async (query: string | undefined): Promise<InstantSample[]> => {
    if (!query) return [];
    queries++;
    while (slots.length >= CONCURRENT_QUERIES) await Promise.race(slots);
    const pending = client.query(query, at);
    const slot = pending.then(
      () => undefined,
      () => undefined,
    );
    slots.push(slot);
    slot.then(() => slots.splice(slots.indexOf(slot), 1));
    return pending;
  };

  // Longest windows first: they cost Prometheus the most, so they start before the cheap ones queue behind them.
  const windows = [...new Set([...ALERT_WINDOWS, ...targets.flatMap(t => (t.model.spec.slos ?? []).map(s => s.window))])].sort(
    (a, b) => windowSeconds(b) - windowSeconds(a),
  );
  const byWindow = new Map<string, SampleIndex>();
  const sloAnswers = Promise.all(windows.map(async window => byWindow.set(window, indexSamples(await run(sloWindowQuery(targets, window))))));

  const key = (r: { window: string; offset?: string }) => `${r.window}|${r.offset ?? ''}`;
  const referenceKey = (t: ModelTarget) => ('window' in t.reference ? key(t.reference) : undefined);
  const driftRanges = new Map<string, { window: string; offset?: string }>();
  for (const t of targets) {
    driftRanges.set(key({ window: t.driftWindow }), { window: t.driftWindow });
    if ('window' in t.reference) driftRanges.set(key(t.reference), t.reference);
  }
  const driftSamples = new Map<string, SampleIndex>();
  await Promise.all([
    sloAnswers,
    ...[...driftRanges].map(async ([k, range]) => {
      const users = targets.filter(t => key({ window: t.driftWindow }) === k || referenceKey(t) === k);
      driftSamples.set(k, indexSamples(await run(driftQuery(users, range))));
    }),
  ]);

  const results = targets.map(t => {
    const objectives = (t.model.spec.slos ?? []).map(slo => evaluateObjective(t, slo, byWindow));
    const sloState = objectives.length ? objectives.map(o => o.state).reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a)) : 'not-configured';
    const current = driftSamples.get(key({ window: t.driftWindow })) ?? new Map();
    const environment = 'environment' in t.reference ? t.reference.environment : undefined;
    const baseline = environment ? baselines.get(t.ref) ?? {} : undefined;
    const referenceOf = (name: string): SampleIndex | string => {
      if (!baseline) return driftSamples.get(referenceKey(t)!) ?? new Map();
      const profile = fromProfile(baseline, name, environment!, t.workload);
      return typeof profile === 'string' ? profile : indexSamples(profile);
    };
    const features = monitoredColumns(t).map(({ feature, role }) => evaluateFeature(t, feature, role, current, referenceOf(feature.name)));
    let driftState: ModelObservability['drift']['state'] = 'not-configured';
    if (features.length) {
      driftState = 'no-data';
      if (features.some(f => f.state === 'ok')) driftState = 'ok';
      if (features.some(f => f.state === 'drifted')) driftState = 'drifted';
    }
    return {
      modelRef: t.ref,
      evaluatedAt: at.toISOString(),
      prometheus: t.instance,
      slo: { state: sloState, objectives },
      drift: {
        state: driftState,
        window: t.driftWindow,
        reference: environment ? { environment, version: baseline?.version } : t.reference,
        features,
      },
    } satisfies ModelObservability;
  });
  return { results, queries };
}

/**
 * The samples of one answer by part and by the workload (or custom objective) they belong to, so that matching
 * the fleet to its samples costs one pass over the answer rather than one per model.
 */
type SampleIndex = Map<string, InstantSample[]>;

function owner(labels: Record<string, string>): string {
  if (labels[SLO_LABEL]) return labels[SLO_LABEL];
  if (labels.service_name !== undefined) return /^(.*)-predictor(-default)?$/.exec(labels.service_name)?.[1] ?? '';
  return labels.model ?? '';
}

function indexSamples(samples: InstantSample[]): SampleIndex {
  const index: SampleIndex = new Map();
  for (const s of samples) {
    const key = `${s.labels[PART]}|${owner(s.labels)}`;
    const list = index.get(key);
    if (list) list.push(s);
    else index.set(key, [s]);
  }
  return index;
}

function inNamespace(t: ModelTarget, labels: Record<string, string>): boolean {
  return !t.namespace || (t.source === 'kserve' ? labels.namespace_name : labels.namespace) === t.namespace;
}

function evaluateObjective(t: ModelTarget, slo: NonNullable<ModelTarget['model']['spec']['slos']>[number], byWindow: Map<string, SampleIndex>): SloSnapshot {
  const indicator = sloIndicator(slo)!;
  const counts: Record<string, EventCounts | undefined> = {};
  let reason: string | undefined;
  for (const [window, index] of byWindow) {
    const sum = (part: string, of: string, extra: (l: Record<string, string>) => boolean = () => true) => {
      const hits = (index.get(`${part}|${of}`) ?? []).filter(s => extra(s.labels));
      return hits.length ? hits.reduce((n, s) => n + s.value, 0) : undefined;
    };
    const mine = (l: Record<string, string>) => inNamespace(t, l);
    let bad: number | undefined;
    let total: number | undefined;
    if (indicator === 'custom') {
      const id = `${t.ref}#${slo.name}`;
      const good = sum('custom_good', id);
      total = sum('custom_total', id);
      bad = good === undefined || total === undefined ? undefined : total - good;
    } else if (indicator === 'availability') {
      total = sum(`${t.source}_total`, t.workload, mine);
      bad = total === undefined ? undefined : (sum(`${t.source}_errors`, t.workload, mine) ?? 0);
    } else {
      const le = String(t.source === 'kserve' ? slo.thresholdMs : slo.thresholdMs! / 1000);
      total = sum(`${t.source}_latency_total`, t.workload, mine);
      const good = sum(`${t.source}_latency_good`, t.workload, l => mine(l) && l.le === le);
      if (total !== undefined && good === undefined) reason = `no latency bucket le="${le}" in the ${t.source} histogram`;
      bad = total === undefined || good === undefined ? undefined : total - good;
    }
    counts[window] = bad === undefined || total === undefined || !Number.isFinite(total) ? undefined : { bad: Math.max(bad, 0), total };
  }
  const evaluation = evaluateSlo({ objective: slo.objective, window: slo.window, counts });
  if (evaluation.state === 'no-data' && !reason) reason = `no ${indicator} events over ${slo.window}`;
  return { name: slo.name, indicator, objective: slo.objective, window: slo.window, ...evaluation, ...(evaluation.state === 'no-data' ? { reason } : {}) };
}

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

function histogramOf(samples: InstantSample[]): CumulativeHistogram | undefined {
  if (!samples.length) return undefined;
  const sorted = samples.map(s => ({ le: Number(s.labels.le === '+Inf' ? Infinity : s.labels.le), value: s.value })).sort((a, b) => a.le - b.le);
  return { upperBounds: sorted.map(s => s.le), cumulativeCounts: sorted.map(s => s.value) };
}

function evaluateFeature(
  t: ModelTarget,
  feature: MonitoredFeature,
  role: FeatureDrift['role'],
  current: SampleIndex,
  reference: SampleIndex | string,
): FeatureDrift {
  const base = { name: feature.name, type: feature.type, role };
  if (typeof reference === 'string') return { ...base, state: 'no-data', message: reference };
  const mine = (samples: SampleIndex, part: string) => (samples.get(`${part}|${t.workload}`) ?? []).filter(s => s.labels.feature === feature.name);
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
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    if (!total(cur) || !total(ref)) {
      return { ...base, state: 'no-data', message: `no ${total(cur) ? 'reference' : 'current'} observations of modelport_feature_category_total{feature="${feature.name}"}` };
    }
    const r = detectDriftFromCounts({ reference: ref, current: cur, test: feature.test, threshold: feature.threshold });
    return { ...base, state: r.drifted ? 'drifted' : 'ok', test: r.test, score: r.score, threshold: r.threshold, referenceSize: r.referenceSize, currentSize: r.currentSize };
  } catch (error) {
    return { ...base, state: 'error', message: (error as Error).message };
  }
}
