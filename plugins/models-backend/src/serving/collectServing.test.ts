import { startSandboxCluster, stored, type KubeObject, type SandboxCluster } from '@internal/kubernetes-sandbox';
import { servingResourceTypes } from '@modelport/plugin-models-common';
import { startKubernetesBackend } from '../__testUtils__/kubernetesBackend';
import { collectServing } from './collectServing';
import { KubernetesBackendGateway, type ClusterGateway } from './KubernetesGateway';
import type { ServingCluster } from './servingConfig';

const object = (apiVersion: string, kind: string, name: string, namespace: string): KubeObject => stored({ apiVersion, kind, metadata: { name, namespace } });
const isvc = (name: string, namespace = 'models') => object('serving.kserve.io/v1beta1', 'InferenceService', name, namespace);
const seldonModel = (name: string, namespace = 'models') => object('mlops.seldon.io/v1alpha1', 'Model', name, namespace);
const names = (items: unknown[] | undefined) => (items ?? []).map(i => (i as KubeObject).metadata.name);

describe('collectServing through the real Kubernetes backend', () => {
  let eu: SandboxCluster;
  let us: SandboxCluster;
  let kserveOnly: SandboxCluster;
  let started: Awaited<ReturnType<typeof startKubernetesBackend>>;
  let gateway: ClusterGateway;

  beforeAll(async () => {
    eu = await startSandboxCluster({ token: 'eu', objects: [] });
    us = await startSandboxCluster({ token: 'us', objects: [] });
    kserveOnly = await startSandboxCluster({ token: 'k', objects: [], installed: [servingResourceTypes.inferenceServices, servingResourceTypes.deployments] });
    started = await startKubernetesBackend([
      { name: 'prod-eu', url: eu.url, authProvider: 'serviceAccount', serviceAccountToken: 'eu' },
      { name: 'prod-us', url: us.url, authProvider: 'serviceAccount', serviceAccountToken: 'us' },
      { name: 'staging', url: kserveOnly.url, authProvider: 'serviceAccount', serviceAccountToken: 'k' },
      { name: 'sso', url: eu.url, authProvider: 'oidc', oidcTokenProvider: 'okta' },
    ]);
    gateway = new KubernetesBackendGateway(started);
  });
  afterAll(async () => {
    await started?.backend.stop();
    await Promise.all([eu, us, kserveOnly].map(c => c?.close()));
  });

  const config = (clusters: ServingCluster[], timeoutMs = 2_000) => ({ clusters, timeoutMs, intervalSeconds: 60, pageSize: 500 });
  const cluster = (name: string, environment: string, namespaces: string[] = []): ServingCluster => ({ name, environment, namespaces });
  // Deadlines are the test's to decide: none fires unless a test fires it, however loaded the machine.
  const noDeadline = () => new AbortController().signal;

  it('reads each cluster in one list per resource type and page, and one hanging cluster delays only itself', async () => {
    eu.set({ objects: [...Array.from({ length: 1201 }, (_, i) => isvc(`m-${i}`)), seldonModel('fraud')] });
    us.set({ hang: true });
    kserveOnly.set({ objects: [isvc('churn', 'team-a'), isvc('ocr', 'team-b')] });
    eu.requests.length = 0;

    // prod-us's time is up once it holds a list of each of the four types; the other clusters' never is.
    const usDeadline = new AbortController();
    us.requests.length = 0;
    const poll = setInterval(() => us.requests.length >= 4 && usDeadline.abort(), 10);
    const reads = await collectServing(
      gateway,
      config([cluster('prod-eu', 'prod'), cluster('prod-us', 'prod'), cluster('staging', 'staging', ['team-a']), cluster('sso', 'prod'), cluster('elsewhere', 'prod')], 1_000),
      name => (name === 'prod-us' ? usDeadline.signal : noDeadline()),
    ).finally(() => clearInterval(poll));
    const byName = Object.fromEntries(reads.map(r => [r.cluster, r]));

    // 1,201 InferenceServices in pages of 500: three calls; one each for the other three types.
    expect(byName['prod-eu'].failure).toBeUndefined();
    expect(byName['prod-eu'].calls).toBe(6);
    expect(eu.requests).toHaveLength(6);
    expect(names(byName['prod-eu'].objects.inferenceServices)).toHaveLength(1201);
    expect(names(byName['prod-eu'].objects.seldonModels)).toEqual(['fraud']);
    expect(byName['prod-eu'].objects.deployments).toEqual([]);

    expect(byName['prod-us']).toMatchObject({ objects: {}, failure: { kind: 'timeout', message: "Cluster 'prod-us': no complete answer within 1000 ms" } });

    // Seldon is not installed there: said per type, the rest of the cluster counts; only the configured namespace is read.
    expect(byName.staging.failure).toBeUndefined();
    expect(names(byName.staging.objects.inferenceServices)).toEqual(['churn']);
    expect(byName.staging.unavailable).toEqual({
      seldonModels: { kind: 'not-installed', message: "Cluster 'staging': Model (models.mlops.seldon.io/v1alpha1) is not installed" },
      seldonExperiments: { kind: 'not-installed', message: "Cluster 'staging': Experiment (experiments.mlops.seldon.io/v1alpha1) is not installed" },
    });

    expect(byName.sso).toMatchObject({ calls: 0, failure: { kind: 'needs-user-token' } });
    expect(byName.elsewhere).toMatchObject({ calls: 0, failure: { kind: 'unknown-cluster' } });
    us.set({ hang: false });
  });

  it('fails a whole cluster whose credential is refused, and stops its other lists', async () => {
    eu.set({ token: 'rotated', hang: false });
    const [read] = await collectServing(gateway, config([cluster('prod-eu', 'prod')]), noDeadline);
    expect(read).toMatchObject({ objects: {}, failure: { kind: 'unauthorized' } });
    eu.set({ token: 'eu' });
  });

  it('starts a list again once when its continue token expires, and counts each object once', async () => {
    const objects = Array.from({ length: 3 }, (_, i) => isvc(`m-${i}`));
    eu.set({ objects });
    // A gateway that compacts the cluster after the first page, as etcd does between two pages of a long list.
    let compacted = false;
    const compacting: ClusterGateway = {
      clusters: () => gateway.clusters(),
      async listPage(name, type, options) {
        const page = await gateway.listPage(name, type, options);
        if (type.plural === 'inferenceservices' && !compacted) {
          compacted = true;
          eu.set({ objects: [...objects, isvc('m-3')] });
          eu.compact();
        }
        return page;
      },
    };
    const [read] = await collectServing(compacting, { ...config([cluster('prod-eu', 'prod')]), pageSize: 2 }, noDeadline);
    expect(read.failure).toBeUndefined();
    expect(names(read.objects.inferenceServices)).toEqual(['m-0', 'm-1', 'm-2', 'm-3']);
  });

  it('reports every cluster unreachable when the Kubernetes backend does not list its clusters', async () => {
    const down: ClusterGateway = {
      clusters: async () => {
        throw new Error('connect ECONNREFUSED');
      },
      listPage: gateway.listPage.bind(gateway),
    };
    const reads = await collectServing(down, config([cluster('prod-eu', 'prod'), cluster('staging', 'staging')]), noDeadline);
    expect(reads.map(r => [r.cluster, r.failure?.kind])).toEqual([
      ['prod-eu', 'unreachable'],
      ['staging', 'unreachable'],
    ]);
  });

  it('gives up on a cluster list that does not come, and says each cluster timed out', async () => {
    let asked: AbortSignal | undefined;
    const stuck: ClusterGateway = {
      // Never answers on its own: only the deadline ends the wait.
      clusters: signal =>
        new Promise((_, reject) => {
          asked = signal;
          signal?.addEventListener('abort', () => reject(signal.reason));
        }),
      listPage: gateway.listPage.bind(gateway),
    };
    const deadline = new AbortController();
    const cycle = collectServing(stuck, config([cluster('prod-eu', 'prod'), cluster('staging', 'staging')]), noDeadline, deadline.signal);
    await new Promise(resolve => setImmediate(resolve));
    expect(asked).toBe(deadline.signal);
    deadline.abort();
    expect((await cycle).map(r => [r.cluster, r.failure?.kind, r.failure?.message])).toEqual([
      ['prod-eu', 'timeout', "Cluster 'prod-eu': the Kubernetes backend did not list its clusters in time"],
      ['staging', 'timeout', "Cluster 'staging': the Kubernetes backend did not list its clusters in time"],
    ]);
  });
});
