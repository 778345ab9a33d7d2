import type { Entity } from '@backstage/catalog-model';
import {
  DATA_CLASSIFICATIONS,
  type DRIFT_TEST_NAMES,
  FEATURE_TYPES,
  MODEL_ENTITY_API_VERSION,
  MODEL_ENTITY_KIND,
  MODEL_RISK_LEVELS,
  SLO_INDICATORS,
} from './constants';

/** @public */
export type ModelRiskLevel = (typeof MODEL_RISK_LEVELS)[number];
/** @public */
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];
/** @public */
export type FeatureType = (typeof FEATURE_TYPES)[number];
/** @public */
export type SloIndicator = (typeof SLO_INDICATORS)[number];

/**
 * One evaluation result in a model card. `threshold`, when given, is the minimum the model must reach.
 *
 * @public
 */
export type ModelCardMetric = {
  name: string;
  value: number;
  threshold?: number;
  description?: string;
};

/** @public */
export type ModelCard = {
  intendedUse?: string;
  limitations?: string;
  ethicalConsiderations?: string;
  riskLevel?: ModelRiskLevel;
  dataClassification?: DataClassification;
  evaluation?: {
    /** Entity reference to the Resource the metrics were computed on. */
    dataset?: string;
    metrics?: ModelCardMetric[];
  };
};

/** @public */
export type MonitoredFeature = {
  name: string;
  type: FeatureType;
  /** The drift test; by default the one Evidently would pick for the column's type, cardinality and size. */
  test?: (typeof DRIFT_TEST_NAMES)[number];
  /** The test's threshold: a p-value below it, or a distance at or above it, is drift. */
  threshold?: number;
};

/**
 * A service level objective in OpenSLO's vocabulary: the share of good events (`objective`, between 0 and 1)
 * over a rolling `window` such as `30d`.
 *
 * @public
 */
export type ModelSlo = {
  name: string;
  /** Defaults to `name` when the name is `availability` or `latency`. */
  indicator?: SloIndicator;
  objective: number;
  window: string;
  /** Requests slower than this count as bad events; required for latency objectives. */
  thresholdMs?: number;
  /** PromQL for good and total events; required for custom objectives. */
  query?: { good: string; total: string };
  description?: string;
};

/** @public */
export interface ModelEntityV1alpha1 extends Entity {
  apiVersion: typeof MODEL_ENTITY_API_VERSION;
  kind: typeof MODEL_ENTITY_KIND;
  spec: {
    type: string;
    lifecycle: string;
    owner: string;
    system?: string;
    /** References to the Components or APIs that serve the model (default kind: component). */
    servedBy?: string[];
    /** References to the Resources the model was trained on (default kind: resource). */
    trainedOn?: string[];
    modelCard?: ModelCard;
    monitoring?: {
      features?: MonitoredFeature[];
      prediction?: MonitoredFeature;
      /** The current window drift is measured over, e.g. 1d (the default). */
      window?: string;
      /**
       * The reference distribution: an earlier window (by default the 7 days before the current window), or the
       * baseline profile registered with the version that is current in an environment.
       */
      reference?: { window: string; offset?: string } | { environment: string };
    };
    slos?: ModelSlo[];
  };
}

/** @public */
export function isModelEntity(entity: Entity): entity is ModelEntityV1alpha1 {
  return (
    entity.kind === MODEL_ENTITY_KIND &&
    entity.apiVersion === MODEL_ENTITY_API_VERSION
  );
}

/**
 * The indicator of an SLO, with the `name` shorthand of the entity format resolved.
 *
 * @public
 */
export function sloIndicator(slo: ModelSlo): SloIndicator | undefined {
  if (slo.indicator) return slo.indicator;
  return (SLO_INDICATORS as readonly string[]).includes(slo.name)
    ? (slo.name as SloIndicator)
    : undefined;
}
