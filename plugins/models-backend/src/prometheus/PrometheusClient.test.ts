import { fakeHttpServer } from '../__testUtils__/fakeHttpServer';
import { startPrometheus, type RunningPrometheus } from '@internal/test-fixtures';
import { PrometheusClient, PrometheusError } from './PrometheusClient';

const t0 = new Date('2026-11-20T12:00:00Z');
const minute = 60_000;

// Two hours of a request counter for one model (10 requests a minute answered 200, 1 answered 500), and two series
// that one label_replace makes identical.
function samples() {
  const lines: string[] = [];
  for (let i = 120; i >= 0; i--) {
    const at = (t0.getTime() - i * minute) / 1000;
    lines.push(`modelport_test_requests_total{model="churn",code="200"} ${(120 - i) * 10} ${at}`);
  }
  for (let i = 120; i >= 0; i--) {
    const at = (t0.getTime() - i * minute) / 1000;
    lines.push(`modelport_test_requests_total{model="churn",code="500"} ${120 - i} ${at}`);
  }
  for (const k of ['1', '2']) lines.push(`modelport_test_dup{k="${k}"} 1 ${t0.getTime() / 1000 - 30}`);
  return `${lines.join('\n')}\n# EOF\n`;
}

const client = (url: string, extra: { headers?: Record<string, string>; timeoutMs?: number } = {}) =>
  new PrometheusClient({ name: 'test', url, timeoutMs: 5_000, ...extra });

describe('PrometheusClient against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: samples() });
  }, 120_000);
  afterAll(() => prometheus?.stop());

  it('answers instant queries with numbers per label set', async () => {
    const result = await client(prometheus.url).query('sum by (code) (rate(modelport_test_requests_total[10m]))', t0);
    const byCode = Object.fromEntries(result.map(s => [s.labels.code, s.value]));
    expect(byCode['200']).toBeCloseTo(10 / 60, 10);
    expect(byCode['500']).toBeCloseTo(1 / 60, 10);
    expect(await client(prometheus.url).query('scalar(vector(0.25))', t0)).toEqual([{ labels: {}, value: 0.25 }]);
  });

  it('picks a range step that Prometheus accepts, however long the range', async () => {
    const c = client(prometheus.url);
    const twoHours = await c.queryRange('sum(modelport_test_requests_total)', { start: new Date(t0.getTime() - 120 * minute), end: t0 });
    expect(twoHours.stepSeconds).toBe(29);
    expect(twoHours.series[0].points.at(-1)).toEqual({ time: t0.getTime() - (7200 % 29) * 1000, value: expect.any(Number) });

    // A one-second step over 30 days would be 2.6 million points; Prometheus refuses more than 11,000 a series.
    const start = new Date(t0.getTime() - 30 * 24 * 60 * minute);
    await expect(
      fetch(`${prometheus.url}/api/v1/query_range?query=vector(1)&start=${start.getTime() / 1000}&end=${t0.getTime() / 1000}&step=1`).then(r => r.json()),
    ).resolves.toMatchObject({ status: 'error', errorType: 'bad_data', error: expect.stringContaining('11,000 points') });
    const month = await c.queryRange('vector(1)', { start, end: t0, stepSeconds: 1 });
    expect(month.stepSeconds).toBe(236);
    expect(month.series[0].points.length).toBeLessThanOrEqual(11_000);
    expect(month.series[0].points.length).toBeGreaterThan(10_900);
  });

  it('names the kind of each failure that Prometheus reports', async () => {
    const c = client(prometheus.url);
    await expect(c.query('sum(', t0)).rejects.toMatchObject({ kind: 'bad_data', message: expect.stringMatching(/^Prometheus 'test': .*parse error/) });
    await expect(c.query('label_replace(modelport_test_dup, "k", "", "k", ".*")', t0)).rejects.toMatchObject({
      kind: 'execution',
      message: expect.stringContaining('same labelset'),
    });
  });

  it('reports a stopped Prometheus as a network failure', async () => {
    const stopped = await startPrometheus({ openMetrics: samples() });
    await stopped.stop();
    const error = await client(stopped.url).query('vector(1)', t0).catch(e => e);
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error).toMatchObject({ kind: 'network', message: expect.stringContaining('ECONNREFUSED') });
  }, 120_000);
});

describe('PrometheusClient on failures on the way to Prometheus', () => {
  it('times out a server that does not answer', async () => {
    const server = await fakeHttpServer(() => {});
    try {
      await expect(client(server.url, { timeoutMs: 200 }).query('up', t0)).rejects.toMatchObject({ kind: 'timeout', message: expect.stringContaining('no answer within 200 ms') });
    } finally {
      await server.close();
    }
  });

  it('abandons a query in flight when its stop signal aborts, with the signal\'s reason rather than a Prometheus failure', async () => {
    let received!: () => void;
    const asked = new Promise<void>(resolve => (received = resolve));
    const server = await fakeHttpServer(() => received());
    try {
      const stop = new AbortController();
      const answer = new PrometheusClient({ name: 'test', url: server.url, timeoutMs: 600_000 }, stop.signal).query('up', t0).catch(e => e);
      await asked;
      const reason = new Error('shutting down');
      stop.abort(reason);
      expect(await answer).toBe(reason);
    } finally {
      await server.close();
    }
  });

  it('tells unavailable, unauthorized, query timeouts and foreign answers apart, and sends the configured headers', async () => {
    let seenAuthorization: string | undefined;
    const server = await fakeHttpServer((req, res) => {
      seenAuthorization = req.headers.authorization;
      if (req.url!.startsWith('/starting')) res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
      else if (req.url!.startsWith('/locked')) res.writeHead(401).end();
      else if (req.url!.startsWith('/slow')) {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' }));
      } else if (req.url!.startsWith('/portal')) res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
    });
    try {
      await expect(client(`${server.url}/starting`).query('up', t0)).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringContaining('HTTP 503') });
      await expect(client(`${server.url}/locked`).query('up', t0)).rejects.toMatchObject({ kind: 'unauthorized' });
      await expect(client(`${server.url}/slow`).query('up', t0)).rejects.toMatchObject({ kind: 'timeout', message: expect.stringContaining('timed out in expression') });
      await expect(client(`${server.url}/portal`).query('up', t0)).rejects.toMatchObject({ kind: 'bad_response' });
      await expect(client(server.url, { headers: { Authorization: 'Bearer s3cret' } }).query('up', t0)).resolves.toEqual([]);
      expect(seenAuthorization).toBe('Bearer s3cret');
    } finally {
      await server.close();
    }
  });
});
