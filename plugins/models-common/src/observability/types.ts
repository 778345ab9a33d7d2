import type { DriftTestName } from '../drift/driftTests';
import type { BurnRateWindow, SloState } from '../slo/evaluateSlo';

/** What Prometheus (or the model's own query) did wrong for one model, when the rest of the fleet was fine. */
export type ObservabilityError = { kind: string; message: string };

/** One objective of a model as of an evaluation; `error` when its queries failed or cannot be run. */
export type SloSnapshot = {
  name: string;
  indicator: string;
  objective: number;
  window: string;
  state: SloState | 'error';
  budgetRemaining?: number;
  errorRatio?: number;
  burnRates: BurnRateWindow[];
  /** Why there is no data, when there is none. */
  reason?: string;
  /** When the model last had requests (to five minutes), if it has had none in the last hour. */
  lastEventAt?: string;
  error?: ObservabilityError;
};

/** One monitored feature (or the prediction) of a model as of an evaluation. */
export type FeatureDrift = {
  name: string;
  type: 'numerical' | 'categorical';
  role: 'feature' | 'prediction';
  state: 'ok' | 'drifted' | 'no-data' | 'error';
  test?: DriftTestName;
  score?: number;
  threshold?: number;
  referenceSize?: number;
  currentSize?: number;
  message?: string;
};

export type ModelObservability = {
  modelRef: string;
  /** When Prometheus was asked; every figure here is as of this instant. */
  evaluatedAt: string;
  prometheus: string;
  slo: { state: SloSnapshot['state'] | 'not-configured'; objectives: SloSnapshot[] };
  drift: {
    state: 'ok' | 'drifted' | 'no-data' | 'error' | 'not-configured';
    window: string;
    /** An earlier window, or the profile of the version current in an environment (absent when none is). */
    reference: { window: string; offset: string } | { environment: string; version?: string };
    features: FeatureDrift[];
  };
};

export type ObservabilityAttempt = { at: string; ok: boolean; error?: { kind: string; message: string } };

/**
 * What a card shows: the last successful evaluation and the last attempt, so that a card never shows old
 * figures as current. `state` is `not-configured` without Prometheus, `pending` before the first evaluation,
 * `unavailable` when the last attempt failed (the figures, if any, are from before), else `ok`.
 */
export type ObservabilityStatus = {
  state: 'not-configured' | 'pending' | 'ok' | 'unavailable';
  latest?: ModelObservability;
  lastAttempt?: ObservabilityAttempt;
  /** True when `latest` is older than two evaluation intervals or the last attempt failed. */
  stale: boolean;
  intervalSeconds?: number;
};

/** Latency quantiles of a model over recent hours, read from Prometheus when the card asks. */
export type LatencySeries =
  | { state: 'not-configured' }
  | { state: 'unavailable'; error: { kind: string; message: string } }
  | { state: 'ok'; unit: 'ms'; queriedAt: string; stepSeconds: number; series: Array<{ quantile: number; points: Array<{ time: number; value: number }> }> };

/** A row of the fleet view. */
export type FleetEntry = { modelRef: string; title?: string; owner: string; status: ObservabilityStatus };
