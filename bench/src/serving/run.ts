/*
 * The serving collection at fleet scale: C sandbox clusters of N InferenceServices each, read through the real
 * Kubernetes backend (its /proxy, as in production) by the collection (collectServing: one list per cluster,
 * resource type and page). Baseline in the same run: the same objects found the way a per-entity lookup finds
 * them (one labelSelector list per model and cluster, as the Kubernetes plugin's fan-out does for one entity).
 * Then the same cycle with one cluster that never answers, against its timeout.
 * Usage: pnpm --filter @modelport/bench serving [--clusters 3] [--objects 1000] [--rounds 5] [--timeout-ms 2000]
 *   [--baseline-models 100]
 */
import { createBackend } from '@backstage/backend-defaults';
import { coreServices, createBackendPlugin, type AuthService, type DiscoveryService } from '@backstage/backend-plugin-api';
import { readyInferenceService, startSandboxCluster, type SandboxCluster } from '@internal/kubernetes-sandbox';
import { servingResourceTypes } from '@modelport/plugin-models-common';
import { collectServing } from '@modelport/plugin-models-backend/src/serving/collectServing';
import { KubernetesBackendGateway } from '@modelport/plugin-models-backend/src/serving/KubernetesGateway';
import type { ServingConfig } from '@modelport/plugin-models-backend/src/serving/servingConfig';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { median } from '../median';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '3' },
    objects: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '5' },
    'timeout-ms': { type: 'string', default: '2000' },
    'baseline-models': { type: 'string', default: '100' },
  },
});
const clusterCount = Number(values.clusters);
const objectsPerCluster = Number(values.objects);
const rounds = Number(values.rounds);
const timeoutMs = Number(values['timeout-ms']);
const baselineModels = Number(values['baseline-models']);

