import type { ModelObservability, ObservabilityAttempt } from '@modelport/plugin-models-common';
import type { Knex } from 'knex';

/** Snapshots of the observability evaluation and the last attempt per Prometheus instance, in the plugin's database. */
export class ObservabilityStore {
  constructor(private readonly knex: Knex) {}

  async saveCycle(instance: string, at: string, results: ModelObservability[]): Promise<void> {
    await this.knex.transaction(async tx => {
      for (let i = 0; i < results.length; i += 200) {
        await tx('observability_snapshots').insert(
          results.slice(i, i + 200).map(r => ({ model_ref: r.modelRef, evaluated_at: r.evaluatedAt, payload: JSON.stringify(r) })),
        );
      }
      await this.#recordAttempt(tx, instance, { at, ok: true });
    });
  }

  async saveFailure(instance: string, at: string, error: { kind: string; message: string }): Promise<void> {
    await this.#recordAttempt(this.knex, instance, { at, ok: false, error });
  }

  async #recordAttempt(db: Knex, instance: string, attempt: ObservabilityAttempt) {
    const row = { instance, at: attempt.at, ok: attempt.ok, error_kind: attempt.error?.kind ?? null, error_message: attempt.error?.message ?? null };
    await db('observability_attempts').insert(row).onConflict('instance').merge();
  }

  async attempts(): Promise<Map<string, ObservabilityAttempt>> {
    const rows = await this.knex('observability_attempts');
    return new Map(
      rows.map(r => [
        r.instance,
        { at: r.at, ok: Boolean(r.ok), ...(r.ok ? {} : { error: { kind: r.error_kind, message: r.error_message } }) },
      ]),
    );
  }

  async latest(modelRef: string): Promise<ModelObservability | undefined> {
    const row = await this.knex('observability_snapshots').where({ model_ref: modelRef }).orderBy('evaluated_at', 'desc').orderBy('id', 'desc').first();
    return row ? JSON.parse(row.payload) : undefined;
  }

  /** The latest snapshot of every model. */
  async latestAll(): Promise<ModelObservability[]> {
    const newest = this.knex('observability_snapshots').select('model_ref').max({ at: 'evaluated_at' }).groupBy('model_ref').as('newest');
    const rows = await this.knex('observability_snapshots as s')
      .join(newest, function join() {
        this.on('s.model_ref', '=', 'newest.model_ref').andOn('s.evaluated_at', '=', 'newest.at');
      })
      .select('s.payload');
    return rows.map(r => JSON.parse(r.payload));
  }

  /** Snapshots of a model since an instant, oldest first, at most `limit`. */
  async history(modelRef: string, since: string, limit = 2000): Promise<ModelObservability[]> {
    const rows = await this.knex('observability_snapshots')
      .where({ model_ref: modelRef })
      .where('evaluated_at', '>=', since)
      .orderBy('evaluated_at', 'desc')
      .limit(limit);
    return rows.reverse().map(r => JSON.parse(r.payload));
  }

  async prune(before: string): Promise<number> {
    return this.knex('observability_snapshots').where('evaluated_at', '<', before).delete();
  }
}
