import type { Knex } from 'knex';
import type { ClusterSnapshot } from './clusterSnapshot';
import type { ServingStore } from './ServingStore';

type ClusterRow = {
  cluster: string;
  environment: string;
  read_at: string | null;
  objects: string | null;
  unavailable: string | null;
  attempt_at: string;
  error_kind: string | null;
  error_message: string | null;
};

/** The serving store on the plugin's database, migrated by connectModelsDatabase. */
export class KnexServingStore implements ServingStore {
  constructor(private readonly knex: Knex) {}

  async saveCycle(snapshots: ClusterSnapshot[]): Promise<void> {
    await this.knex.transaction(async tx => {
      for (const snapshot of snapshots) {
        const attempt = {
          environment: snapshot.environment,
          attempt_at: snapshot.attemptAt,
          error_kind: snapshot.failure?.kind ?? null,
          error_message: snapshot.failure?.message ?? null,
        };
        if (snapshot.failure) {
          await tx<ClusterRow>('serving_clusters')
            .insert({ cluster: snapshot.cluster, read_at: null, objects: null, unavailable: null, ...attempt })
            .onConflict('cluster')
            .merge(['environment', 'attempt_at', 'error_kind', 'error_message']);
        } else {
          const row: ClusterRow = {
            cluster: snapshot.cluster,
            // A complete read is the attempt's.
            read_at: snapshot.attemptAt,
            objects: JSON.stringify(snapshot.objects),
            unavailable: JSON.stringify(snapshot.unavailable),
            ...attempt,
          };
          await tx<ClusterRow>('serving_clusters').insert(row).onConflict('cluster').merge();
        }
      }
    });
  }

  async snapshots(): Promise<ClusterSnapshot[]> {
    const rows = await this.knex<ClusterRow>('serving_clusters').orderBy('cluster');
    return rows.map(r => ({
      cluster: r.cluster,
      environment: r.environment,
      readAt: r.read_at ?? undefined,
      attemptAt: r.attempt_at,
      failure: r.error_kind ? { kind: r.error_kind as NonNullable<ClusterSnapshot['failure']>['kind'], message: r.error_message ?? '' } : undefined,
      unavailable: r.unavailable ? JSON.parse(r.unavailable) : {},
      objects: r.objects ? JSON.parse(r.objects) : [],
    }));
  }
}
