import type { ExplorerFacets, ExplorerSort } from '@modelport/plugin-models-common';
import type { Knex } from 'knex';
import { ENVIRONMENT_FACT, type IndexedModel } from './explorerRow';
import type { ExplorerFilter, ExplorerSelection, ExplorerStore, FactCondition, StoredRow, Visibility } from './ExplorerStore';

const ROWS = 'explorer_rows';
const FACTS = 'explorer_facts';
/** Rows written or removed at once after which the tables' statistics are renewed. */
const ANALYZE_AFTER = 200;

const sortColumns: Record<ExplorerSort, string> = {
  name: 'sort_name',
  owner: 'owner',
  system: 'system',
  type: 'type',
  lifecycle: 'lifecycle',
  riskLevel: 'risk_level',
  versions: 'last_change_at',
  pendingApprovals: 'pending_approvals',
  slo: 'slo_rank',
  budget: 'slo_budget',
  drift: 'drift_rank',
  serving: 'verdict_rank',
  review: 'review_rank',
  attention: 'attention',
  freshness: 'oldest_figure_at',
};

/** `LIKE` text for a word found anywhere, with LIKE's own wildcards taken literally. */
const containing = (word: string) => `%${word.replace(/[\\%_]/g, c => `\\${c}`)}%`;

/** The explorer's index in the plugin's database: every filter and sort is a query on indexed columns or facts. */
export class KnexExplorerStore implements ExplorerStore {
  constructor(private readonly knex: Knex) {}

  async hashes(): Promise<Map<string, string>> {
    const rows = await this.knex(ROWS).select('model_ref', 'hash');
    return new Map(rows.map(r => [r.model_ref, r.hash]));
  }

  async write({ changed, removed, at, complete }: { changed: IndexedModel[]; removed: string[]; at: string; complete: boolean }): Promise<void> {
    await this.knex.transaction(async tx => {
      const gone = [...removed, ...changed.map(m => m.columns.model_ref)];
      for (let i = 0; i < gone.length; i += 500) {
        const refs = gone.slice(i, i + 500);
        await tx(FACTS).whereIn('model_ref', refs).delete();
        await tx(ROWS).whereIn('model_ref', refs).delete();
      }
      const rows = changed.map(m => ({ ...m.columns, hash: m.hash, indexed_at: at, row: JSON.stringify(m.row) }));
      if (rows.length) await tx.batchInsert(ROWS, rows, 100);
      const facts = changed.flatMap(m => m.facts.map(f => ({ model_ref: m.columns.model_ref, key: f.key, value: f.value })));
      if (facts.length) await tx.batchInsert(FACTS, facts, 300);
      if (complete) await tx('explorer_meta').insert({ id: 1, indexed_at: at }).onConflict('id').merge();
    });
    // After a large write the planner's statistics describe the tables before it: PostgreSQL then took the facts
    // for a handful of rows and probed them once per model (0.7 s a page at 10,000 models, 2 ms after ANALYZE),
    // and autovacuum may not come round for minutes.
    if (changed.length + removed.length >= ANALYZE_AFTER) {
      const mysql = String(this.knex.client.config.client).includes('mysql');
      for (const table of [ROWS, FACTS]) await this.knex.raw(mysql ? 'ANALYZE TABLE ??' : 'ANALYZE ??', [table]);
    }
  }

  async page({ visibility, filter, sort, offset, limit }: ExplorerSelection): Promise<{ rows: StoredRow[]; total: number }> {
    if ('none' in visibility) return { rows: [], total: 0 };
    const selected = () => this.#filtered(this.#visible(this.knex(ROWS), visibility), filter);
    const [{ total }] = await selected().count({ total: '*' });
    let query = selected().select('row', 'indexed_at');
    // Unknown values last either way; written out because knex's `nulls: 'last'` drops the column's own order on SQLite.
    for (const { by, order } of sort) query = query.orderByRaw(`(?? is null) asc, ?? ${order === 'desc' ? 'desc' : 'asc'}`, [sortColumns[by], sortColumns[by]]);
    const rows: Array<{ row: string; indexed_at: string }> = await query.orderBy('model_ref', 'asc').offset(offset).limit(limit);
    return { rows: rows.map(r => ({ ...JSON.parse(r.row), indexedAt: r.indexed_at })), total: Number(total) };
  }

