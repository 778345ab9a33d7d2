import { servingResourceTypes } from '@modelport/plugin-models-common';
import { runUntilSignal } from '@internal/test-fixtures';
import { exampleClusters } from './examples';
import { startSandboxCluster, stored, type ClusterState } from './sandboxCluster';

/** staging-eu runs KServe only: Seldon Core 2's CRDs are not installed there, as on many a staging cluster. */
const installed: Record<string, ClusterState['installed']> = {
  'staging-eu': [servingResourceTypes.inferenceServices, servingResourceTypes.deployments],
};

/**
 * The demo's sandbox clusters, until stopped: `prod-eu` and `staging-eu` answer with the example models' serving
 * objects; `prod-us` is left without a server, a cluster that does not answer. Used by scripts/start and the
 * browser test, with app-config.sandbox-clusters.yaml, which gives the Kubernetes plugin the same ports and tokens.
 * Usage: cli.ts [first-port]   (default 9481: prod-eu 9481, staging-eu 9482, prod-us 9483 unanswered; 0: any free
 * ports, printed as they are taken, as the production test starts it)
 */
runUntilSignal(async () => {
  const first = Number(process.argv[2] ?? 9481);
  const answering = ['prod-eu', 'staging-eu'] as const;
  const clusters = await Promise.all(
    answering.map((name, i) =>
      startSandboxCluster({ token: `sandbox-${name}`, objects: exampleClusters[name].map(o => stored(o)), installed: installed[name] }, { port: first && first + i }),
    ),
  );
  answering.forEach((name, i) => console.log(`sandbox cluster ${name} (not a real cluster) at ${clusters[i].url}`));
  if (first) console.log(`sandbox cluster prod-us is configured at http://127.0.0.1:${first + 2} and left unanswered on purpose`);
  return async () => {
    await Promise.all(clusters.map(c => c.close()));
  };
});
