import type { AliasWrite, RegistryFinding, RegistrySyncCounts } from '@modelport/plugin-models-common';
import type { Knex } from 'knex';
import type { FindingKind, NewFinding, RegistrySyncStore, StoredAliasWrite, StoredLink, SyncRun } from './RegistrySyncStore';

type LinkRow = {
  connector: string;
  external_name: string;
  model_ref: string;
  flavour: string;
  description: string | null;
  tags: string;
  aliases: string;
  owner: string;
  url: string | null;
  updated_at: string | null;
  first_seen_at: string;
  last_seen_at: string;
  deleted_at: string | null;
};

type RunRow = {
  connector: string;
  flavour: string;
  last_attempt_at: string;
  last_success_at: string | null;
  last_error: string | null;
  counts: string | null;
  total_versions_imported: number | string;
};

type FindingRow = {
  id: number;
  model_ref: string;
  connector: string;
  kind: FindingKind;
  alias: string | null;
  environment: string | null;
  external_version: string | null;
  registry_version: string | null;
  message: string;
  found_at: string;
};

type AliasWriteRow = {
  id: number;
  model_ref: string;
  connector: string;
  alias: string;
  environment: string;
  version: string;
  status: AliasWrite['status'];
  attempts: number;
  last_error: string | null;
  requested_at: string;
  done_at: string | null;
};

/** Drops the keys whose value is null, so that absent fields stay absent in answers. */
function present<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as never;
}

const toLink = (row: LinkRow): StoredLink =>
  present({
    connector: row.connector,
    externalName: row.external_name,
    modelRef: row.model_ref,
    flavour: row.flavour,
    description: row.description,
    tags: JSON.parse(row.tags),
    aliases: JSON.parse(row.aliases),
    owner: row.owner,
    url: row.url,
    updatedAt: row.updated_at,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    deletedAt: row.deleted_at,
  });

const toFinding = (row: FindingRow): RegistryFinding =>
  present({
    modelRef: row.model_ref,
    connector: row.connector,
    kind: row.kind,
    alias: row.alias,
    environment: row.environment,
    externalVersion: row.external_version,
    registryVersion: row.registry_version,
    message: row.message,
    foundAt: row.found_at,
  });

const toAliasWrite = ({ id, ...row }: AliasWriteRow): StoredAliasWrite =>
  present({
    id,
    modelRef: row.model_ref,
    connector: row.connector,
    alias: row.alias,
    environment: row.environment,
    version: row.version,
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    requestedAt: row.requested_at,
    doneAt: row.done_at,
  });

/** What makes two findings the same finding, so that one still present keeps when it was first found. */
const findingKey = (f: NewFinding) => JSON.stringify([f.modelRef, f.kind, f.alias ?? null, f.environment ?? null, f.externalVersion ?? null, f.registryVersion ?? null, f.message]);

/** Rows per statement, under SQLite's limit of bound parameters for the widest row. */
const CHUNK = 50;
const chunks = <T>(items: T[]) => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** The importer's tables on the plugin's database. */
export class KnexRegistrySyncStore implements RegistrySyncStore {
  constructor(private readonly knex: Knex) {}

  async links(connector?: string): Promise<StoredLink[]> {
    const query = this.knex<LinkRow>('registry_links').orderBy(['connector', 'external_name']);
    if (connector) query.where({ connector });
    return (await query).map(toLink);
  }

  async linkOf(modelRef: string): Promise<StoredLink | undefined> {
    const row = await this.knex<LinkRow>('registry_links').where({ model_ref: modelRef }).first();
    return row && toLink(row);
  }

  async refTaken(modelRef: string, except: { connector: string; externalName: string }): Promise<boolean> {
    const row = await this.knex<LinkRow>('registry_links')
      .where({ model_ref: modelRef })
      .whereNot(q => q.where({ connector: except.connector, external_name: except.externalName }))
      .first('model_ref');
    return Boolean(row);
  }

  async saveLink(link: StoredLink): Promise<void> {
    const row: LinkRow = {
      connector: link.connector,
      external_name: link.externalName,
      model_ref: link.modelRef,
      flavour: link.flavour,
      description: link.description ?? null,
      tags: JSON.stringify(link.tags),
      aliases: JSON.stringify(link.aliases),
      owner: link.owner,
      url: link.url ?? null,
      updated_at: link.updatedAt ?? null,
      first_seen_at: link.firstSeenAt,
      last_seen_at: link.lastSeenAt,
      deleted_at: link.deletedAt ?? null,
    };
    await this.knex<LinkRow>('registry_links').insert(row).onConflict(['connector', 'external_name']).merge();
  }

  async markDeleted(connector: string, externalNames: string[], at: string): Promise<void> {
    for (const names of chunks(externalNames)) {
      await this.knex<LinkRow>('registry_links').where({ connector }).whereIn('external_name', names).whereNull('deleted_at').update({ deleted_at: at });
    }
  }

  async runs(): Promise<SyncRun[]> {
    const rows = await this.knex<RunRow>('registry_sync_runs').orderBy('connector');
    return rows.map(row =>
      present({
        connector: row.connector,
        flavour: row.flavour,
        lastAttemptAt: row.last_attempt_at,
        lastSuccessAt: row.last_success_at,
        lastError: row.last_error,
        lastRun: row.counts ? (JSON.parse(row.counts) as RegistrySyncCounts) : null,
        totalVersionsImported: Number(row.total_versions_imported),
      }),
    );
  }

