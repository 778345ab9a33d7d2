import { rangeStep } from './rangeStep';

/**
 * What went wrong with a Prometheus query. The first six are the `errorType`s of Prometheus' HTTP API; the
 * others are failures on the way there: no connection, no answer in time, a refused credential, or an answer
 * that is not Prometheus' (a proxy's error page, a wrong URL).
 */
export type PrometheusErrorKind =
  | 'bad_data'
  | 'execution'
  | 'timeout'
  | 'canceled'
  | 'internal'
  | 'unavailable'
  | 'not_found'
  | 'network'
  | 'unauthorized'
  | 'bad_response';

const apiErrorTypes = new Set<string>(['bad_data', 'execution', 'timeout', 'canceled', 'internal', 'unavailable', 'not_found']);

export class PrometheusError extends Error {
  readonly name = 'PrometheusError';
  constructor(
    readonly kind: PrometheusErrorKind,
    readonly instance: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Prometheus '${instance}': ${message}`, options);
  }
}

export type PrometheusInstance = {
  name: string;
  url: string;
  /** Sent with every request, e.g. Authorization, or X-Scope-OrgID for Mimir, Cortex or Thanos tenants. */
  headers?: Record<string, string>;
  timeoutMs: number;
};

export type InstantSample = { labels: Record<string, string>; value: number };
export type RangeSeries = { labels: Record<string, string>; points: Array<{ time: number; value: number }> };

type ApiAnswer<T> = { status: 'success'; data: T; warnings?: string[] } | { status: 'error'; errorType: string; error: string };
type Vector = { resultType: 'vector'; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
type Scalar = { resultType: 'scalar'; result: [number, string] };
type Matrix = { resultType: 'matrix'; result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };

/**
 * A client of Prometheus' HTTP API (also served by Thanos, Mimir, Cortex and VictoriaMetrics) for one configured
 * instance. Written on fetch rather than a client library, because what the cards need from it is a precise kind
 * for every failure, which the libraries on npm collapse into one generic error.
 */
export class PrometheusClient {
  /**
   * @param stop - when it aborts, a query in flight is abandoned and rejects with the signal's reason (not a
   *   PrometheusError: the instance did nothing wrong), as an evaluation cycle does when the backend shuts down.
   */
  constructor(
    readonly instance: PrometheusInstance,
    private readonly stop?: AbortSignal,
  ) {}

  /** An instant query; a scalar result comes back as one sample without labels. */
  async query(promql: string, time: Date): Promise<InstantSample[]> {
    const data = await this.#call<Vector | Scalar | Matrix>('query', { query: promql, time: seconds(time) });
    if (data.resultType === 'scalar') return [{ labels: {}, value: Number(data.result[1]) }];
    if (data.resultType !== 'vector') {
      throw new PrometheusError('bad_response', this.instance.name, `expected a vector from an instant query, got a ${data.resultType}`);
    }
    return data.result.map(r => ({ labels: r.metric, value: Number(r.value[1]) }));
  }

  /** A range query; without a step, one that gives about 250 points and never more than Prometheus allows. */
  async queryRange(promql: string, range: { start: Date; end: Date; stepSeconds?: number }): Promise<{ stepSeconds: number; series: RangeSeries[] }> {
    const stepSeconds = rangeStep({ start: range.start, end: range.end, desiredSeconds: range.stepSeconds });
    const data = await this.#call<Matrix>('query_range', {
      query: promql,
      start: seconds(range.start),
      end: seconds(range.end),
      step: String(stepSeconds),
    });
    return {
      stepSeconds,
      series: data.result.map(r => ({ labels: r.metric, points: r.values.map(([t, v]) => ({ time: t * 1000, value: Number(v) })) })),
    };
  }

  async #call<T>(endpoint: string, params: Record<string, string>): Promise<T> {
    const { name, url, headers, timeoutMs } = this.instance;
    let response: Response;
    try {
      // POST, as Prometheus allows for queries, so that long fleet queries do not hit URL length limits.
      response = await fetch(`${url.replace(/\/+$/, '')}/api/v1/${endpoint}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ ...params, timeout: `${Math.max(1, Math.floor(timeoutMs / 1000))}s` }),
        signal: this.stop ? AbortSignal.any([AbortSignal.timeout(timeoutMs), this.stop]) : AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (this.stop?.aborted) throw this.stop.reason;
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw new PrometheusError('timeout', name, `no answer within ${timeoutMs} ms`, { cause: error });
      }
      const reason = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new PrometheusError('network', name, `cannot reach ${url}: ${reason?.code ?? reason?.message ?? String(error)}`, { cause: error });
    }
    if (response.status === 401 || response.status === 403) {
      throw new PrometheusError('unauthorized', name, `${url} refused the credentials (HTTP ${response.status})`);
    }
    const text = await response.text().catch(() => '');
    if (this.stop?.aborted) throw this.stop.reason;
    let answer: ApiAnswer<T>;
    try {
      answer = JSON.parse(text);
    } catch {
      const kind = [502, 503, 504].includes(response.status) ? 'unavailable' : 'bad_response';
      throw new PrometheusError(kind, name, `HTTP ${response.status} from ${url}, not a Prometheus API answer: ${text.slice(0, 200)}`);
    }
    if (answer.status === 'error') {
      const kind = apiErrorTypes.has(answer.errorType) ? (answer.errorType as PrometheusErrorKind) : 'internal';
      throw new PrometheusError(kind, name, answer.error);
    }
    if (answer.status !== 'success' || !answer.data) {
      throw new PrometheusError('bad_response', name, `HTTP ${response.status} from ${url} without a Prometheus API answer`);
    }
    return answer.data;
  }
}

function seconds(date: Date): string {
  return String(date.getTime() / 1000);
}
