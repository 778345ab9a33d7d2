/**
 * The apiVersion of the Model entity kind.
 *
 * @public
 */
export const MODEL_ENTITY_API_VERSION = 'modelport.io/v1alpha1';

/**
 * The kind name of a Model entity.
 *
 * @public
 */
export const MODEL_ENTITY_KIND = 'Model';

/**
 * Annotations Modelport reads from Model entities. The Kubernetes ones are Backstage's own, so a model is
 * matched to its workloads the same way the Kubernetes plugin matches components.
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
/** @public */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';
/** @public */
export const ANNOTATION_KUBERNETES_NAMESPACE = 'backstage.io/kubernetes-namespace';

/**
 * The serving stack whose request metrics Modelport reads for a model: kserve, seldon, or modelport (the model
 * server's own metrics, in every deployment mode).
 *
 * @public
 */
export const ANNOTATION_METRICS_SOURCE = 'modelport.io/metrics-source';
/** @public */
export const METRICS_SOURCES = ['kserve', 'seldon', 'modelport'] as const;

/**
 * Relation pairs a Model takes part in beyond Backstage's ownedBy/ownerOf and partOf/hasPart.
 * The first of each pair is emitted from the model, the second from the other entity.
 *
 * @public
 */
export const RELATION_SERVED_BY = 'servedBy';
/** @public */
export const RELATION_SERVES = 'serves';
/** @public */
export const RELATION_TRAINED_ON = 'trainedOn';
/** @public */
export const RELATION_TRAINING_DATA_OF = 'trainingDataOf';

/**
 * Model types the portal knows how to present; `spec.type` accepts any other non-empty string too.
 *
 * @public
 */
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

/** @public */
export const MODEL_RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;

/** @public */
export const DATA_CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'restricted',
] as const;

/** @public */
export const FEATURE_TYPES = ['numerical', 'categorical'] as const;

/** @public */
export const SLO_INDICATORS = ['availability', 'latency', 'custom'] as const;

/**
 * Drift tests a monitored feature may name; without one, the test is picked by type and sample size.
 *
 * @public
 */
export const DRIFT_TEST_NAMES = ['ks', 'chisquare', 'z', 'psi', 'jensenshannon', 'wasserstein'] as const;

/**
 * Annotation naming the configured Prometheus instance a model's metrics live in; the first one by default.
 *
 * @public
 */
export const ANNOTATION_PROMETHEUS_INSTANCE = 'modelport.io/prometheus-instance';

/**
 * Annotation naming one serving object a model runs as, `<kind>/<namespace>/<name>` with the kinds of the
 * Serving card (InferenceService, SeldonModel, SeldonExperiment, Deployment): for workloads without labels to select.
 *
 * @public
 */
export const ANNOTATION_SERVING_OBJECT = 'modelport.io/serving-object';
/** @public */
export const SERVING_OBJECT_KINDS = ['InferenceService', 'SeldonModel', 'SeldonExperiment', 'Deployment'] as const;

/**
 * Annotation of the Model entities Modelport's serving discovery offers for serving objects no Model describes yet:
 * the cluster it was found in. Such entities never count as describing their object, so the offer stays until
 * its owners write a Model of their own.
 *
 * @public
 */
export const ANNOTATION_DISCOVERED_IN = 'modelport.io/discovered-in';
