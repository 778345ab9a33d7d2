/** The apiVersion of the Model entity kind. */
export const MODEL_ENTITY_API_VERSION = 'modelport.io/v1alpha1';

/** The kind name of a Model entity. */
export const MODEL_ENTITY_KIND = 'Model';

/**
 * Annotations Modelport reads from Model entities. The Kubernetes ones are Backstage's own, so a model is
 * matched to its workloads the same way the Kubernetes plugin matches components.
 */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';
export const ANNOTATION_KUBERNETES_NAMESPACE = 'backstage.io/kubernetes-namespace';

/** The serving stack whose request metrics Modelport reads for a model: kserve or seldon. */
export const ANNOTATION_METRICS_SOURCE = 'modelport.io/metrics-source';
export const METRICS_SOURCES = ['kserve', 'seldon'] as const;

/**
 * Relation pairs a Model takes part in beyond Backstage's ownedBy/ownerOf and partOf/hasPart.
 * The first of each pair is emitted from the model, the second from the other entity.
 */
export const RELATION_SERVED_BY = 'servedBy';
export const RELATION_SERVES = 'serves';
export const RELATION_TRAINED_ON = 'trainedOn';
export const RELATION_TRAINING_DATA_OF = 'trainingDataOf';

/** Model types the portal knows how to present; `spec.type` accepts any other non-empty string too. */
export const KNOWN_MODEL_TYPES = [
  'classification',
  'regression',
  'forecasting',
  'llm',
  'embedding',
  'anomaly-detection',
  'ranking',
  'recommendation',
  'computer-vision',
] as const;

export const MODEL_RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;

export const DATA_CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'restricted',
] as const;

export const FEATURE_TYPES = ['numerical', 'categorical'] as const;

export const SLO_INDICATORS = ['availability', 'latency', 'custom'] as const;

/** Drift tests a monitored feature may name; without one, the test is picked by type and sample size. */
export const DRIFT_TEST_NAMES = ['ks', 'chisquare', 'z', 'psi', 'jensenshannon', 'wasserstein'] as const;

/** Annotation naming the configured Prometheus instance a model's metrics live in; the first one by default. */
export const ANNOTATION_PROMETHEUS_INSTANCE = 'modelport.io/prometheus-instance';
