import type { Knex } from 'knex';
import type { EndpointSnapshot, ServingEndpointStore } from './EndpointStore';

type EndpointReadRow = {
  connector: string;
  read_at: string | null;
  endpoints: string | null;
  attempt_at: string;
  error_kind: string | null;
  error_message: string | null;
};

/** The serving endpoints' reads on the plugin's database, migrated by connectModelsDatabase. */
export class KnexServingEndpointStore implements ServingEndpointStore {
  constructor(private readonly knex: Knex) {}

  async saveEndpointReads(snapshots: EndpointSnapshot[]): Promise<void> {
    await this.knex.transaction(async tx => {
      for (const snapshot of snapshots) {
        const attempt = { attempt_at: snapshot.attemptAt, error_kind: snapshot.failure?.kind ?? null, error_message: snapshot.failure?.message ?? null };
        if (snapshot.failure) {
          await tx<EndpointReadRow>('serving_endpoint_reads')
            .insert({ connector: snapshot.connector, read_at: null, endpoints: null, ...attempt })
            .onConflict('connector')
            .merge(['attempt_at', 'error_kind', 'error_message']);
        } else {
          // A complete read is the attempt's.
          const row: EndpointReadRow = { connector: snapshot.connector, read_at: snapshot.attemptAt, endpoints: JSON.stringify(snapshot.endpoints), ...attempt };
          await tx<EndpointReadRow>('serving_endpoint_reads').insert(row).onConflict('connector').merge();
        }
      }
    });
  }

  async endpointSnapshots(): Promise<EndpointSnapshot[]> {
    const rows = await this.knex<EndpointReadRow>('serving_endpoint_reads').orderBy('connector');
    return rows.map(r => ({
      connector: r.connector,
      ...(r.read_at ? { readAt: r.read_at } : {}),
      attemptAt: r.attempt_at,
      ...(r.error_kind ? { failure: { kind: r.error_kind as NonNullable<EndpointSnapshot['failure']>['kind'], message: r.error_message ?? '' } } : {}),
      endpoints: r.endpoints ? JSON.parse(r.endpoints) : [],
    }));
  }
}
