import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RegistryEvent } from '@modelport/plugin-models-common';
import { randomUUID } from 'node:crypto';
import type { RetryPolicy, Webhook } from './config';
import type { Delivery, DeliveryStore } from './DeliveryStore';
import { SIGNATURE_HEADER, signatureOf } from './signature';

export type DelivererOptions = {
  webhooks: Webhook[];
  retry: RetryPolicy;
  store: DeliveryStore;
  logger: LoggerService;
  now?: () => Date;
  fetch?: typeof fetch;
};

/**
 * Delivers registry events to the webhooks that want them: each event is queued per webhook (so that it survives a
 * restart and is sent at least once), tried at once, and retried with exponential backoff until the receiver
 * answers 2xx or the attempts run out. Receivers tell repeats apart by the `modelport-delivery` header.
 */
export class WebhookDeliverer {
  readonly #o: DelivererOptions;
  readonly #now: () => Date;
  readonly #fetch: typeof fetch;

  constructor(options: DelivererOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => new Date());
    this.#fetch = options.fetch ?? fetch;
  }

  /** Queues the event for each webhook that wants it; answers the deliveries added, to be tried. */
  async enqueue(event: RegistryEvent): Promise<Delivery[]> {
    const now = this.#now().toISOString();
    const payload = JSON.stringify(event);
    return this.#o.store.enqueue(
      this.#o.webhooks
        .filter(w => !w.actions || w.actions.includes(event.action))
        .map(w => ({ id: randomUUID(), webhook: w.name, auditSeq: event.auditSeq, action: event.action, modelRef: event.modelRef, payload, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now })),
    );
  }

  /** Tries every delivery that is due; for the scheduled retries. */
  async deliverDue(): Promise<void> {
    for (const delivery of await this.#o.store.due(this.#now().toISOString(), 100)) await this.attempt(delivery.id);
  }

  /** One attempt at a delivery, if it is still due and no one else is making it. */
  async attempt(id: string): Promise<void> {
    const now = this.#now();
    const webhookOf = (name: string) => this.#o.webhooks.find(w => w.name === name);
    const before = await this.#o.store.get(id);
    const webhook = before && webhookOf(before.webhook);
    if (!before || !webhook) return;
    const lease = new Date(now.getTime() + webhook.timeoutMs + 5_000).toISOString();
    if (!(await this.#o.store.claim(id, now.toISOString(), lease))) return;
    const attempts = before.attempts + 1;
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await this.#fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Modelport-Webhooks/1',
          'modelport-delivery': before.id,
          'modelport-event': before.action,
          [SIGNATURE_HEADER]: signatureOf(webhook.secret, Math.floor(now.getTime() / 1000), before.payload),
        },
        body: before.payload,
        signal: AbortSignal.timeout(webhook.timeoutMs),
        redirect: 'manual',
      });
      status = response.status;
      await response.body?.cancel();
      if (status < 200 || status >= 300) error = `answered ${status}`;
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? `no answer within ${webhook.timeoutMs / 1000} s` : (e as Error).message;
    }
    if (!error) {
      await this.#o.store.recordAttempt(id, { status: 'delivered', attempts, lastStatus: status, deliveredAt: this.#now().toISOString() });
      return;
    }
    const { maxAttempts, initialDelayMs, maxDelayMs } = this.#o.retry;
    if (attempts >= maxAttempts) {
      this.#o.logger.warn(`Webhook ${webhook.name} gave up on audit event #${before.auditSeq} after ${attempts} attempts: ${error}`);
      await this.#o.store.recordAttempt(id, { status: 'failed', attempts, lastStatus: status, lastError: error });
      return;
    }
    const delay = Math.min(initialDelayMs * 2 ** (attempts - 1), maxDelayMs);
    await this.#o.store.recordAttempt(id, { status: 'pending', attempts, lastStatus: status, lastError: error, nextAttemptAt: new Date(now.getTime() + delay).toISOString() });
  }
}
