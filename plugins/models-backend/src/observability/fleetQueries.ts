import { sloIndicator, WINDOW_PLACEHOLDER as WINDOW, windowSeconds } from '@modelport/plugin-models-common';
import { boundsMatcher } from '../slo/bucketBound';
import { latencyBound, type MetricsSource, SOURCE_METRICS, type SourceMetrics } from '../slo/metricsSources';
import type { CustomObjective, ModelTarget } from './targets';

/** The label that tells the parts of a combined query apart. */
export const PART = 'modelport_part';
/** The one label of a custom SLI part: `<part>|<model ref>#<objective>` (one label_replace a part is cheaper than two). */
export const SLO_LABEL = 'modelport_slo';
/** The resolution of "no traffic since": five minutes. */
export const TRAFFIC_STEP_SECONDS = 300;
const TRAFFIC_STEP = `${TRAFFIC_STEP_SECONDS}s`;
// Two steps, so that every range holds two samples of a counter scraped once a step, whether ranges include their
// start (Prometheus 2) or not (Prometheus 3).
const TRAFFIC_RANGE = `${2 * TRAFFIC_STEP_SECONDS}s`;

function tag(expr: string, labels: Record<string, string>): string {
  return Object.entries(labels).reduce((e, [k, v]) => `label_replace(${e}, ${JSON.stringify(k)}, ${JSON.stringify(v)}, "", "")`, expr);
}

const NAMED_UP_TO = 50;

/**
 * Matchers for the workloads' label: their names for a few models; for a fleet, any workload of the stack, since
 * a regular expression of a thousand names makes Prometheus match every label value against all of them, which
 * cost more than the query itself (docs/benchmarks.md). Samples of workloads that are no Model are dropped when
 * the answer is matched to the fleet.
 */
function workloadSelector(label: string, targets: ModelTarget[], suffix = ''): string {
  if (targets.length <= NAMED_UP_TO) return `${label}=~${anyOf(targets.map(t => t.workload), suffix)}`;
  return suffix ? `${label}=~${JSON.stringify(`.+${suffix}`)}` : `${label}!=""`;
}

/** A regular expression (as a PromQL string) matching exactly these values. */
function anyOf(values: string[], suffix = ''): string {
  return JSON.stringify(`(${[...new Set(values)].map(v => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})${suffix}`);
}

/**
 * One combined query of these parts, or none. The `or`s nest as a balanced tree: Prometheus evaluates `a or b or c`
 * from the left, copying what it has so far at every step, which made a chain of 1,400 parts take 1.9 s where the
 * balanced form takes 0.3 s (docs/benchmarks.md).
 */
export function union(parts: string[]): string | undefined {
  if (parts.length <= 1) return parts[0];
  const half = Math.ceil(parts.length / 2);
  const side = (ps: string[]) => (ps.length > 1 ? `(${union(ps)})` : ps[0]);
  return `${side(parts.slice(0, half))}\nor\n${side(parts.slice(half))}`;
}

const withSlo = (targets: ModelTarget[], indicator: string, source: string) =>
  targets.filter(t => t.source === source && (t.model.spec.slos ?? []).some(s => sloIndicator(s) === indicator));
const thresholds = (targets: ModelTarget[], source: MetricsSource) =>
  targets.flatMap(t => (t.model.spec.slos ?? []).filter(s => sloIndicator(s) === 'latency').map(s => latencyBound(source, s.thresholdMs!)));

/** The labels a stack's samples are grouped by: those that name the workload and its namespace. */
const workloadLabels = (m: SourceMetrics) => `${m.workloadLabel}, ${m.namespaceLabel}`;

/**
 * The parts of one window's query that Modelport writes itself: every model's bad and total events for its
 * availability and latency objectives, by serving stack, each part tagged with `modelport_part` and grouped by
 * the labels that name the model. Latency buckets are selected by the value of `le` (see bucketBound.ts).
 */
