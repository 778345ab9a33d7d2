import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_METRICS_SOURCE,
  METRICS_SOURCES,
  checkSliQuery,
  describePromqlProblem,
  type ModelEntityV1alpha1,
  type ModelSlo,
  sloIndicator,
  WINDOW_PLACEHOLDER as WINDOW,
} from '@modelport/plugin-models-common';
import { boundsMatcher } from './bucketBound';
import { latencyBound, type MetricsSource, SOURCE_METRICS } from './metricsSources';

const isMetricsSource = (value: string): value is MetricsSource => (METRICS_SOURCES as readonly string[]).includes(value);

export { isErrorResponse, type MetricsSource } from './metricsSources';

/** `models.observability.metricsSource`: the serving stack of models that do not name theirs; KServe by default. */
export function readDefaultMetricsSource(config: Config): MetricsSource {
  const source = config.getOptionalString('models.observability.metricsSource') ?? 'kserve';
  if (!isMetricsSource(source)) {
    throw new InputError(`models.observability.metricsSource is '${source}'; Modelport reads ${METRICS_SOURCES.slice(0, -1).join(', ')} or ${METRICS_SOURCES.at(-1)}`);
  }
  return source;
}

/** The serving stack of a model: its `modelport.io/metrics-source` annotation, or the configured default. */
export function metricsSourceOf(model: ModelEntityV1alpha1, fallback: MetricsSource): MetricsSource {
  const annotated = model.metadata.annotations?.[ANNOTATION_METRICS_SOURCE];
  if (annotated === undefined) return fallback;
  if (isMetricsSource(annotated)) return annotated;
  throw new InputError(`${ANNOTATION_METRICS_SOURCE} of ${model.metadata.name} is '${annotated}'; Modelport reads ${METRICS_SOURCES.slice(0, -1).join(', ')} or ${METRICS_SOURCES.at(-1)}`);
}

/** The name of the model's InferenceService or Seldon Model: its Kubernetes id annotation, else its name. */
export function workloadName(model: ModelEntityV1alpha1): string {
  return model.metadata.annotations?.[ANNOTATION_KUBERNETES_ID] ?? model.metadata.name;
}

function quote(value: string): string {
  return JSON.stringify(value);
}

/** The label matchers of a model's request metrics on its serving stack. */
export function requestSelector(model: ModelEntityV1alpha1, source: MetricsSource): string {
  const m = SOURCE_METRICS[source];
  const name = workloadName(model);
  const namespace = model.metadata.annotations?.[ANNOTATION_KUBERNETES_NAMESPACE];
  const workload = m.workloadSuffix ? `${m.workloadLabel}=~${quote(`${name}${m.workloadSuffix}`)}` : `${m.workloadLabel}=${quote(name)}`;
  return [workload, ...(namespace ? [`${m.namespaceLabel}=${quote(namespace)}`] : [])].join(', ');
}

/**
 * PromQL of a latency quantile in milliseconds from the stack's request histogram, over rates of `rateWindow`
 * (at least two chart steps, so that every point has samples however long the chart's range).
 */
export function latencyQuantileQuery(model: ModelEntityV1alpha1, source: MetricsSource, quantile: number, rateWindow: string): string {
  const m = SOURCE_METRICS[source];
  const quantileExpr = `histogram_quantile(${quantile}, sum by (le) (rate(${m.latency}_bucket{${requestSelector(model, source)}}[${rateWindow}])))`;
  return m.msPerUnit === 1 ? quantileExpr : `${m.msPerUnit} * ${quantileExpr}`;
}

/**
 * The good and total queries of a custom objective, checked as the catalog checks them (a Model can reach the
 * catalog without Modelport's processor, or from before it), each summed into one series without labels: whatever
 * the query selects, it can only ever produce this objective's figures. An InputError names every problem.
 */
export function customSliQueries(model: ModelEntityV1alpha1, slo: ModelSlo): { good: string; total: string } {
  const problems = (['good', 'total'] as const).flatMap(part => {
    const query = slo.query?.[part];
    if (!query) return [`${part}: missing`];
    return checkSliQuery(query).map(p => `${part} query, ${describePromqlProblem(query, p)}`);
  });
  if (problems.length) throw new InputError(`SLO ${slo.name} of ${model.metadata.name}: ${problems.join('; ')}`);
  return { good: `sum(${slo.query!.good})`, total: `sum(${slo.query!.total})` };
}

/**
 * The SLI of an objective as an error ratio over `{{.window}}` (bad events over all events), in the PromQL that
 * Sloth's `errorQuery/totalQuery` take:
 * - KServe (Knative's queue-proxy): `revision_app_request_count` by `response_code_class` for availability and
 *   `revision_app_request_latencies` (milliseconds) for latency, of the predictor service `<name>-predictor`;
 * - Seldon Core 2: `seldon_model_infer_total` by `code` and `seldon_model_infer_api_seconds` of the Model;
 * - the model server's own (`modelport`): `modelport_requests_total` by `code` and `modelport_request_duration_seconds`;
 * - custom: the objective's own `good` and `total` queries, with `{{.window}}` where their range goes.
 */
export function sliErrorRatio(model: ModelEntityV1alpha1, slo: ModelSlo, source: MetricsSource): { errors: string; total: string } {
  const indicator = sloIndicator(slo);
  if (indicator === 'custom') {
    const { good, total } = customSliQueries(model, slo);
    return { errors: `${total} - ${good}`, total };
  }
  const selector = requestSelector(model, source);
  const m = SOURCE_METRICS[source];
  if (indicator === 'availability') {
    return {
      // A service that never failed has no error series at all: `or vector(0)` keeps its ratio at 0 rather than
      // leaving the recording (and the burn rates and budget built on it) empty until the first 5xx.
      errors: `(sum(rate(${m.requests}{${selector}, ${m.errorMatcher}}[${WINDOW}])) or vector(0))`,
      total: `sum(rate(${m.requests}{${selector}}[${WINDOW}]))`,
    };
  }
  if (indicator === 'latency') {
    return {
      errors: `sum(rate(${m.latency}_count{${selector}}[${WINDOW}])) - sum(rate(${m.latency}_bucket{${selector}, le=~${boundsMatcher([latencyBound(source, slo.thresholdMs!)])}}[${WINDOW}]))`,
      total: `sum(rate(${m.latency}_count{${selector}}[${WINDOW}]))`,
    };
  }
  throw new InputError(`SLO ${slo.name} of ${model.metadata.name} has no indicator Modelport can measure`);
}
