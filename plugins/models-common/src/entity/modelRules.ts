import { driftTests } from '../drift/driftTests';
import { checkSliQuery, describePromqlProblem, loneSurrogateAt } from '../promql/checkPromql';
import { windowSeconds } from '../slo/windows';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_METRICS_SOURCE,
  ANNOTATION_PROMETHEUS_INSTANCE,
  ANNOTATION_SERVING_OBJECT,
  SERVING_OBJECT_KINDS,
  METRICS_SOURCES,
} from './constants';

/**
 * One thing wrong with a Model: the JSON pointer of the field and what is wrong with it, in words.
 *
 * @public
 */
export type ModelProblem = { path: string; message: string };

const MAX_WINDOW_SECONDS = 365 * 86_400;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: Json): Json[] => (Array.isArray(v) ? v : []);
const record = (v: Json): Record<string, Json> => (isObject(v) ? v : {});

/**
 * The rules of a Model's spec that a JSON schema cannot say: names that must be unique, windows of at most a
 * year, custom SLI queries that Prometheus accepts, drift tests that fit the column, and text that is
 * Unicode. Reads the spec defensively: it runs next to the schema,
 * so that one answer lists every problem of a Model.
 */
export function modelSpecProblems(spec: Json): ModelProblem[] {
  const problems: ModelProblem[] = [];
  walk(spec, '/spec', problems);
  const s = record(spec);
  const monitoring = record(s.monitoring);
  const slos = list(s.slos).map(record);

  unique(slos.map((o, i) => ({ name: o.name, path: `/spec/slos/${i}/name` })), 'SLO names', problems);
  unique(
    [...list(monitoring.features).map((f, i) => ({ name: record(f).name, path: `/spec/monitoring/features/${i}/name` })),
      ...(isObject(monitoring.prediction) ? [{ name: monitoring.prediction.name, path: '/spec/monitoring/prediction/name' }] : [])],
    'monitored column names (features and the prediction)',
    problems,
  );
  const metrics = list(record(record(s.modelCard).evaluation).metrics);
  unique(metrics.map((m, i) => ({ name: record(m).name, path: `/spec/modelCard/evaluation/metrics/${i}/name` })), 'evaluation metric names', problems);

  const windows = [
    ...slos.map((o, i) => ({ value: o.window, path: `/spec/slos/${i}/window` })),
    { value: monitoring.window, path: '/spec/monitoring/window' },
    { value: record(monitoring.reference).window, path: '/spec/monitoring/reference/window' },
    { value: record(monitoring.reference).offset, path: '/spec/monitoring/reference/offset' },
  ];
  const reference = monitoring.reference;
  if (isObject(reference) && (reference.environment === undefined) === (reference.window === undefined)) {
    problems.push({
      path: '/spec/monitoring/reference',
      message: 'must give either an earlier window (window, and optionally offset) or an environment whose baseline profile to compare with, not both',
    });
  } else if (isObject(reference) && reference.environment !== undefined && reference.offset !== undefined) {
    problems.push({ path: '/spec/monitoring/reference/offset', message: 'is read only with a reference window, not with an environment' });
  }
  for (const w of windows) {
    if (typeof w.value === 'string' && /^[1-9][0-9]*[mhdw]$/.test(w.value) && windowSeconds(w.value) > MAX_WINDOW_SECONDS) {
      problems.push({ path: w.path, message: `'${w.value}' is longer than a year (365d, 52w)` });
    }
  }

  slos.forEach((o, i) => {
    const indicator = o.indicator ?? (o.name === 'availability' || o.name === 'latency' ? o.name : undefined);
    if (o.query !== undefined && indicator !== 'custom') {
      problems.push({ path: `/spec/slos/${i}/query`, message: 'is read only for custom objectives (indicator: custom)' });
    }
    if (o.thresholdMs !== undefined && indicator !== 'latency') {
      problems.push({ path: `/spec/slos/${i}/thresholdMs`, message: 'is read only for latency objectives' });
    }
    if (indicator !== 'custom') return;
    for (const part of ['good', 'total'] as const) {
      const query = record(o.query)[part];
      if (typeof query !== 'string' || !query) continue;
      for (const p of checkSliQuery(query)) problems.push({ path: `/spec/slos/${i}/query/${part}`, message: describePromqlProblem(query, p) });
    }
  });

  const columns = [
    ...list(monitoring.features).map((f, i) => ({ column: record(f), path: `/spec/monitoring/features/${i}` })),
    ...(isObject(monitoring.prediction) ? [{ column: monitoring.prediction, path: '/spec/monitoring/prediction' }] : []),
  ];
  for (const { column, path } of columns) {
    const test = driftTests[column.test as keyof typeof driftTests];
    if (!test) continue;
    if (typeof column.type === 'string' && !(test.types as string[]).includes(column.type)) {
      problems.push({ path: `${path}/test`, message: `the ${test.title} test does not apply to ${column.type} columns` });
    }
    if (test.score === 'p-value' && typeof column.threshold === 'number' && column.threshold >= 1) {
      problems.push({ path: `${path}/threshold`, message: `the ${test.title} test compares a p-value with it, so it must be below 1` });
    }
  }
  return problems;
}

