import type { ExplorerFacets, ExplorerQuery, ExplorerRow, ExplorerSort } from '@modelport/plugin-models-common';
import type { IndexedModel } from './explorerRow';

/**
 * A condition on an entity's facts, in the form of the catalog's own search filters (what its permission rules'
 * `toQuery` give): a key present, a key with one of some values, or their combinations.
 */
export type FactCondition =
  | { key: string; values?: string[] }
  | { allOf: FactCondition[] }
  | { anyOf: FactCondition[] }
  | { not: FactCondition };

/** Which rows a caller may see: all, none, those meeting a condition, or exactly these model refs. */
export type Visibility = { all: true } | { none: true } | { condition: FactCondition } | { refs: string[] };

/** What the API's query filters on (its own types, from the OpenAPI document), with the search's words split. */
export type ExplorerFilter = Pick<
  ExplorerQuery,
  'owner' | 'system' | 'type' | 'lifecycle' | 'riskLevel' | 'environment' | 'slo' | 'drift' | 'verdict' | 'review' | 'pending' | 'attention'
> & {
  words?: string[];
  /** The ownership refs (user and groups) whose models the "my team" view shows. */
  ownedBy?: string[];
};

export type ExplorerSelection = {
  visibility: Visibility;
  filter: ExplorerFilter;
  /** Column sorts in order; the model ref always breaks ties so that pages never overlap. */
  sort: Array<{ by: ExplorerSort; order: 'asc' | 'desc' }>;
  offset: number;
  limit: number;
};

export type StoredRow = Omit<ExplorerRow, 'indexedAt'> & { indexedAt: string };

export interface ExplorerStore {
  /** Each indexed model's hash, to tell which models changed. */
  hashes(): Promise<Map<string, string>>;
  /** Writes the changed models, removes the gone ones and, for a full run, records when the index caught up. */
  write(changes: { changed: IndexedModel[]; removed: string[]; at: string; complete: boolean }): Promise<void>;
  page(selection: ExplorerSelection): Promise<{ rows: StoredRow[]; total: number }>;
  facets(visibility: Visibility): Promise<ExplorerFacets>;
  /** Every indexed model ref: only for permission policies whose conditions cannot be written as SQL. */
  refs(): Promise<string[]>;
  indexedAt(): Promise<string | undefined>;
}
