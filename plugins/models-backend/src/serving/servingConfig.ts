import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/** A cluster of the Kubernetes plugin's configuration that serves one registry environment. */
export type ServingCluster = {
  /** The cluster's name in the `kubernetes` block (any of its cluster locators). */
  name: string;
  /** The registry environment its models serve. */
  environment: string;
  /** The namespaces to list; none means the whole cluster (one cluster-wide list per resource type). */
  namespaces: string[];
};

export type ServingConfig = {
  clusters: ServingCluster[];
  /** How long one cluster may take to answer all of a cycle's lists before it is reported as timed out. */
  timeoutMs: number;
  /** How often the clusters are read. */
  intervalSeconds: number;
  /** Objects per list page (`limit`); the rest come with `continue` tokens. */
  pageSize: number;
};

const duration = (config: Config, key: string, fallbackMs: number) =>
  config.has(key) ? durationToMilliseconds(readDurationFromConfig(config, { key })) : fallbackMs;

/**
 * Reads `models.serving`. Clusters, their URLs and their credentials stay in the `kubernetes` block that Backstage's
 * Kubernetes plugin reads; Modelport adds only which registry environment each cluster serves, and optionally which
 * namespaces to watch. No clusters configured is a valid setup: the serving cards then say so.
 */
export function readServingConfig(config: Config, environments: string[]): ServingConfig {
  const entries = config.getOptionalConfigArray('models.serving.clusters') ?? [];
  const clusters = entries.map(entry => {
    const name = entry.getString('name');
    const environment = entry.getString('environment');
    if (!environments.includes(environment)) {
      throw new InputError(`models.serving.clusters: cluster '${name}' serves '${environment}', which is not a registry environment (${environments.join(', ')})`);
    }
    return { name, environment, namespaces: entry.getOptionalStringArray('namespaces') ?? [] };
  });
  const names = clusters.map(c => c.name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) throw new InputError(`models.serving.clusters: '${repeated}' is configured twice`);

  const timeoutMs = duration(config, 'models.serving.timeout', 10_000);
  const intervalSeconds = duration(config, 'models.serving.interval', 60_000) / 1000;
  const pageSize = config.getOptionalNumber('models.serving.pageSize') ?? 500;
  if (!(timeoutMs > 0)) throw new InputError('models.serving.timeout must be positive');
  if (!(intervalSeconds > 0)) throw new InputError('models.serving.interval must be positive');
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new InputError(`models.serving.pageSize must be a whole number >= 1, got ${pageSize}`);
  return { clusters, timeoutMs, intervalSeconds, pageSize };
}