/** A Kubernetes object or namespace name (RFC 1123 label), as InferenceServices, Seldon Models and namespaces have. */
const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The annotations Modelport reads from a Model: they name the model's workload and namespace in its queries and
 * rules, its serving stack and its Prometheus, so each must be what it claims to be.
 */
export function modelAnnotationProblems(annotations: Record<string, string> | undefined): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const at = (key: string) => `/metadata/annotations/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  for (const key of [ANNOTATION_KUBERNETES_ID, ANNOTATION_KUBERNETES_NAMESPACE]) {
    const value = annotations?.[key];
    if (value !== undefined && !(value.length <= 63 && KUBERNETES_NAME.test(value))) {
      problems.push({ path: at(key), message: `'${value.slice(0, 80)}' is not a Kubernetes name (up to 63 lower-case letters, digits and hyphens)` });
    }
  }
  const source = annotations?.[ANNOTATION_METRICS_SOURCE];
  if (source !== undefined && !(METRICS_SOURCES as readonly string[]).includes(source)) {
    problems.push({ path: at(ANNOTATION_METRICS_SOURCE), message: `is '${source.slice(0, 80)}'; Modelport reads ${METRICS_SOURCES.slice(0, -1).join(', ')} or ${METRICS_SOURCES.at(-1)}` });
  }
  const object = annotations?.[ANNOTATION_SERVING_OBJECT];
  if (object !== undefined) {
    const [kind, namespace, name, ...rest] = object.split('/');
    if (rest.length || !(SERVING_OBJECT_KINDS as readonly string[]).includes(kind) || !KUBERNETES_NAME.test(namespace ?? '') || !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name ?? '')) {
      problems.push({ path: at(ANNOTATION_SERVING_OBJECT), message: `'${object.slice(0, 80)}' is not <kind>/<namespace>/<name> with a kind of ${SERVING_OBJECT_KINDS.join(', ')}` });
    }
  }
  const instance = annotations?.[ANNOTATION_PROMETHEUS_INSTANCE];
  if (instance !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(instance)) {
    problems.push({ path: at(ANNOTATION_PROMETHEUS_INSTANCE), message: 'must be the name of a configured Prometheus instance (letters, digits, dots, underscores, hyphens)' });
  }
  return problems;
}

function unique(names: Array<{ name: Json; path: string }>, what: string, problems: ModelProblem[]) {
  const first = new Map<string, string>();
  for (const { name, path } of names) {
    if (typeof name !== 'string') continue;
    const earlier = first.get(name);
    if (earlier) problems.push({ path, message: `'${name}' is already the name of ${earlier.replace(/\/name$/, '')}; ${what} must be unique` });
    else first.set(name, path);
  }
}

/** Text must be Unicode; the schema's type checks already refuse the numbers JSON cannot hold. */
function walk(value: Json, path: string, problems: ModelProblem[]) {
  if (typeof value === 'string' && loneSurrogateAt(value) >= 0) problems.push({ path, message: 'holds a lone UTF-16 surrogate, which is not text' });
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}/${i}`, problems));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, problems);
}

