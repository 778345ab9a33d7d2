import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { RegistryEvent } from '@modelport/plugin-models-common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readWebhooks } from './config';
import { DeliveryStore } from './DeliveryStore';
import { WebhookDeliverer } from './WebhookDeliverer';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const SECRET = 'a-shared-secret-of-at-least-32-characters';

const event: RegistryEvent = {
  action: 'promotion.completed',
  modelRef: 'model:default/churn-classifier',
  actor: 'user:default/hannah',
  at: '2026-12-01T10:00:00.000Z',
  auditSeq: 42,
  auditHash: 'f'.repeat(64),
  version: '1.1.0',
  environment: 'prod',
};

/** A receiver as a partner would write it: verifies the signature with its own HMAC, then answers what it is told. */
async function receiver(answers: number[]) {
  const received: Array<{ body: string; valid: boolean; delivery: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const [t, v1] = String(req.headers['modelport-signature']).split(',').map(p => p.split('=')[1]);
      const expected = createHmac('sha256', SECRET).update(`${t}.${body}`).digest();
      const valid = Boolean(v1) && timingSafeEqual(Buffer.from(v1, 'hex'), expected);
      received.push({ body, valid, delivery: String(req.headers['modelport-delivery']) });
      res.statusCode = valid ? (answers.shift() ?? 200) : 401;
      res.end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => new Promise(r => server.close(r)) };
}

describe.each(databases.eachSupportedId())('webhook deliveries on %s', databaseId => {
  it('signs each delivery, retries with exponential backoff after a failure, and delivers once the receiver takes it', async () => {
    const sink = await receiver([500, 503]);
    let now = new Date('2026-12-01T10:00:00.000Z');
    const { webhooks, retry } = readWebhooks(new ConfigReader({ models: { webhooks: { receivers: [{ name: 'grc', url: sink.url, secret: SECRET }] } } }));
    const store = await DeliveryStore.create(await databases.init(databaseId));
    const deliverer = new WebhookDeliverer({ webhooks, retry, store, logger: mockServices.logger.mock(), now: () => now });

    const [queued] = await deliverer.enqueue(event);
    // The same event again (a bus that delivers twice) is not a second delivery.
    expect(await deliverer.enqueue(event)).toEqual([]);
    await deliverer.attempt(queued.id);
    expect(await store.get(queued.id)).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, lastError: 'answered 500', nextAttemptAt: '2026-12-01T10:00:30.000Z' });

    // Not due yet: nothing is sent.
    now = new Date('2026-12-01T10:00:29.000Z');
    await deliverer.deliverDue();
    expect(sink.received).toHaveLength(1);
    now = new Date('2026-12-01T10:00:30.000Z');
    await deliverer.deliverDue();
    expect(await store.get(queued.id)).toMatchObject({ status: 'pending', attempts: 2, lastStatus: 503, nextAttemptAt: '2026-12-01T10:01:30.000Z' });
    now = new Date('2026-12-01T10:01:30.000Z');
    await deliverer.deliverDue();
    expect(await store.get(queued.id)).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200, deliveredAt: '2026-12-01T10:01:30.000Z' });

    expect(sink.received.map(r => [r.valid, r.delivery, JSON.parse(r.body)])).toEqual([
      [true, queued.id, event],
      [true, queued.id, event],
      [true, queued.id, event],
    ]);
    await sink.close();
  });

  it('gives up after the last attempt and says why, and sends only the actions a webhook asked for', async () => {
    const sink = await receiver([500, 500, 500]);
    let now = new Date('2026-12-01T10:00:00.000Z');
    const config = {
      models: {
        webhooks: {
          receivers: [
            { name: 'grc', url: sink.url, secret: SECRET },
            { name: 'releases', url: sink.url, secret: SECRET, actions: ['environment.rolled-back'] },
          ],
          retry: { maxAttempts: 3, initialDelaySeconds: 10, maxDelaySeconds: 15 },
        },
      },
    };
    const { webhooks, retry } = readWebhooks(new ConfigReader(config));
    const store = await DeliveryStore.create(await databases.init(databaseId));
    const deliverer = new WebhookDeliverer({ webhooks, retry, store, logger: mockServices.logger.mock(), now: () => now });
    const queued = await deliverer.enqueue(event);
    expect(queued.map(d => d.webhook)).toEqual(['grc']);
    await deliverer.attempt(queued[0].id);
    for (const at of ['2026-12-01T10:00:10.000Z', '2026-12-01T10:00:25.000Z']) {
      expect((await store.get(queued[0].id))!.nextAttemptAt).toBe(at);
      now = new Date(at);
      await deliverer.deliverDue();
    }
    expect(await store.get(queued[0].id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'answered 500' });
    expect(await store.list({ status: 'failed', limit: 10 })).toHaveLength(1);
    await sink.close();
  });

  it('counts a receiver that does not answer in time, or cannot be reached, as a failed attempt', async () => {
    const hanging = http.createServer(() => undefined);
    await new Promise<void>(resolve => hanging.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hook`;
    const { webhooks, retry } = readWebhooks(
      new ConfigReader({ models: { webhooks: { receivers: [{ name: 'slow', url, secret: SECRET, timeoutSeconds: 0.2 }, { name: 'gone', url: 'http://127.0.0.1:9/hook', secret: SECRET }] } } }),
    );
    const store = await DeliveryStore.create(await databases.init(databaseId));
    const deliverer = new WebhookDeliverer({ webhooks, retry, store, logger: mockServices.logger.mock() });
    for (const d of await deliverer.enqueue(event)) await deliverer.attempt(d.id);
    const byName = Object.fromEntries((await store.list({ limit: 10 })).map(d => [d.webhook, d.lastError]));
    expect(byName.slow).toBe('no answer within 0.2 s');
    expect(byName.gone).toMatch(/fetch failed|ECONNREFUSED/);
    hanging.closeAllConnections();
    await new Promise(r => hanging.close(r));
  });
});

describe('models.webhooks configuration', () => {
  it('refuses at start what could never be delivered, naming it', () => {
    const refused = (entry: object) => () => readWebhooks(new ConfigReader({ models: { webhooks: { receivers: [{ name: 'x', url: 'https://h.example/hook', secret: SECRET, ...entry }] } } }));
    expect(refused({ secret: 'short' })).toThrow('models.webhooks.receivers[0] (x): secret must be at least 32 characters');
    expect(refused({ url: 'ftp://h.example/' })).toThrow('models.webhooks.receivers[0] (x): url must be http or https, not ftp:');
    expect(refused({ actions: ['promotion.done'] })).toThrow(/'promotion\.done' is not a registry action/);
  });
});
