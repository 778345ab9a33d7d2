import type { ModelObservability, ObservabilityAttempt, ObservabilityError } from '@modelport/plugin-models-common';
import type { Knex } from 'knex';
import type { ObservabilityStore } from './ObservabilityStore';

/** A row of `observability_snapshots`: the evaluation of one model as JSON text. */
type SnapshotRow = { id: number; model_ref: string; evaluated_at: string; payload: string };

/** A row of `observability_attempts`: the last attempt on one Prometheus instance. */
type AttemptRow = { instance: string; at: string; ok: boolean | number; error_kind: string | null; error_message: string | null };

const toSnapshot = (row: Pick<SnapshotRow, 'payload'>): ModelObservability => JSON.parse(row.payload);

/** The observability store on the plugin's database, migrated by connectModelsDatabase. */
export class KnexObservabilityStore implements ObservabilityStore {
  constructor(private readonly knex: Knex) {}

  async saveCycle(instance: string, at: string, results: ModelObservability[]): Promise<void> {
    await this.knex.transaction(async tx => {
      for (let i = 0; i < results.length; i += 200) {
        await tx<SnapshotRow>('observability_snapshots').insert(
          results.slice(i, i + 200).map(r => ({ model_ref: r.modelRef, evaluated_at: r.evaluatedAt, payload: JSON.stringify(r) })),
        );
      }
      await this.#recordAttempt(tx, instance, { at, ok: true });
    });
  }

  async saveFailure(instance: string, at: string, error: ObservabilityError): Promise<void> {
    await this.#recordAttempt(this.knex, instance, { at, ok: false, error });
  }

  async #recordAttempt(db: Knex, instance: string, attempt: ObservabilityAttempt) {
    const row: AttemptRow = { instance, at: attempt.at, ok: attempt.ok, error_kind: attempt.error?.kind ?? null, error_message: attempt.error?.message ?? null };
    await db<AttemptRow>('observability_attempts').insert(row).onConflict('instance').merge();
  }

  async attempts(): Promise<Map<string, ObservabilityAttempt>> {
    const rows = await this.knex<AttemptRow>('observability_attempts');
    return new Map(
      rows.map(r => [
        r.instance,
        { at: r.at, ok: Boolean(r.ok), ...(r.ok ? {} : { error: { kind: r.error_kind ?? 'unknown', message: r.error_message ?? '' } }) },
      ]),
    );
  }

  async latest(modelRef: string): Promise<ModelObservability | undefined> {
    const row = await this.knex<SnapshotRow>('observability_snapshots').where({ model_ref: modelRef }).orderBy('evaluated_at', 'desc').orderBy('id', 'desc').first();
    return row ? toSnapshot(row) : undefined;
  }

  async latestAll(): Promise<ModelObservability[]> {
    const newest = this.knex<SnapshotRow>('observability_snapshots').select('model_ref').max({ at: 'evaluated_at' }).groupBy('model_ref').as('newest');
    const rows = await this.knex('observability_snapshots as s')
      .join(newest, function join() {
        this.on('s.model_ref', '=', 'newest.model_ref').andOn('s.evaluated_at', '=', 'newest.at');
      })
      .select<Array<Pick<SnapshotRow, 'payload'>>>('s.payload');
    return rows.map(toSnapshot);
  }

  async history(modelRef: string, since: string, limit = 2000): Promise<ModelObservability[]> {
    const rows = await this.knex<SnapshotRow>('observability_snapshots')
      .where({ model_ref: modelRef })
      .where('evaluated_at', '>=', since)
      .orderBy('evaluated_at', 'desc')
      .limit(limit);
    return rows.reverse().map(toSnapshot);
  }

  async prune(before: string): Promise<number> {
    return this.knex<SnapshotRow>('observability_snapshots').where('evaluated_at', '<', before).delete();
  }
}