  async attempted(connector: string, flavour: string, at: string): Promise<void> {
    await this.knex<RunRow>('registry_sync_runs')
      .insert({ connector, flavour, last_attempt_at: at, total_versions_imported: 0 })
      .onConflict('connector')
      .merge(['flavour', 'last_attempt_at']);
  }

  async succeeded(connector: string, at: string, counts: RegistrySyncCounts): Promise<void> {
    await this.knex<RunRow>('registry_sync_runs')
      .where({ connector })
      .update({ last_success_at: at, last_error: null, counts: JSON.stringify(counts), total_versions_imported: this.knex.raw('total_versions_imported + ?', [counts.versionsImported]) as never });
  }

  async failed(connector: string, error: string): Promise<void> {
    await this.knex<RunRow>('registry_sync_runs').where({ connector }).update({ last_error: error });
  }

  async replaceFindings(connector: string, scope: { kinds: FindingKind[]; modelRefs?: string[] }, findings: NewFinding[], at: string): Promise<void> {
    if (scope.modelRefs && !scope.modelRefs.length) return;
    await this.knex.transaction(async tx => {
      const scoped = (query: Knex.QueryBuilder) => {
        query.where({ connector }).whereIn('kind', scope.kinds);
        return query;
      };
      let existing: FindingRow[] = [];
      if (scope.modelRefs) {
        for (const refs of chunks(scope.modelRefs)) existing.push(...(await scoped(tx('registry_findings')).whereIn('model_ref', refs)));
      } else {
        existing = await scoped(tx('registry_findings'));
      }
      const wanted = new Map(findings.map(f => [findingKey(f), f]));
      const gone = existing.filter(row => !wanted.has(findingKey(toFinding(row)))).map(row => row.id);
      for (const row of existing) wanted.delete(findingKey(toFinding(row)));
      for (const ids of chunks(gone)) await tx('registry_findings').whereIn('id', ids).delete();
      const rows = [...wanted.values()].map(f => ({
        model_ref: f.modelRef,
        connector,
        kind: f.kind,
        alias: f.alias ?? null,
        environment: f.environment ?? null,
        external_version: f.externalVersion ?? null,
        registry_version: f.registryVersion ?? null,
        message: f.message,
        found_at: at,
      }));
      for (const part of chunks(rows)) await tx('registry_findings').insert(part);
    });
  }

  async findings(modelRef: string): Promise<RegistryFinding[]> {
    return (await this.knex<FindingRow>('registry_findings').where({ model_ref: modelRef }).orderBy(['connector', 'kind', 'id'])).map(toFinding);
  }

  async countFindings(connector: string): Promise<number> {
    const row = await this.knex('registry_findings').where({ connector }).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  async enqueueAliasWrite(write: Omit<AliasWrite, 'status' | 'attempts' | 'lastError' | 'doneAt'>): Promise<void> {
    await this.knex.transaction(async tx => {
      // An earlier write of the same alias not yet done must never land after this one and move the alias back.
      await tx<AliasWriteRow>('alias_writes')
        .where({ model_ref: write.modelRef, connector: write.connector, alias: write.alias })
        .whereIn('status', ['pending', 'failed'])
        .update({ status: 'superseded' });
      await tx<AliasWriteRow>('alias_writes').insert({
        model_ref: write.modelRef,
        connector: write.connector,
        alias: write.alias,
        environment: write.environment,
        version: write.version,
        status: 'pending',
        attempts: 0,
        requested_at: write.requestedAt,
      });
    });
  }

  async dueAliasWrites(): Promise<StoredAliasWrite[]> {
    return (await this.knex<AliasWriteRow>('alias_writes').whereIn('status', ['pending', 'failed']).orderBy('id')).map(toAliasWrite);
  }

  async aliasWriteDone(id: number, at: string): Promise<void> {
    await this.knex<AliasWriteRow>('alias_writes')
      .where({ id })
      .update({ status: 'done', done_at: at, last_error: null, attempts: this.knex.raw('attempts + 1') as never });
  }

  async aliasWriteFailed(id: number, error: string): Promise<void> {
    await this.knex<AliasWriteRow>('alias_writes')
      .where({ id })
      .update({ status: 'failed', last_error: error, attempts: this.knex.raw('attempts + 1') as never });
  }

  async aliasWrites(modelRef: string): Promise<AliasWrite[]> {
    const rows = await this.knex<AliasWriteRow>('alias_writes').where({ model_ref: modelRef }).orderBy('id', 'desc');
    return rows.map(row => {
      const { id: _id, ...write } = toAliasWrite(row);
      return write;
    });
  }

  async aliasWriteOutstanding(modelRef: string, connector: string, alias: string, version: string): Promise<boolean> {
    const row = await this.knex<AliasWriteRow>('alias_writes')
      .where({ model_ref: modelRef, connector, alias, version })
      .whereIn('status', ['pending', 'failed'])
      .first('id');
    return Boolean(row);
  }

  async countAliasWrites(connector: string): Promise<{ pending: number; failed: number }> {
    const rows = (await this.knex('alias_writes').where({ connector }).whereIn('status', ['pending', 'failed']).select('status').count({ n: '*' }).groupBy('status')) as Array<{
      status: string;
      n: number | string;
    }>;
    const of = (status: string) => Number(rows.find(r => r.status === status)?.n ?? 0);
    return { pending: of('pending'), failed: of('failed') };
  }
}
