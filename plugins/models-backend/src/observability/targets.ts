import { stringifyEntityRef } from '@backstage/catalog-model';
import { ANNOTATION_PROMETHEUS_INSTANCE, type ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import { ANNOTATION_KUBERNETES_NAMESPACE, type MetricsSource, metricsSourceOf, workloadName } from '../slo/sliQueries';

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
};

/** The configured Prometheus instance a model's metrics live in: its annotation, or the default. */
export function prometheusInstanceOf(model: ModelEntityV1alpha1, fallback: string): string {
  return model.metadata.annotations?.[ANNOTATION_PROMETHEUS_INSTANCE] ?? fallback;
}

export function targetOf(model: ModelEntityV1alpha1, defaults: { source: MetricsSource; instance: string }): ModelTarget {
  const driftWindow = model.spec.monitoring?.window ?? '1d';
  const configured = model.spec.monitoring?.reference;
  return {
    ref: stringifyEntityRef(model),
    model,
    source: metricsSourceOf(model, defaults.source),
    workload: workloadName(model),
    namespace: model.metadata.annotations?.[ANNOTATION_KUBERNETES_NAMESPACE],
    instance: prometheusInstanceOf(model, defaults.instance),
    driftWindow,
    reference:
      configured && 'environment' in configured
        ? { environment: configured.environment }
        : { window: configured?.window ?? '7d', offset: configured?.offset ?? driftWindow },
  };
}