async function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function main() {
  const clusters: Record<string, SandboxCluster> = {};
  for (let c = 0; c < clusterCount; c++) {
    const objects = Array.from({ length: objectsPerCluster }, (_, i) =>
      readyInferenceService({
        name: `model-${i}`,
        namespace: `team-${i % 20}`,
        cluster: `prod-${c}`,
        labels: { 'modelport.io/model': `model-${i}` },
        format: 'xgboost',
        storageUri: `s3://bench/model-${i}/1.0.0/model.ubj`,
        revision: 1,
      }),
    );
    clusters[`prod-${c}`] = await startSandboxCluster({ token: `token-${c}`, objects });
  }

  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modelport-bench-serving-'));
  const configFile = path.join(dir, 'app-config.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      backend: { baseUrl: `http://localhost:${port}`, listen: { port }, database: { client: 'better-sqlite3', connection: ':memory:' } },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          { type: 'config', clusters: Object.entries(clusters).map(([name, c], i) => ({ name, url: c.url, authProvider: 'serviceAccount', serviceAccountToken: `token-${i}` })) },
        ],
      },
    }),
  );
  process.argv.push('--config', configFile);

  let services!: { discovery: DiscoveryService; auth: AuthService };
  const probe = createBackendPlugin({
    pluginId: 'bench-probe',
    register(reg) {
      reg.registerInit({
        deps: { discovery: coreServices.discovery, auth: coreServices.auth },
        async init(deps) {
          services = deps;
        },
      });
    },
  });
  const backend = createBackend();
  backend.add(import('@backstage/plugin-kubernetes-backend'));
  backend.add(probe);
  await backend.start();

  const gateway = new KubernetesBackendGateway(services);
  const names = Object.keys(clusters);
  const config: ServingConfig = {
    clusters: names.map(name => ({ name, environment: 'prod', namespaces: [] })),
    timeoutMs,
    intervalSeconds: 60,
    pageSize: 500,
  };
  const requests = (plural = '') => names.reduce((sum, n) => sum + clusters[n].requests.filter(r => r.path.endsWith(plural)).length, 0);
  const reset = () => names.forEach(n => (clusters[n].requests.length = 0));

  // Warm-up: the first call loads @kubernetes/client-node and issues the service token.
  await collectServing(gateway, config);

  const cycles: number[] = [];
  const perModel: number[] = [];
  let cycleCalls = 0;
  let inferenceServiceCalls = 0;
  let baselineCalls = 0;
  let objectsRead = 0;
  for (let r = 0; r < rounds; r++) {
    reset();
    let t = performance.now();
    const reads = await collectServing(gateway, config);
    cycles.push(performance.now() - t);
    cycleCalls = requests();
    inferenceServiceCalls = requests('/inferenceservices');
    objectsRead = reads.reduce((sum, read) => sum + (read.objects.inferenceServices?.length ?? 0), 0);
    if (reads.some(read => read.failure)) throw new Error(`a cluster failed: ${JSON.stringify(reads.map(read => read.failure))}`);

    // Baseline: one labelSelector list per model and cluster for a sample of the models, scaled to the fleet.
    reset();
    t = performance.now();
    for (let i = 0; i < baselineModels; i++) {
      await Promise.all(names.map(name => gatewayList(gateway, name, `modelport.io/model=model-${i}`)));
    }
    perModel.push(((performance.now() - t) / baselineModels) * objectsPerCluster);
    baselineCalls = (requests() / baselineModels) * objectsPerCluster;
  }

  // One cluster that never answers: the others must be complete and the cycle no longer than the timeout + 10%.
  clusters[names[names.length - 1]].set({ hang: true });
  const hangingCycles: number[] = [];
  let fresh = 0;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    const reads = await collectServing(gateway, config);
    hangingCycles.push(performance.now() - t);
    fresh = reads.filter(read => !read.failure).length;
    const hanging = reads.find(read => read.cluster === names[names.length - 1]);
    if (hanging?.failure?.kind !== 'timeout') throw new Error(`the hanging cluster was not reported as timed out: ${JSON.stringify(hanging?.failure)}`);
  }
  clusters[names[names.length - 1]].set({ hang: false });

  const cycle = median(cycles);
  const baseline = median(perModel);
  console.log(
    JSON.stringify(
      {
        machine: `${os.cpus().length} x ${os.cpus()[0].model}, Node ${process.version}`,
        clusters: clusterCount,
        objectsPerCluster,
        objectsRead,
        cycle: { calls: cycleCalls, inferenceServiceCalls, objectsPerInferenceServiceCall: (clusterCount * objectsPerCluster) / inferenceServiceCalls, medianMs: Math.round(cycle), ms: cycles.map(Math.round) },
        perModelBaseline: { calls: Math.round(baselineCalls), medianMs: Math.round(baseline), ms: perModel.map(Math.round) },
        speedup: Number((baseline / cycle).toFixed(1)),
        oneClusterHanging: { timeoutMs, freshClusters: fresh, medianMs: Math.round(median(hangingCycles)), ms: hangingCycles.map(Math.round), overTimeout: Number((median(hangingCycles) / timeoutMs - 1).toFixed(3)) },
      },
      null,
      2,
    ),
  );
  // The clusters first: their held and kept-alive connections are what the backend's proxy would wait on.
  await Promise.all(Object.values(clusters).map(c => c.close()));
  fs.rmSync(dir, { recursive: true, force: true });
  await Promise.race([backend.stop(), new Promise(resolve => setTimeout(resolve, 10_000))]);
  // The Kubernetes backend's proxy keeps agents open after stop; the measurement is done.
  process.exit(0);
}

/** One InferenceService list narrowed by a label selector, through the same proxy and client as the collection. */
async function gatewayList(gateway: KubernetesBackendGateway, cluster: string, labelSelector: string) {
  return gateway.listPage(cluster, servingResourceTypes.inferenceServices, { limit: 500, labelSelector, signal: AbortSignal.timeout(30_000) });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
