import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import type { PrometheusInstance } from './PrometheusClient';

const defaultTimeoutMs = 10_000;

/**
 * Reads `models.prometheus.instances`: the named Prometheus servers Modelport queries. The first one is the
 * default; a Model picks another with the `modelport.io/prometheus-instance` annotation. None configured is a
 * valid setup: the cards then say that Prometheus is not configured.
 */
export function readPrometheusInstances(config: Config): PrometheusInstance[] {
  const entries = config.getOptionalConfigArray('models.prometheus.instances') ?? [];
  const instances = entries.map(entry => {
    const name = entry.getString('name');
    const url = entry.getString('url');
    if (!/^https?:\/\/[^/]/.test(url)) {
      throw new InputError(`models.prometheus.instances: the url of '${name}' must be an http(s) URL, got '${url}'`);
    }
    const headers = entry.getOptionalConfig('headers');
    const timeoutMs = entry.has('timeout') ? durationToMilliseconds(readDurationFromConfig(entry, { key: 'timeout' })) : defaultTimeoutMs;
    if (!(timeoutMs > 0)) throw new InputError(`models.prometheus.instances: the timeout of '${name}' must be positive`);
    return {
      name,
      url,
      headers: headers ? Object.fromEntries(headers.keys().map(k => [k, headers.getString(k)])) : undefined,
      timeoutMs,
    };
  });
  const names = instances.map(i => i.name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) throw new InputError(`models.prometheus.instances: '${repeated}' is configured twice`);
  return instances;
}

/** `models.observability.interval`: how often the fleet is evaluated, in seconds; five minutes by default. */
export function readObservabilityInterval(config: Config): number {
  if (!config.has('models.observability.interval')) return 300;
  return durationToMilliseconds(readDurationFromConfig(config, { key: 'models.observability.interval' })) / 1000;
}
