import {
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_PROMETHEUS_INSTANCE,
  type ModelEntityV1alpha1,
  modelRefOf,
  type ModelSlo,
  sloIndicator,
} from '@modelport/plugin-models-common';
import { customSliQueries, type MetricsSource, metricsSourceOf, workloadName } from '../slo/sliQueries';

/**
 * A custom objective of one model, its queries checked and each summed to one series: the unit by which the fleet's
 * custom queries are isolated from each other.
 */
export type CustomObjective = { id: string; slo: ModelSlo; good: string; total: string };

/** A model as the observability queries see it: where its metrics are and under which names. */
export type ModelTarget = {
  ref: string;
  model: ModelEntityV1alpha1;
  source: MetricsSource;
  /** The InferenceService or Seldon Model name, also the `model` label of Modelport's feature metrics. */
  workload: string;
  namespace?: string;
  instance: string;
  driftWindow: string;
  reference: { window: string; offset: string } | { environment: string };
  customObjectives: CustomObjective[];
  /** Why an objective cannot be evaluated, by objective name. */
  invalidObjectives: Map<string, string>;
  /** Why the model's metrics source annotation cannot be read, if it cannot: its request metrics are unknown. */
  sourceProblem?: string;
};

/** The configured Prometheus instance a model's metrics live in: its annotation, or the default. */
export function prometheusInstanceOf(model: ModelEntityV1alpha1, fallback: string): string {
  return model.metadata.annotations?.[ANNOTATION_PROMETHEUS_INSTANCE] ?? fallback;
}

/** The id of an objective in the fleet's answers: entity names cannot hold `#`, so no two objectives share one. */
export function objectiveId(ref: string, slo: ModelSlo): string {
  return `${ref}#${slo.name}`;
}

/**
 * A model's target. What Modelport cannot evaluate is kept per objective, so that it degrades that objective alone:
 * a custom query Prometheus would refuse, or (for its availability and latency objectives) a metrics source
 * annotation it does not read.
 */
export function targetOf(model: ModelEntityV1alpha1, defaults: { source: MetricsSource; instance: string }): ModelTarget {
  const ref = modelRefOf(model);
  let source = defaults.source;
  let sourceProblem: string | undefined;
  try {
    source = metricsSourceOf(model, defaults.source);
  } catch (error) {
    sourceProblem = (error as Error).message;
  }
  const driftWindow = model.spec.monitoring?.window ?? '1d';
  const configured = model.spec.monitoring?.reference;
  const customObjectives: CustomObjective[] = [];
  const invalidObjectives = new Map<string, string>();
  for (const slo of model.spec.slos ?? []) {
    if (sloIndicator(slo) !== 'custom') {
      if (sourceProblem) invalidObjectives.set(slo.name, sourceProblem);
      continue;
    }
    try {
      customObjectives.push({ id: objectiveId(ref, slo), slo, ...customSliQueries(model, slo) });
    } catch (error) {
      invalidObjectives.set(slo.name, (error as Error).message);
    }
  }
  return {
    ref,
    model,
    source,
    workload: workloadName(model),
    namespace: model.metadata.annotations?.[ANNOTATION_KUBERNETES_NAMESPACE],
    instance: prometheusInstanceOf(model, defaults.instance),
    driftWindow,
    reference:
      configured && 'environment' in configured
        ? { environment: configured.environment }
        : { window: configured?.window ?? '7d', offset: configured?.offset ?? driftWindow },
    customObjectives,
    invalidObjectives,
    sourceProblem,
  };
}
