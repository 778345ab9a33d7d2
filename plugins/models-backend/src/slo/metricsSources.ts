import type { METRICS_SOURCES } from '@modelport/plugin-models-common';

/** The serving stacks whose request metrics Modelport reads; see docs/metrics.md. */
export type MetricsSource = (typeof METRICS_SOURCES)[number];

/**
 * Seldon Core 2 codes that spend the error budget: server errors over REST and gRPC. Client errors (4xx,
 * InvalidArgument, NotFound) do not: a model is not unavailable because it was sent a bad request.
 */
export const SELDON_ERROR_CODE_PATTERN = '5..|Internal|Unavailable|Unknown|DeadlineExceeded|ResourceExhausted';

/** Where a serving stack's request metrics are and how to read them: one entry per stack, every query built from it. */
export type SourceMetrics = {
  /** The label that names the workload. */
  workloadLabel: string;
  /** What the workload label holds after the workload's name (a regular expression), e.g. KServe's `-predictor`. */
  workloadSuffix: string;
  namespaceLabel: string;
  /** The counter of requests, and the label of its response code (or class). */
  requests: string;
  codeLabel: string;
  /** A regular expression of the codes that spend the error budget. */
  errorCodes: string;
  /** The matcher of those codes as the generated rules write it. */
  errorMatcher: string;
  /** The request latency histogram (its `_bucket` and `_count` series), and milliseconds per unit of its `le`. */
  latency: string;
  msPerUnit: number;
};

export const SOURCE_METRICS: Record<MetricsSource, SourceMetrics> = {
  // Knative's queue-proxy beside a KServe predictor in serverless mode; latencies in milliseconds.
  kserve: {
    workloadLabel: 'service_name',
    workloadSuffix: '-predictor(-default)?',
    namespaceLabel: 'namespace_name',
    requests: 'revision_app_request_count',
    codeLabel: 'response_code_class',
    errorCodes: '5xx',
    errorMatcher: 'response_code_class="5xx"',
    latency: 'revision_app_request_latencies',
    msPerUnit: 1,
  },
  // Seldon Core 2's agent beside the inference server; seconds.
  seldon: {
    workloadLabel: 'model',
    workloadSuffix: '',
    namespaceLabel: 'namespace',
    requests: 'seldon_model_infer_total',
    codeLabel: 'code',
    errorCodes: SELDON_ERROR_CODE_PATTERN,
    errorMatcher: `code=~"${SELDON_ERROR_CODE_PATTERN}"`,
    latency: 'seldon_model_infer_api_seconds',
    msPerUnit: 1000,
  },
  // The model server's own metrics, as the paved road's server exports them (docs/metrics.md): they exist in every
  // deployment mode, including KServe's RawDeployment, which has no queue-proxy; seconds.
  modelport: {
    workloadLabel: 'model',
    workloadSuffix: '',
    namespaceLabel: 'namespace',
    requests: 'modelport_requests_total',
    codeLabel: 'code',
    errorCodes: '5..',
    errorMatcher: 'code=~"5.."',
    latency: 'modelport_request_duration_seconds',
    msPerUnit: 1000,
  },
};

const ERROR_CODES = Object.fromEntries(Object.entries(SOURCE_METRICS).map(([s, m]) => [s, new RegExp(`^(?:${m.errorCodes})$`)])) as Record<MetricsSource, RegExp>;

/** Whether a request of this code (or class) spends the budget on this stack. */
export function isErrorResponse(source: MetricsSource, labels: Record<string, string>): boolean {
  return ERROR_CODES[source].test(labels[SOURCE_METRICS[source].codeLabel] ?? '');
}

/** A latency objective's threshold in the unit of the stack's histogram (its `le`). */
export function latencyBound(source: MetricsSource, thresholdMs: number): number {
  return thresholdMs / SOURCE_METRICS[source].msPerUnit;
}

const WORKLOAD_LABELS = [...new Map(Object.values(SOURCE_METRICS).map(m => [m.workloadLabel, m.workloadSuffix ? new RegExp(`^(.*)${m.workloadSuffix}$`) : undefined]))];

/** The workload a sample belongs to, from the label that names it on any stack. */
export function workloadOfLabels(labels: Record<string, string>): string {
  for (const [label, suffix] of WORKLOAD_LABELS) {
    const value = labels[label];
    if (value === undefined) continue;
    return suffix ? (suffix.exec(value)?.[1] ?? '') : value;
  }
  return '';
}
