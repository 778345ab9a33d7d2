import { startSandboxCluster, stored, type KubeObject, type SandboxCluster } from '@internal/kubernetes-sandbox';
import { servingResourceTypes } from '@modelport/plugin-models-common';
import { startKubernetesBackend } from '../__testUtils__/kubernetesBackend';
import { ClusterError } from './clusterErrors';
import { KubernetesBackendGateway } from './KubernetesGateway';

const { inferenceServices, seldonModels } = servingResourceTypes;

const isvc = (name: string, namespace: string): KubeObject =>
  stored({ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name, namespace }, spec: { predictor: { model: { modelFormat: { name: 'sklearn' } } } } });

describe('KubernetesBackendGateway through the real Kubernetes backend', () => {
  let eu: SandboxCluster;
  let us: SandboxCluster;
  let started: Awaited<ReturnType<typeof startKubernetesBackend>>;
  let gateway: KubernetesBackendGateway;
  const never = () => new AbortController().signal;

  beforeAll(async () => {
    eu = await startSandboxCluster({ token: 'eu-token', objects: [] });
    us = await startSandboxCluster({ token: 'us-token', objects: [] });
    started = await startKubernetesBackend([
      { name: 'prod-eu', url: eu.url, authProvider: 'serviceAccount', serviceAccountToken: 'eu-token' },
      // A token the cluster does not accept.
      { name: 'prod-us', url: us.url, authProvider: 'serviceAccount', serviceAccountToken: 'expired-token' },
      { name: 'gone', url: 'http://127.0.0.1:9', authProvider: 'serviceAccount', serviceAccountToken: 't' },
      { name: 'sso', url: eu.url, authProvider: 'oidc', oidcTokenProvider: 'okta' },
    ]);
    gateway = new KubernetesBackendGateway(started);
  });
  afterAll(async () => {
    await started?.backend.stop();
    await eu?.close();
    await us?.close();
  });
  beforeEach(() => {
    eu.set({ objects: [], forbidden: [], malformed: [], hang: false, installed: undefined });
    eu.requests.length = 0;
  });

  it('lists the clusters the Kubernetes plugin knows, and which of them a scheduled collection can read', async () => {
    const clusters = await gateway.clusters();
    expect(clusters.map(c => [c.name, c.authProvider, KubernetesBackendGateway.readable(c)])).toEqual([
      ['prod-eu', 'serviceAccount', true],
      ['prod-us', 'serviceAccount', true],
      ['gone', 'serviceAccount', true],
      ['sso', 'oidc', false],
    ]);
  });

  it("pages a cluster-wide list with limit and continue, with the cluster's own credential", async () => {
    const objects = Array.from({ length: 1201 }, (_, i) => isvc(`model-${i}`, i % 2 ? 'team-a' : 'team-b'));
    eu.set({ objects });
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await gateway.listPage('prod-eu', inferenceServices, { limit: 500, continue: token, signal: never() });
      names.push(...page.items.map(i => (i as KubeObject).metadata.name));
      token = page.continue;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual(objects.map(o => o.metadata.name));
    expect(eu.requests.map(r => [r.path, r.query.limit, r.authorized])).toEqual(Array(3).fill(['/apis/serving.kserve.io/v1beta1/inferenceservices', '500', true]));
  });

  it('lists one namespace when asked', async () => {
    eu.set({ objects: [isvc('a', 'team-a'), isvc('b', 'team-b')] });
    const page = await gateway.listPage('prod-eu', inferenceServices, { namespace: 'team-b', limit: 500, signal: never() });
    expect(page.items.map(i => (i as KubeObject).metadata.name)).toEqual(['b']);
    expect(eu.requests[0].path).toBe('/apis/serving.kserve.io/v1beta1/namespaces/team-b/inferenceservices');
  });

  const failure = (cluster: string, options: { signal?: AbortSignal; type?: typeof inferenceServices | typeof seldonModels; continue?: string } = {}) =>
    gateway
      .listPage(cluster, options.type ?? inferenceServices, { limit: 500, signal: options.signal ?? never(), continue: options.continue })
      .then(() => undefined, (e: unknown) => e as ClusterError);

  it('names each failure: refused credential, forbidden type, CRD not installed, malformed answer', async () => {
    expect(await failure('prod-us')).toMatchObject({ kind: 'unauthorized', cluster: 'prod-us' });
    eu.set({ forbidden: ['inferenceservices'] });
    expect(await failure('prod-eu')).toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining('cannot list resource "inferenceservices" in API group "serving.kserve.io" at the cluster scope'),
    });
    eu.set({ forbidden: [], installed: [inferenceServices] });
    expect(await failure('prod-eu', { type: seldonModels })).toMatchObject({ kind: 'not-installed', message: "Cluster 'prod-eu': Model (models.mlops.seldon.io/v1alpha1) is not installed" });
    eu.set({ installed: undefined, malformed: ['inferenceservices'] });
    expect(await failure('prod-eu')).toMatchObject({ kind: 'malformed' });
  });

  it('tells a cluster the Kubernetes plugin does not know, and one it cannot reach', async () => {
    expect(await failure('nowhere')).toMatchObject({ kind: 'unknown-cluster', message: "Cluster 'nowhere': not found" });
    // Said once: the cluster's name and the cause, not the Kubernetes backend's message and its cause again.
    expect(await failure('gone')).toMatchObject({ kind: 'unreachable', message: expect.stringMatching(/^Cluster 'gone': request error; caused by Error: connect ECONNREFUSED [\d.:]+$/) });
  });

  it('gives up on a cluster that does not answer when the signal says so', async () => {
    eu.set({ hang: true });
    const stop = new AbortController();
    const answer = failure('prod-eu', { signal: stop.signal });
    await new Promise<void>(resolve => {
      const poll = () => (eu.requests.length ? resolve() : setImmediate(poll));
      poll();
    });
    stop.abort();
    expect(await answer).toMatchObject({ kind: 'timeout' });
  });

  it('reports a continue token the API server compacted away as expired', async () => {
    eu.set({ objects: [isvc('a', 'n'), isvc('b', 'n')] });
    const first = await gateway.listPage('prod-eu', inferenceServices, { limit: 1, signal: never() });
    eu.set({ objects: [isvc('a', 'n'), isvc('b', 'n'), isvc('c', 'n')] });
    eu.compact();
    expect(await failure('prod-eu', { continue: first.continue })).toMatchObject({ kind: 'expired' });
  });
});
