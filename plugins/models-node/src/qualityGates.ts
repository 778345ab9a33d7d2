import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { ModelEntityV1alpha1, ModelVersion } from '@modelport/plugin-models-common';

/**
 * What a quality gate sees when a promotion is about to happen.
 *
 * @public
 */
export type QualityGateContext = {
  model: ModelEntityV1alpha1;
  version: ModelVersion;
  environment: string;
  /** This gate's entry in the environment's `qualityGates` configuration. */
  config: Config;
  /**
   * The registry's present: the moment the promotion is decided, which a gate that compares dates (such as a due
   * review) judges by rather than its own clock.
   */
  now: Date;
};

/** @public */
export type QualityGateOutcome = {
  passed: boolean;
  /** Says what was checked and, when it failed, what is missing; shown to the requester and kept in the audit. */
  message: string;
  /**
   * Whether a requester may promote despite this failure by giving a reason (kept in the audit trail), as for
   * live operational state; never for gates about the version itself.
   */
  overridable?: boolean;
};

/**
 * A check that must pass before a version enters an environment whose policy lists the gate's `type`.
 * Gates run on the server at the moment of promotion, never in the browser.
 *
 * @public
 */
export interface QualityGate {
  /** Referred to as `type` in `models.registry.environments[].policy.qualityGates`. */
  readonly type: string;
  evaluate(context: QualityGateContext): Promise<QualityGateOutcome>;
}

/** @public */
export interface ModelsQualityGatesExtensionPoint {
  addQualityGate(...gates: QualityGate[]): void;
}

/**
 * Lets backend modules add quality gates (for example live drift or SLO state) to the models plugin.
 *
 * @public
 */
export const modelsQualityGatesExtensionPoint =
  createExtensionPoint<ModelsQualityGatesExtensionPoint>({ id: 'models.quality-gates' });