export function builtinSloParts(targets: ModelTarget[], window: string): string[] {
  const parts: string[] = [];
  for (const [source, m] of Object.entries(SOURCE_METRICS) as Array<[MetricsSource, SourceMetrics]>) {
    const available = withSlo(targets, 'availability', source);
    const latency = withSlo(targets, 'latency', source);
    // Requests by response code (or class): one read of the counters gives both all events and the bad ones, where
    // a separate part for the errors would read the error series a second time.
    if (available.length) {
      const sel = workloadSelector(m.workloadLabel, targets, m.workloadSuffix);
      parts.push(tag(`sum by (${workloadLabels(m)}, ${m.codeLabel}) (increase(${m.requests}{${sel}}[${window}]))`, { [PART]: `${source}_requests` }));
    }
    if (latency.length) {
      const sel = workloadSelector(m.workloadLabel, targets, m.workloadSuffix);
      const le = boundsMatcher(thresholds(latency, source));
      parts.push(tag(`sum by (${workloadLabels(m)}, le) (increase(${m.latency}_bucket{${sel}, le=~${le}}[${window}]))`, { [PART]: `${source}_latency_good` }));
      parts.push(tag(`sum by (${workloadLabels(m)}) (increase(${m.latency}_count{${sel}}[${window}]))`, { [PART]: `${source}_latency_total` }));
    }
  }
  return parts;
}

/**
 * The parts of custom objectives for one window. Each query is already one checked expression summed to a single
 * series without labels, and the tags are set after the sum, so a part can only ever carry its own objective's
 * labels, whatever its query says.
 */
export function customSloParts(objectives: CustomObjective[], window: string): string[] {
  return objectives.flatMap(o => [
    tag(o.good.replaceAll(WINDOW, window), { [SLO_LABEL]: `custom_good|${o.id}` }),
    tag(o.total.replaceAll(WINDOW, window), { [SLO_LABEL]: `custom_total|${o.id}` }),
  ]);
}

/**
 * One instant query for the feature and prediction distributions of every model with this drift window (or
 * reference window and offset): histogram buckets of numerical features and counters of categorical ones, by
 * model and feature, in Modelport's metric conventions (docs/metrics.md).
 */
export function driftParts(targets: ModelTarget[], range: { window: string; offset?: string }): string[] {
  const monitored = targets.filter(t => t.model.spec.monitoring?.features?.length || t.model.spec.monitoring?.prediction);
  if (!monitored.length) return [];
  const sel = workloadSelector('model', monitored);
  const over = `[${range.window}]${range.offset ? ` offset ${range.offset}` : ''}`;
  return [
    tag(`sum by (model, feature, le) (increase(modelport_feature_value_bucket{${sel}}${over}))`, { [PART]: 'histogram' }),
    tag(`sum by (model, feature, category) (increase(modelport_feature_category_total{${sel}}${over}))`, { [PART]: 'categories' }),
  ];
}

/** The metric that counts an objective's events on a stack. */
const eventsOf = (m: SourceMetrics, indicator: string) => (indicator === 'availability' ? m.requests : `${m.latency}_count`);

/** The last step, within a window, whose range of two steps saw the events increase. */
const lastEvents = (increases: string, window: string, by: string) =>
  `max ${by}(max_over_time((timestamp(${increases} > 0))[${window}:${TRAFFIC_STEP}]))`;

/**
 * When the silent objectives last had events: the last five-minute step, within each objective's window, whose
 * range of ten minutes saw its events increase (the events stopped before the step after it, so within five
 * minutes before this step; see lastEventOf). Built-in parts are tagged `last_<source>_<indicator>` by workload,
 * custom ones `last_custom` by objective.
 */
export function lastTrafficParts(silent: Array<{ target: ModelTarget; indicator: string; window: string; custom?: CustomObjective }>): {
  builtin: string[];
  custom: (objectives: CustomObjective[]) => string[];
} {
  const builtin: string[] = [];
  for (const [source, m] of Object.entries(SOURCE_METRICS) as Array<[MetricsSource, SourceMetrics]>) {
    for (const indicator of ['availability', 'latency']) {
      const mine = silent.filter(s => !s.custom && s.target.source === source && s.indicator === indicator);
      if (!mine.length) continue;
      const longest = mine.map(s => s.window).reduce((a, b) => (windowSeconds(b) > windowSeconds(a) ? b : a));
      const targets = mine.map(s => s.target);
      const labels = workloadLabels(m);
      const sel = workloadSelector(m.workloadLabel, targets, m.workloadSuffix);
      const increases = `sum by (${labels}) (increase(${eventsOf(m, indicator)}{${sel}}[${TRAFFIC_RANGE}]))`;
      builtin.push(tag(lastEvents(increases, longest, `by (${labels}) `), { [PART]: `last_${source}_${indicator}` }));
    }
  }
  const windows = new Map(silent.filter(s => s.custom).map(s => [s.custom!.id, s.window]));
  return {
    builtin,
    custom: objectives =>
      objectives.map(o => tag(lastEvents(o.total.replaceAll(WINDOW, TRAFFIC_RANGE), windows.get(o.id)!, ''), { [SLO_LABEL]: `last_custom|${o.id}` })),
  };
}
