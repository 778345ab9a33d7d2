import { mockServices } from '@backstage/backend-test-utils';
import { startSandboxCluster, stored, type SandboxCluster } from '@internal/kubernetes-sandbox';
import { servingResourceTypes } from '@modelport/plugin-models-common';
import { startKubernetesBackend } from '../__testUtils__/kubernetesBackend';
import { noModelsMetrics, type ModelsMetrics } from '../metrics/ModelsMetrics';
import type { ClusterSnapshot } from './clusterSnapshot';
import { KubernetesBackendGateway } from './KubernetesGateway';
import type { ServingCluster } from './servingConfig';
import { ServingService } from './ServingService';
import type { ServingStore } from './ServingStore';

/** A store of the last cycle only: what this test looks at is what the cycle counts, not what it keeps. */
class LastCycleStore implements ServingStore {
  saved: ClusterSnapshot[] = [];
  async saveCycle(snapshots: ClusterSnapshot[]) {
    this.saved = snapshots;
  }
  async snapshots() {
    return this.saved;
  }
  async revisionArtifacts() {
    return new Map<string, string>();
  }
}

describe("the serving collection's own metrics", () => {
  let eu: SandboxCluster;
  let staging: SandboxCluster;
  let started: Awaited<ReturnType<typeof startKubernetesBackend>>;

  beforeAll(async () => {
    const isvc = (name: string) => stored({ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name, namespace: 'models' } });
    // prod-eu lists its InferenceServices but will not list Seldon's Models to this token, and has no Experiments CRD.
    eu = await startSandboxCluster({
      token: 'eu',
      objects: [isvc('churn'), isvc('fraud')],
      forbidden: ['models'],
      installed: [servingResourceTypes.inferenceServices, servingResourceTypes.seldonModels, servingResourceTypes.deployments],
    });
    staging = await startSandboxCluster({ token: 'staging', objects: [] });
    started = await startKubernetesBackend([
      { name: 'prod-eu', url: eu.url, authProvider: 'serviceAccount', serviceAccountToken: 'eu' },
      // The Kubernetes plugin holds a token this cluster does not accept.
      { name: 'staging-eu', url: staging.url, authProvider: 'serviceAccount', serviceAccountToken: 'revoked' },
    ]);
  });
  afterAll(async () => {
    await started?.backend.stop();
    await Promise.all([eu, staging].map(c => c?.close()));
  });

  /** The service over these clusters, with nothing approved anywhere: only the collection matters here. */
  const serviceOf = (clusters: ServingCluster[], metrics: ModelsMetrics) =>
    new ServingService({
      store: new LastCycleStore(),
      gateway: new KubernetesBackendGateway(started),
      config: { clusters, timeoutMs: 60_000, intervalSeconds: 60, pageSize: 500 },
      environments: ['staging', 'prod'],
      deployments: { of: async () => ({ approved: {}, versions: [] }), approvedAll: async () => new Map(), versions: async () => [] },
      logger: mockServices.logger.mock(),
      metrics,
    });

  it("counts each cluster's read: its duration and outcome, its list calls, its failures and its types' failures", async () => {
    const recorded: Array<[string, Parameters<ModelsMetrics['servingRead']>[1]]> = [];
    const metrics: ModelsMetrics = { ...noModelsMetrics, servingRead: (cluster, read) => recorded.push([cluster, read]) };
    const service = serviceOf(
      ['prod-eu', 'staging-eu', 'elsewhere'].map((name, i) => ({ name, environment: i === 1 ? 'staging' : 'prod', namespaces: [] })),
      metrics,
    );

    const reads = await service.runCycle();

    const calls = Object.fromEntries(reads.map(r => [r.cluster, r.calls]));
    expect(calls['prod-eu']).toBeGreaterThanOrEqual(3);
    expect(recorded.map(([cluster, read]) => [cluster, read.failure, read.typeFailures, read.calls])).toEqual([
      // Forbidden is counted; Experiments not installed is prod-eu's setup, not a failure.
      ['prod-eu', undefined, [{ resource: 'seldonModels', kind: 'forbidden' }], calls['prod-eu']],
      ['staging-eu', 'unauthorized', [], calls['staging-eu']],
      // Not a cluster the Kubernetes plugin knows: no call was made.
      ['elsewhere', 'unknown-cluster', [], 0],
    ]);
    for (const [, read] of recorded) expect(read.seconds).toBeGreaterThanOrEqual(0);
  });

  it('counts nothing for a cycle stopped by shutdown', async () => {
    const recorded: string[] = [];
    const service = serviceOf([{ name: 'prod-eu', environment: 'prod', namespaces: [] }], { ...noModelsMetrics, servingRead: cluster => recorded.push(cluster) });
    const shutdown = new AbortController();
    shutdown.abort();
    expect(await service.runCycle(shutdown.signal)).toEqual([]);
    expect(recorded).toEqual([]);
  });
});
