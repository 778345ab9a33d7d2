import type { ExplorerQuery, ExplorerSort } from '@modelport/plugin-models-common';

export const PAGE_SIZES = [25, 50, 100];
const DEFAULT_LIMIT = PAGE_SIZES[0];

/** The columns filtered by the values the models take (`GET /explorer/facets`), in the order the filter bar shows them. */
export const FACETS = ['owner', 'system', 'type', 'lifecycle', 'riskLevel', 'environment'] as const;
export type Facet = (typeof FACETS)[number];

/** The columns filtered by a state of the API's own vocabulary: the values a filter offers are all of them. */
export const STATES = {
  slo: ['ok', 'no-traffic', 'warning', 'critical', 'no-data', 'error', 'not-configured', 'pending', 'unavailable', 'no-objectives'],
  drift: ['ok', 'drifted', 'no-data', 'error', 'not-configured', 'pending', 'unavailable'],
  verdict: ['in-line', 'rolling-out', 'mismatch', 'not-deployed', 'unregistered-artifact', 'unidentified', 'cluster-unreachable', 'not-watched'],
  review: ['current', 'upcoming', 'overdue', 'rejected', 'never-reviewed', 'not-required'],
} as const satisfies { [K in 'slo' | 'drift' | 'verdict' | 'review']: ReadonlyArray<NonNullable<ExplorerQuery[K]>[number]> };
export type StateFilter = keyof typeof STATES;

export const FLAGS = ['pending', 'attention'] as const;
export type Flag = (typeof FLAGS)[number];

export const FILTER_LABELS: Record<Facet | StateFilter | Flag, string> = {
  owner: 'Owner',
  system: 'System',
  type: 'Type',
  lifecycle: 'Lifecycle',
  riskLevel: 'Risk level',
  environment: 'Environment',
  slo: 'SLO',
  drift: 'Drift',
  verdict: 'Serving verdict',
  review: 'Review',
  pending: 'Pending approvals',
  attention: 'Needs attention',
};

const SORTS: ReadonlyArray<ExplorerSort> = [
  'name',
  'owner',
  'system',
  'type',
  'lifecycle',
  'riskLevel',
  'versions',
  'pendingApprovals',
  'slo',
  'budget',
  'drift',
  'serving',
  'review',
  'attention',
  'freshness',
];

/** The explorer's query with its page always said, as the page and the pagination work with it. */
export type Query = ExplorerQuery & { offset: number; limit: number };

const isOneOf = <T extends string>(values: ReadonlyArray<T>, value: string | null): value is T => values.includes(value as T);

/**
 * The explorer's state read from the URL, which uses the names and values `GET /explorer` takes, so that a shared
 * link is the query itself. What the API would refuse (an unknown state or sort, a page size the page does not
 * offer) is left out rather than turned into an error page for whoever opens an old or edited link.
 */
export function queryOf(params: URLSearchParams): Query {
  const query: Query = { offset: 0, limit: DEFAULT_LIMIT };
  const q = params.get('q')?.trim();
  if (q) query.q = q;
  for (const facet of FACETS) {
    const values = params.getAll(facet).filter(Boolean);
    if (values.length) query[facet] = values;
  }
  for (const key of Object.keys(STATES) as StateFilter[]) {
    const values = params.getAll(key).filter(v => isOneOf<string>(STATES[key], v));
    if (values.length) (query as Record<string, unknown>)[key] = values;
  }
  for (const flag of [...FLAGS, 'mine'] as const) {
    if (params.get(flag) === 'true') query[flag] = true;
  }
  const sort = params.get('sort');
  if (isOneOf(SORTS, sort)) query.sort = sort;
  const order = params.get('order');
  if (order === 'asc' || order === 'desc') query.order = order;
  const limit = Number(params.get('limit'));
  if (PAGE_SIZES.includes(limit)) query.limit = limit;
  const offset = Number(params.get('offset'));
  if (Number.isInteger(offset) && offset > 0) query.offset = offset;
  return query;
}

/** The order of the URL's parameters: the same view is always the same link. */
const KEYS = ['q', ...FACETS, ...(Object.keys(STATES) as StateFilter[]), ...FLAGS, 'mine', 'sort', 'order', 'offset', 'limit'] as const;

/** The URL of a query: what is at its default is left out, so that links stay short and read like the view. */
export function paramsOf(query: Query): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = query[key];
    if ((key === 'limit' && value === DEFAULT_LIMIT) || (key === 'offset' && value === 0)) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== false && one !== '') params.append(key, String(one));
    }
  }
  return params;
}

/** The filters in force, each in words ("Owner: customer-ml, risk-ml"), for the page that says what excludes everything. */
export function activeFilters(query: Query, display: (facet: Facet, value: string) => string): string[] {
  const said: string[] = [];
  if (query.q) said.push(`Search “${query.q}”`);
  for (const facet of FACETS) {
    const values = query[facet];
    if (values?.length) said.push(`${FILTER_LABELS[facet]}: ${values.map(v => display(facet, v)).join(', ')}`);
  }
  for (const key of Object.keys(STATES) as StateFilter[]) {
    const values = query[key];
    if (values?.length) said.push(`${FILTER_LABELS[key]}: ${values.map(v => v.replace(/-/g, ' ')).join(', ')}`);
  }
  for (const flag of FLAGS) if (query[flag]) said.push(FILTER_LABELS[flag]);
  return said;
}

/** The same view without its filters: the tab, sort and page size stay, the page goes back to the first. */
export function withoutFilters(query: Query): Query {
  const { mine, sort, order, limit } = query;
  return { ...(mine ? { mine } : {}), ...(sort ? { sort } : {}), ...(order ? { order } : {}), limit, offset: 0 };
}
