import { sloIndicator } from '@modelport/plugin-models-common';
import { SELDON_ERROR_CODES, WINDOW } from '../slo/sliQueries';
import type { ModelTarget } from './targets';

/** The label that tells the parts of a combined query apart. */
export const PART = 'modelport_part';
/** The label naming the objective of a custom SLI part: `<model ref>#<objective>`. */
export const SLO_LABEL = 'modelport_slo';

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
 * One instant query for one window and the whole fleet: every model's bad and total events for every objective,
 * by serving stack, each part tagged with `modelport_part` (and custom ones with `modelport_slo`) and grouped by
 * the labels that name the model. Its cost grows with the number of windows, not of models.
 */
export function sloWindowQuery(targets: ModelTarget[], window: string): string | undefined {
  const parts: string[] = [];
  const withSlo = (indicator: string, source?: string) =>
    targets.filter(t => (!source || t.source === source) && (t.model.spec.slos ?? []).some(s => sloIndicator(s) === indicator));
  const kserve = workloadSelector('service_name', targets, '-predictor(-default)?');
  const seldon = workloadSelector('model', targets);
  const thresholds = (ts: ModelTarget[], scale: number) =>
    anyOf(ts.flatMap(t => (t.model.spec.slos ?? []).filter(s => sloIndicator(s) === 'latency').map(s => String(s.thresholdMs! / scale))));

  const kAvailability = withSlo('availability', 'kserve');
  if (kAvailability.length) {
    const by = 'sum by (service_name, namespace_name)';
    const sel = kserve;
    parts.push(tag(`${by} (increase(revision_app_request_count{${sel}, response_code_class="5xx"}[${window}]))`, { [PART]: 'kserve_errors' }));
    parts.push(tag(`${by} (increase(revision_app_request_count{${sel}}[${window}]))`, { [PART]: 'kserve_total' }));
  }
  const kLatency = withSlo('latency', 'kserve');
  if (kLatency.length) {
    const sel = kserve;
    parts.push(tag(`sum by (service_name, namespace_name, le) (increase(revision_app_request_latencies_bucket{${sel}, le=~${thresholds(kLatency, 1)}}[${window}]))`, { [PART]: 'kserve_latency_good' }));
    parts.push(tag(`sum by (service_name, namespace_name) (increase(revision_app_request_latencies_count{${sel}}[${window}]))`, { [PART]: 'kserve_latency_total' }));
  }
  const sAvailability = withSlo('availability', 'seldon');
  if (sAvailability.length) {
    const by = 'sum by (model, namespace)';
    parts.push(
      tag(`${by} (increase(seldon_model_infer_total{${seldon}, ${SELDON_ERROR_CODES}}[${window}]))`, {
        [PART]: 'seldon_errors',
      }),
    );
    parts.push(tag(`${by} (increase(seldon_model_infer_total{${seldon}}[${window}]))`, { [PART]: 'seldon_total' }));
  }
  const sLatency = withSlo('latency', 'seldon');
  if (sLatency.length) {
    parts.push(tag(`sum by (model, namespace, le) (increase(seldon_model_infer_api_seconds_bucket{${seldon}, le=~${thresholds(sLatency, 1000)}}[${window}]))`, { [PART]: 'seldon_latency_good' }));
    parts.push(tag(`sum by (model, namespace) (increase(seldon_model_infer_api_seconds_count{${seldon}}[${window}]))`, { [PART]: 'seldon_latency_total' }));
  }
  for (const t of targets) {
    for (const slo of (t.model.spec.slos ?? []).filter(s => sloIndicator(s) === 'custom' && s.query)) {
      const id = `${t.ref}#${slo.name}`;
      parts.push(tag(`sum(${slo.query!.good.replaceAll(WINDOW, window)})`, { [PART]: 'custom_good', [SLO_LABEL]: id }));
      parts.push(tag(`sum(${slo.query!.total.replaceAll(WINDOW, window)})`, { [PART]: 'custom_total', [SLO_LABEL]: id }));
    }
  }
  return parts.length ? parts.join('\nor\n') : undefined;
}

/**
 * One instant query for the feature and prediction distributions of every model with this drift window (or
 * reference window and offset): histogram buckets of numerical features and counters of categorical ones, by
 * model and feature, in Modelport's metric conventions (docs/metrics.md).
 */
export function driftQuery(targets: ModelTarget[], range: { window: string; offset?: string }): string | undefined {
  const monitored = targets.filter(t => t.model.spec.monitoring?.features?.length || t.model.spec.monitoring?.prediction);
  if (!monitored.length) return undefined;
  const sel = workloadSelector('model', monitored);
  const over = `[${range.window}]${range.offset ? ` offset ${range.offset}` : ''}`;
  return [
    tag(`sum by (model, feature, le) (increase(modelport_feature_value_bucket{${sel}}${over}))`, { [PART]: 'histogram' }),
    tag(`sum by (model, feature, category) (increase(modelport_feature_category_total{${sel}}${over}))`, { [PART]: 'categories' }),
  ].join('\nor\n');
}
