import { runUntilSignal } from '@internal/test-fixtures';
import { exampleRegistry } from './examples';
import { startMlflowSandbox } from './sandboxRegistry';

/**
 * The demo's sandbox registry, until stopped: one server answers the MLflow registry, the Databricks workspace
 * paths (Unity Catalog, Model Serving, runs) and the Kubeflow Model Registry's with the example registry, accepting the bearer token
 * `sandbox-mlflow`. Used by the demo with an app-config that points both registry instances at it.
 * Usage: cli.ts [port]   (default 9491; 0: any free port, printed when taken)
 */
runUntilSignal(async () => {
  const port = Number(process.argv[2] ?? 9491);
  const sandbox = await startMlflowSandbox(exampleRegistry, { port });
  console.log(`sandbox MLflow, Databricks and Kubeflow registry (not a real one) at ${sandbox.url}, token ${exampleRegistry.token}`);
  return () => sandbox.close();
});
