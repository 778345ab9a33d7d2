import { exampleRegistry } from './examples';
import { startMlflowSandbox } from './sandboxRegistry';

/**
 * The demo's sandbox registry, until stopped: one server answers the MLflow registry, the Databricks workspace
 * paths (Unity Catalog, Model Serving, runs) and the Kubeflow Model Registry's with the example registry, accepting the bearer token
 * `sandbox-mlflow`. Used by the demo with an app-config that points both registry instances at it.
 * Usage: cli.ts [port]   (default 9491; 0: any free port, printed when taken)
 */
async function main() {
  const port = Number(process.argv[2] ?? 9491);
  const sandbox = await startMlflowSandbox(exampleRegistry, { port });
  console.log(`sandbox MLflow, Databricks and Kubeflow registry (not a real one) at ${sandbox.url}, token ${exampleRegistry.token}`);
  const stop = async () => {
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
