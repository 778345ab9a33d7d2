import type { Knex } from 'knex';
import type { ClusterSnapshot } from './clusterSnapshot';
import { revisionKey, type ServingStore } from './ServingStore';

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
          const settled = snapshot.objects.flatMap(({ object: o }) =>
            !('problem' in o) && o.kind === 'InferenceService' && o.artifact && o.revisions?.artifactRevision
              ? [{ cluster: snapshot.cluster, namespace: o.namespace, name: o.name, revision: o.revisions.artifactRevision, artifact: o.artifact, seen_at: snapshot.attemptAt }]
              : [],
          );
          // In chunks: SQLite takes at most 999 bound values in one statement.
          for (let i = 0; i < settled.length; i += 100) {
            await tx('serving_revisions').insert(settled.slice(i, i + 100)).onConflict(['cluster', 'namespace', 'name', 'revision']).merge(['artifact', 'seen_at']);
          }
        }
      }
    });
  }

  async revisionArtifacts(): Promise<Map<string, string>> {
    const rows = await this.knex<{ cluster: string; namespace: string; name: string; revision: string; artifact: string }>('serving_revisions');
    return new Map(rows.map(r => [revisionKey(r.cluster, r.namespace, r.name, r.revision), r.artifact]));
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
