import type { Knex } from 'knex';
import { storedObjectsOf, type ClusterSnapshot } from './clusterSnapshot';
import type { ClusterRead } from './readCluster';
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

  async saveCycle(at: string, reads: ClusterRead[]): Promise<void> {
    await this.knex.transaction(async tx => {
      for (const read of reads) {
        const attempt = { environment: read.environment, attempt_at: at, error_kind: read.failure?.kind ?? null, error_message: read.failure?.message ?? null };
        if (read.failure) {
          await tx<ClusterRow>('serving_clusters')
            .insert({ cluster: read.cluster, read_at: null, objects: null, unavailable: null, ...attempt })
            .onConflict('cluster')
            .merge(['environment', 'attempt_at', 'error_kind', 'error_message']);
        } else {
          const row: ClusterRow = {
            cluster: read.cluster,
            read_at: at,
            objects: JSON.stringify(storedObjectsOf(read)),
            unavailable: JSON.stringify(read.unavailable),
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