  async facets(visibility: Visibility): Promise<ExplorerFacets> {
    const empty = { owner: [], system: [], type: [], lifecycle: [], riskLevel: [], environment: [] };
    if ('none' in visibility) return empty;
    const counted = async (column: string) => {
      const rows: Array<{ value: unknown; count: unknown }> = await this.#visible(this.knex(ROWS), visibility).whereNotNull(column).select({ value: column }).count({ count: '*' }).groupBy(column).orderBy(column);
      return rows.map(r => ({ value: String(r.value), count: Number(r.count) }));
    };
    const [owner, system, type, lifecycle, riskLevel] = await Promise.all(['owner', 'system', 'type', 'lifecycle', 'risk_level'].map(counted));
    const environment: Array<{ value: unknown; count: unknown }> = await this.knex(FACTS)
      .where('key', ENVIRONMENT_FACT)
      .whereIn('model_ref', this.#visible(this.knex(ROWS), visibility).select('model_ref'))
      .select('value')
      .count({ count: '*' })
      .groupBy('value')
      .orderBy('value') as Array<{ value: unknown; count: unknown }>;
    return { owner, system, type, lifecycle, riskLevel, environment: environment.map(r => ({ value: String(r.value), count: Number(r.count) })) };
  }

  async refs(): Promise<string[]> {
    return (await this.knex(ROWS).select('model_ref')).map(r => r.model_ref);
  }

  async indexedAt(): Promise<string | undefined> {
    return (await this.knex('explorer_meta').where('id', 1).first())?.indexed_at;
  }

  #visible(query: Knex.QueryBuilder, visibility: Visibility): Knex.QueryBuilder {
    if ('condition' in visibility) return query.where(b => this.#condition(b, visibility.condition));
    if ('refs' in visibility) return visibility.refs.length ? query.whereIn(`${ROWS}.model_ref`, visibility.refs) : query.whereRaw('1 = 0');
    return query;
  }

  /** The catalog's filter semantics on the facts: a key present (any value), or a key with one of the values, case-insensitively. */
  #condition(query: Knex.QueryBuilder, condition: FactCondition): void {
    if ('allOf' in condition) {
      for (const c of condition.allOf) query.andWhere(b => this.#condition(b, c));
    } else if ('anyOf' in condition) {
      if (!condition.anyOf.length) query.whereRaw('1 = 0');
      for (const c of condition.anyOf) query.orWhere(b => this.#condition(b, c));
    } else if ('not' in condition) {
      const inner = condition.not;
      query.whereNot(b => this.#condition(b, inner));
    } else {
      query.whereIn(`${ROWS}.model_ref`, this.#fact(condition.key, condition.values));
    }
  }

  /**
   * The models having the fact: an uncorrelated subquery, which both databases answer from the (key, value,
   * model_ref) index once per query; a correlated EXISTS made PostgreSQL probe the facts once per row.
   */
  #fact(key: string, values?: string[]): Knex.QueryBuilder {
    const sub = this.knex(FACTS).select(`${FACTS}.model_ref`).where(`${FACTS}.key`, key.toLowerCase());
    return values ? sub.whereIn(`${FACTS}.value`, values.map(v => v.toLowerCase())) : sub;
  }

  #filtered(query: Knex.QueryBuilder, filter: ExplorerFilter): Knex.QueryBuilder {
    for (const word of filter.words ?? []) query.whereRaw(`search_text like ? escape '\\'`, [containing(word.toLowerCase())]);
    const columns: Array<[keyof ExplorerFilter, string]> = [
      ['owner', 'owner'], ['system', 'system'], ['type', 'type'], ['lifecycle', 'lifecycle'], ['riskLevel', 'risk_level'],
      ['slo', 'slo_state'], ['drift', 'drift_state'], ['verdict', 'verdict'], ['review', 'review_state'],
    ];
    for (const [name, column] of columns) {
      const values = filter[name] as string[] | undefined;
      if (values?.length) query.whereIn(column, values);
    }
    if (filter.environment?.length) query.whereIn(`${ROWS}.model_ref`, this.#fact(ENVIRONMENT_FACT, filter.environment));
    if (filter.pending) query.where('pending_approvals', '>', 0);
    if (filter.attention) query.where('attention', '>', 0);
    if (filter.ownedBy) query.whereIn(`${ROWS}.model_ref`, this.#fact('relations.ownedby', filter.ownedBy));
    return query;
  }
}
