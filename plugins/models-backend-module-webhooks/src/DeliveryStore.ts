import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export type Delivery = {
  id: string;
  webhook: string;
  auditSeq: number;
  action: string;
  modelRef: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt?: string;
  lastStatus?: number;
  lastError?: string;
  deliveredAt?: string;
  createdAt: string;
};

type Row = {
  id: string;
  webhook: string;
  audit_seq: number;
  action: string;
  model_ref: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
};

const TABLE = 'modelport_webhook_deliveries';
const optional = <T>(value: T | null) => (value === null ? undefined : value);
const toDelivery = (r: Row): Delivery => ({
  id: r.id,
  webhook: r.webhook,
  auditSeq: Number(r.audit_seq),
  action: r.action,
  modelRef: r.model_ref,
  payload: r.payload,
  status: r.status,
  attempts: Number(r.attempts),
  nextAttemptAt: optional(r.next_attempt_at),
  lastStatus: optional(r.last_status) ?? undefined,
  lastError: optional(r.last_error),
  deliveredAt: optional(r.delivered_at),
  createdAt: r.created_at,
});

/**
 * The deliveries in the models plugin's database. The module migrates its table with a migrations table of its
 * own, so that the plugin's migrations and the module's never read each other's history.
 */
export class DeliveryStore {
  private constructor(private readonly knex: Knex) {}

  static async create(knex: Knex, options: { skipMigrations?: boolean } = {}): Promise<DeliveryStore> {
    if (!options.skipMigrations) {
      await knex.migrate.latest({
        directory: resolvePackagePath('@modelport/plugin-models-backend-module-webhooks', 'migrations'),
        tableName: 'modelport_webhooks_knex_migrations',
      });
    }
    return new DeliveryStore(knex);
  }

  /** Adds the deliveries that do not exist yet (one per webhook and audit event); answers those it added. */
  async enqueue(deliveries: Delivery[]): Promise<Delivery[]> {
    const added: Delivery[] = [];
    for (const d of deliveries) {
      const inserted = await this.knex<Row>(TABLE)
        .insert({
          id: d.id,
          webhook: d.webhook,
          audit_seq: d.auditSeq,
          action: d.action,
          model_ref: d.modelRef,
          payload: d.payload,
          status: d.status,
          attempts: d.attempts,
          next_attempt_at: d.nextAttemptAt ?? null,
          created_at: d.createdAt,
        })
        .onConflict(['webhook', 'audit_seq'])
        .ignore()
        .returning('id');
      if (inserted.length) added.push(d);
    }
    return added;
  }

  /**
   * Takes a due delivery for one attempt: moves its next attempt `leaseMs` on, so that a second replica or a second
   * cycle does not send it at the same time. False when another took it first.
   */
  async claim(id: string, now: string, leaseUntil: string): Promise<boolean> {
    const changed = await this.knex<Row>(TABLE).where({ id, status: 'pending' }).where('next_attempt_at', '<=', now).update({ next_attempt_at: leaseUntil });
    return changed === 1;
  }

  async due(now: string, limit: number): Promise<Delivery[]> {
    const rows = await this.knex<Row>(TABLE).where({ status: 'pending' }).where('next_attempt_at', '<=', now).orderBy('next_attempt_at').limit(limit);
    return rows.map(toDelivery);
  }

  async get(id: string): Promise<Delivery | undefined> {
    const row = await this.knex<Row>(TABLE).where({ id }).first();
    return row && toDelivery(row);
  }

  async recordAttempt(id: string, attempt: { status: DeliveryStatus; attempts: number; nextAttemptAt?: string; lastStatus?: number; lastError?: string; deliveredAt?: string }) {
    await this.knex<Row>(TABLE)
      .where({ id })
      .update({
        status: attempt.status,
        attempts: attempt.attempts,
        next_attempt_at: attempt.nextAttemptAt ?? null,
        last_status: attempt.lastStatus ?? null,
        last_error: attempt.lastError ?? null,
        delivered_at: attempt.deliveredAt ?? null,
      });
  }

  async list(filter: { webhook?: string; status?: DeliveryStatus; limit: number }): Promise<Delivery[]> {
    const rows = this.knex<Row>(TABLE).orderBy('audit_seq', 'desc').orderBy('webhook').limit(filter.limit);
    if (filter.webhook) rows.where({ webhook: filter.webhook });
    if (filter.status) rows.where({ status: filter.status });
    return (await rows).map(toDelivery);
  }
}
