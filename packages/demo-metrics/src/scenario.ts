import yaml from 'js-yaml';

/*
 * The demo's story for the example models, as counters that are functions of time: the backfill and the live
 * /metrics endpoint compute the same values, so that Prometheus sees one continuous history. Everything starts
 * `HISTORY_DAYS` before the epoch (the demo's first start); one model drifts from 20 hours before the epoch on.
 */

export const HISTORY_DAYS = 7;
const HOUR = 3600;

type Model = {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: {
    monitoring?: { features?: Array<{ name: string; type: string }>; prediction?: { name: string; type: string } };
    slos?: Array<{ name: string; indicator?: string; objective: number; thresholdMs?: number }>;
  };
};

export type Scenario = { epoch: number; models: Model[] };

export function scenarioFrom(modelsYaml: string, epoch: number): Scenario {
  return { epoch, models: (yaml.loadAll(modelsYaml) as Model[]).filter(m => m?.metadata?.name) };
}

/** Models whose metrics the demo leaves out, so that the portal shows what no data looks like. */
const SILENT = new Set(['clinical-notes-summarizer']);
/** A model that fails 2% of its requests: it burns a 99.9% budget 20 times too fast. */
const BURNING = new Set(['credit-default-scorer']);
/** A model whose first numerical feature shifts from 20 hours before the epoch on. */
const DRIFTING = new Set(['fraud-detector']);

const REQUESTS_PER_SECOND = 20;
const FEATURE_BOUNDS = [10, 20, 30, 40, 50, 60, 80, Infinity];
const USUAL = [0.1, 0.15, 0.2, 0.2, 0.15, 0.1, 0.07, 0.03];
const SHIFTED = [0.02, 0.05, 0.1, 0.13, 0.2, 0.22, 0.18, 0.1];
const CATEGORIES = { a: 0.5, b: 0.3, c: 0.2 };

export type Sample = { name: string; labels: Record<string, string>; value: number };

/** A counter growing at `before` per second until `switchAt`, then at `after`, from the start of the history. */
function counter(s: Scenario, t: number, before: number, after = before, switchAt = Infinity): number {
  const start = s.epoch - HISTORY_DAYS * 24 * HOUR;
  if (t <= start) return 0;
  const first = Math.min(t, switchAt) - start;
  return before * Math.max(first, 0) + (t > switchAt ? after * (t - Math.max(switchAt, start)) : 0);
}

function le(bound: number): string {
  return bound === Infinity ? '+Inf' : String(bound);
}

/** Every sample of every metric at time t (seconds). */
export function samplesAt(s: Scenario, t: number): Sample[] {
  const out: Sample[] = [];
  for (const m of s.models) {
    const name = m.metadata.name;
    if (SILENT.has(name)) continue;
    const workload = m.metadata.annotations?.['backstage.io/kubernetes-id'] ?? name;
    const seldon = m.metadata.annotations?.['modelport.io/metrics-source'] === 'seldon';
    const errorShare = BURNING.has(name) ? 0.02 : 0.0003;
    const ok = counter(s, t, REQUESTS_PER_SECOND * (1 - errorShare));
    const failed = counter(s, t, REQUESTS_PER_SECOND * errorShare);
    const all = ok + failed;
    const thresholds = (m.spec.slos ?? []).filter(x => x.thresholdMs !== undefined);
    if (seldon) {
      const base = { model: workload, namespace: 'models' };
      out.push({ name: 'seldon_model_infer_total', labels: { ...base, code: '200' }, value: ok });
      out.push({ name: 'seldon_model_infer_total', labels: { ...base, code: '500' }, value: failed });
      for (const slo of thresholds) out.push({ name: 'seldon_model_infer_api_seconds_bucket', labels: { ...base, le: String(slo.thresholdMs! / 1000) }, value: all * (1 - (1 - slo.objective) / 3) });
      out.push({ name: 'seldon_model_infer_api_seconds_bucket', labels: { ...base, le: '+Inf' }, value: all });
      out.push({ name: 'seldon_model_infer_api_seconds_count', labels: base, value: all });
    } else {
      const base = { service_name: `${workload}-predictor`, namespace_name: 'models' };
      out.push({ name: 'revision_app_request_count', labels: { ...base, response_code_class: '2xx' }, value: ok });
      out.push({ name: 'revision_app_request_count', labels: { ...base, response_code_class: '5xx' }, value: failed });
      for (const slo of thresholds) out.push({ name: 'revision_app_request_latencies_bucket', labels: { ...base, le: String(slo.thresholdMs) }, value: all * (1 - (1 - slo.objective) / 3) });
      out.push({ name: 'revision_app_request_latencies_bucket', labels: { ...base, le: '+Inf' }, value: all });
      out.push({ name: 'revision_app_request_latencies_count', labels: base, value: all });
    }
    if (name === 'demand-forecaster') {
      out.push({ name: 'demand_forecast_runs_total', labels: { on_time: 'true' }, value: counter(s, t, 0.997 / HOUR) });
      out.push({ name: 'demand_forecast_runs_total', labels: { on_time: 'false' }, value: counter(s, t, 0.003 / HOUR) });
    }
    const monitored = [...(m.spec.monitoring?.features ?? []), ...(m.spec.monitoring?.prediction ? [m.spec.monitoring.prediction] : [])];
    const firstNumerical = monitored.find(f => f.type === 'numerical')?.name;
    for (const f of monitored) {
      if (f.type === 'numerical') {
        const drifts = DRIFTING.has(name) && f.name === firstNumerical;
        let before = 0;
        let after = 0;
        FEATURE_BOUNDS.forEach((bound, i) => {
          before += USUAL[i] * REQUESTS_PER_SECOND;
          after += (drifts ? SHIFTED : USUAL)[i] * REQUESTS_PER_SECOND;
          out.push({
            name: 'modelport_feature_value_bucket',
            labels: { model: workload, feature: f.name, le: le(bound) },
            value: counter(s, t, before, after, s.epoch - 20 * HOUR),
          });
        });
      } else {
        for (const [category, share] of Object.entries(CATEGORIES)) {
          out.push({ name: 'modelport_feature_category_total', labels: { model: workload, feature: f.name, category }, value: counter(s, t, share * REQUESTS_PER_SECOND) });
        }
      }
    }
  }
  return out;
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',');
}

/** Prometheus' text exposition format, written out here because the values are computed, not counted. */
export function exposition(samples: Sample[]): string {
  return `${samples.map(s => `${s.name}{${labelText(s.labels)}} ${s.value}`).join('\n')}\n`;
}

/** OpenMetrics input for `promtool tsdb create-blocks-from openmetrics`: the history up to `until`, every `step` s. */
export function* backfill(s: Scenario, until: number, step = 300): Generator<string> {
  const start = s.epoch - HISTORY_DAYS * 24 * HOUR;
  for (let t = start + step; t <= until; t += step) {
    yield `${samplesAt(s, t).map(x => `${x.name}{${labelText(x.labels)}} ${x.value} ${t}`).join('\n')}\n`;
  }
  yield '# EOF\n';
}
