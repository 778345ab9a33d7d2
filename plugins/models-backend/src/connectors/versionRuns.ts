import type { ExternalModelVersion, ExternalRunData, ModelRegistryConnector } from '@modelport/plugin-models-node';

/** How many versions the importer reads the runs of at once: MLflow's run search takes 1,000 ids a call. */
export const RUN_BATCH = 1000;

/**
 * The items of these pages regrouped into batches of at most `size`, in order. A registry's pages need not be
 * large: Unity Catalog pages one model's versions at a time, often a handful, and reading runs per page would cost
 * a call per model. A page of `size` is handed on as it comes, without waiting for the next.
 */
export async function* inBatches<T>(pages: AsyncIterable<T[]>, size = RUN_BATCH): AsyncIterable<T[]> {
  let batch: T[] = [];
  for await (const page of pages) {
    for (const item of page) {
      batch.push(item);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

/**
 * The distinct runs of the versions that will be imported: READY and not registered yet. Versions already in, or
 * not ready, are never read for, so that a sync with nothing new costs no run reads.
 */
export function runIdsToRead(versions: Array<{ version: ExternalModelVersion; registered: Map<string, string> }>): string[] {
  const ids = new Set<string>();
  for (const { version, registered } of versions) {
    if (version.status === 'READY' && version.runId && !registered.has(version.version)) ids.add(version.runId);
  }
  return [...ids];
}

/**
 * What these runs recorded: in one call when the connector reads runs in batches, else one call per run. A run the
 * registry no longer has is absent.
 */
export async function readRuns(connector: ModelRegistryConnector, runIds: string[]): Promise<Map<string, ExternalRunData>> {
  if (!runIds.length) return new Map();
  if (connector.runsData) return connector.runsData(runIds);
  const runs = new Map<string, ExternalRunData>();
  if (!connector.runData) return runs;
  for (const runId of runIds) {
    const run = await connector.runData(runId);
    if (run) runs.set(runId, run);
  }
  return runs;
}
