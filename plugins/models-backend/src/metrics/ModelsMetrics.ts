import type { MetricsService } from '@backstage/backend-plugin-api/alpha';

/**
 * Modelport's own health, for the team that runs the portal, as OpenTelemetry instruments of Backstage's metrics
 * service (scope `backstage-plugin-models`). Exported to Prometheus by the backend's instrumentation (README,
 * "Modelport's own metrics"): dots become underscores and counters end in `_total`, so
 * `modelport.registry.promotions` is scraped as `modelport_registry_promotions_total`. docs/grafana/ has a
 * dashboard of exactly these names; a test scrapes them from a running backend with the real Prometheus.
 *
 * Counted only after the change is committed, so a rolled-back transaction never shows as a promotion.
 */
export type ModelsMetrics = {
  /** An environment's current version changed: by a completed promotion or by a rollback. */
  promoted(environment: string, cause: 'promotion' | 'rollback'): void;
  /** An approval or a rejection was recorded. */
  decided(environment: string, decision: 'approve' | 'reject'): void;
  /** A quality gate refused a promotion (at the request, or when the last approval found it failing). */
  gateRefused(environment: string, gate: string): void;
  /** One Prometheus instance's part of a fleet evaluation cycle ended, with its duration in seconds. */
  evaluationCycle(instance: string, outcome: 'ok' | 'failed', seconds: number): void;
  /** Prometheus failed: the whole cycle of an instance (its error kind) or one unit's query (`query`). */
  prometheusFailure(instance: string, kind: string, count?: number): void;
  /**
   * One cluster's part of a serving collection cycle ended: its duration in seconds, its list calls (pages
   * included), and its failures: the cluster's own (`resource` 'all') or one resource type's (e.g. Seldon's Model
   * forbidden). A type that is not installed is the cluster's setup, not a failure, and is not counted.
   */
  servingRead(cluster: string, read: { seconds: number; calls: number; failure?: string; typeFailures: Array<{ resource: string; kind: string }> }): void;
};

/** Seconds, from a fast cycle of a small fleet to one at its timeout. */
// The Prometheus instance's label is `prometheus`, not `instance`: the scraping Prometheus owns `instance` (the
// scraped target) and would rename ours to `exported_instance`.
const CYCLE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export function createModelsMetrics(metrics: MetricsService): ModelsMetrics {
  const promotions = metrics.createCounter('modelport.registry.promotions', {
    description: "Changes of an environment's current version, by cause (promotion or rollback)",
  });
  const decisions = metrics.createCounter('modelport.registry.approvals', {
    description: 'Approvals and rejections of promotion requests, by environment and decision',
  });
  const refusals = metrics.createCounter('modelport.registry.gate_refusals', {
    description: 'Promotions refused by a quality gate, by environment and gate',
  });
  const secondsHistogram = (name: string, description: string) =>
    metrics.createHistogram(name, { description, unit: 's', advice: { explicitBucketBoundaries: CYCLE_BUCKETS } });
  const cycles = secondsHistogram('modelport.observability.cycle.duration', 'Duration of a fleet evaluation cycle on one Prometheus instance, by outcome');
  const failures = metrics.createCounter('modelport.observability.prometheus_failures', {
    description: 'Failed Prometheus work of the fleet evaluation, by instance and error kind',
  });
  const servingReads = secondsHistogram('modelport.serving.cluster_read.duration', "Duration of one cluster's part of a serving collection cycle, by outcome");
  const servingCalls = metrics.createCounter('modelport.serving.list_calls', {
    description: 'Kubernetes list calls of the serving collection (pages included), by cluster',
  });
  const servingFailures = metrics.createCounter('modelport.serving.failures', {
    description: "Failed serving reads, by cluster, error kind and resource type ('all': the whole cluster)",
  });
  return {
    promoted: (environment, cause) => promotions.add(1, { environment, cause }),
    decided: (environment, decision) => decisions.add(1, { environment, decision }),
    gateRefused: (environment, gate) => refusals.add(1, { environment, gate }),
    evaluationCycle: (instance, outcome, seconds) => cycles.record(seconds, { prometheus: instance, outcome }),
    prometheusFailure: (instance, kind, count = 1) => failures.add(count, { prometheus: instance, kind }),
    servingRead: (cluster, read) => {
      servingReads.record(read.seconds, { cluster, outcome: read.failure ? 'failed' : 'ok' });
      if (read.calls) servingCalls.add(read.calls, { cluster });
      if (read.failure) servingFailures.add(1, { cluster, kind: read.failure, resource: 'all' });
      for (const t of read.typeFailures) servingFailures.add(1, { cluster, kind: t.kind, resource: t.resource });
    },
  };
}

/** For services built without the metrics service (tests, the benchmarks). */
export const noModelsMetrics: ModelsMetrics = {
  promoted: () => {},
  decided: () => {},
  gateRefused: () => {},
  evaluationCycle: () => {},
  prometheusFailure: () => {},
  servingRead: () => {},
};
