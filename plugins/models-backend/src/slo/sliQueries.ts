import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_METRICS_SOURCE,
  type METRICS_SOURCES,
  checkSliQuery,
  describePromqlProblem,
  type ModelEntityV1alpha1,
  type ModelSlo,
  sloIndicator,
  WINDOW_PLACEHOLDER as WINDOW,
} from '@modelport/plugin-models-common';
import { boundsMatcher } from './bucketBound';

/** The serving stacks whose request metrics Modelport reads; see docs/metrics.md. */
export type MetricsSource = (typeof METRICS_SOURCES)[number];

/**
 * Seldon Core 2 codes that spend the error budget: server errors over REST and gRPC. Client errors (4xx,
 * InvalidArgument, NotFound) do not: a model is not unavailable because it was sent a bad request.
 */
export const SELDON_ERROR_CODE_PATTERN = '5..|Internal|Unavailable|Unknown|DeadlineExceeded|ResourceExhausted';
export const SELDON_ERROR_CODES = `code=~"${SELDON_ERROR_CODE_PATTERN}"`;
const SELDON_ERROR_CODE = new RegExp(`^(?:${SELDON_ERROR_CODE_PATTERN})$`);

/** Whether a request of this class (KServe's `response_code_class`) or code (Seldon's `code`) spends the budget. */
export function isErrorResponse(source: MetricsSource, labels: Record<string, string>): boolean {
  return source === 'kserve' ? labels.response_code_class === '5xx' : SELDON_ERROR_CODE.test(labels.code ?? '');
}

/** `models.observability.metricsSource`: the serving stack of models that do not name theirs; KServe by default. */
export function readDefaultMetricsSource(config: Config): MetricsSource {
  const source = config.getOptionalString('models.observability.metricsSource') ?? 'kserve';
  if (source !== 'kserve' && source !== 'seldon') {
    throw new InputError(`models.observability.metricsSource is '${source}'; Modelport reads kserve or seldon`);
  }
  return source;
}

/** The serving stack of a model: its `modelport.io/metrics-source` annotation, or the configured default. */
export function metricsSourceOf(model: ModelEntityV1alpha1, fallback: MetricsSource): MetricsSource {
  const annotated = model.metadata.annotations?.[ANNOTATION_METRICS_SOURCE];
  if (annotated === undefined) return fallback;
  if (annotated === 'kserve' || annotated === 'seldon') return annotated;
  throw new InputError(`${ANNOTATION_METRICS_SOURCE} of ${model.metadata.name} is '${annotated}'; Modelport reads kserve or seldon`);
}

/** The name of the model's InferenceService or Seldon Model: its Kubernetes id annotation, else its name. */
export function workloadName(model: ModelEntityV1alpha1): string {
  return model.metadata.annotations?.[ANNOTATION_KUBERNETES_ID] ?? model.metadata.name;
}

function quote(value: string): string {
  return JSON.stringify(value);
}

/**
 * The SLI of an objective as an error ratio over `{{.window}}` (bad events over all events), in the PromQL that
 * Sloth's `errorQuery/totalQuery` take:
 * - KServe (Knative's queue-proxy): `revision_app_request_count` by `response_code_class` for availability and
 *   `revision_app_request_latencies` (milliseconds) for latency, of the predictor service `<name>-predictor`;
 * - Seldon Core 2: `seldon_model_infer_total` by `code` and `seldon_model_infer_api_seconds` of the Model;
 * - custom: the objective's own `good` and `total` queries, with `{{.window}}` where their range goes.
 */
/** The label matchers of a model's request metrics on its serving stack. */
export function requestSelector(model: ModelEntityV1alpha1, source: MetricsSource): string {
  const name = workloadName(model);
  const namespace = model.metadata.annotations?.[ANNOTATION_KUBERNETES_NAMESPACE];
  if (source === 'kserve') {
    return [`service_name=~${quote(`${name}-predictor(-default)?`)}`, ...(namespace ? [`namespace_name=${quote(namespace)}`] : [])].join(', ');
  }
  return [`model=${quote(name)}`, ...(namespace ? [`namespace=${quote(namespace)}`] : [])].join(', ');
}

/**
 * PromQL of a latency quantile in milliseconds from the stack's request histogram, over rates of `rateWindow`
 * (at least two chart steps, so that every point has samples however long the chart's range).
 */
export function latencyQuantileQuery(model: ModelEntityV1alpha1, source: MetricsSource, quantile: number, rateWindow: string): string {
  const selector = requestSelector(model, source);
  return source === 'kserve'
    ? `histogram_quantile(${quantile}, sum by (le) (rate(revision_app_request_latencies_bucket{${selector}}[${rateWindow}])))`
    : `1000 * histogram_quantile(${quantile}, sum by (le) (rate(seldon_model_infer_api_seconds_bucket{${selector}}[${rateWindow}])))`;
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

export function sliErrorRatio(model: ModelEntityV1alpha1, slo: ModelSlo, source: MetricsSource): { errors: string; total: string } {
  const indicator = sloIndicator(slo);
  if (indicator === 'custom') {
    const { good, total } = customSliQueries(model, slo);
    return { errors: `${total} - ${good}`, total };
  }
  const selector = requestSelector(model, source);
  if (source === 'kserve') {
    if (indicator === 'availability') {
      return {
        errors: `sum(rate(revision_app_request_count{${selector}, response_code_class="5xx"}[${WINDOW}]))`,
        total: `sum(rate(revision_app_request_count{${selector}}[${WINDOW}]))`,
      };
    }
    if (indicator === 'latency') {
      return {
        errors: `sum(rate(revision_app_request_latencies_count{${selector}}[${WINDOW}])) - sum(rate(revision_app_request_latencies_bucket{${selector}, le=~${boundsMatcher([slo.thresholdMs!])}}[${WINDOW}]))`,
        total: `sum(rate(revision_app_request_latencies_count{${selector}}[${WINDOW}]))`,
      };
    }
  }
  if (source === 'seldon') {
    if (indicator === 'availability') {
      return {
        errors: `sum(rate(seldon_model_infer_total{${selector}, ${SELDON_ERROR_CODES}}[${WINDOW}]))`,
        total: `sum(rate(seldon_model_infer_total{${selector}}[${WINDOW}]))`,
      };
    }
    if (indicator === 'latency') {
      return {
        errors: `sum(rate(seldon_model_infer_api_seconds_count{${selector}}[${WINDOW}])) - sum(rate(seldon_model_infer_api_seconds_bucket{${selector}, le=~${boundsMatcher([slo.thresholdMs! / 1000])}}[${WINDOW}]))`,
        total: `sum(rate(seldon_model_infer_api_seconds_count{${selector}}[${WINDOW}]))`,
      };
    }
  }
  throw new InputError(`SLO ${slo.name} of ${model.metadata.name} has no indicator Modelport can measure`);
}
