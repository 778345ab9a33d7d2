import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { readPrometheusInstances } from './prometheusConfig';

const read = (instances: JsonValue) => readPrometheusInstances(new ConfigReader({ models: { prometheus: { instances } } }));

describe('readPrometheusInstances', () => {
  it('reads named instances with headers and timeouts, 10 s by default, and none when not configured', () => {
    expect(
      read([
        { name: 'eu', url: 'https://prometheus.eu.acme.example', headers: { Authorization: 'Bearer t0k3n' }, timeout: { seconds: 3 } },
        { name: 'us', url: 'http://thanos-query.us:9090', timeout: 'PT1M' },
      ]),
    ).toEqual([
      { name: 'eu', url: 'https://prometheus.eu.acme.example', headers: { Authorization: 'Bearer t0k3n' }, timeoutMs: 3000 },
      { name: 'us', url: 'http://thanos-query.us:9090', headers: undefined, timeoutMs: 60_000 },
    ]);
    expect(read([{ name: 'default', url: 'http://localhost:9090' }])[0].timeoutMs).toBe(10_000);
    expect(readPrometheusInstances(new ConfigReader({}))).toEqual([]);
  });

  it('refuses a URL that is not http(s), a zero timeout and a name used twice, naming the instance', () => {
    expect(() => read([{ name: 'eu', url: 'prometheus:9090' }])).toThrow("the url of 'eu' must be an http(s) URL, got 'prometheus:9090'");
    expect(() => read([{ name: 'eu', url: 'http://p:9090', timeout: { seconds: 0 } }])).toThrow("the timeout of 'eu' must be positive");
    expect(() => read([{ name: 'eu', url: 'http://a:9090' }, { name: 'eu', url: 'http://b:9090' }])).toThrow("'eu' is configured twice");
  });
});
