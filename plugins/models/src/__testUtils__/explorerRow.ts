import type { ExplorerFacets, ExplorerPage, ExplorerRow } from '@modelport/plugin-models-common';

export const indexedAt = '2026-12-05T04:00:00.000Z';
export const measuredAt = '2026-12-05T03:55:00.000Z';

/** A row of the explorer as the server answers it: a production model in line everywhere, with fresh figures. */
export function explorerRow(name: string, overrides: Partial<ExplorerRow> = {}): ExplorerRow {
  return {
    modelRef: `model:default/${name}`,
    name,
    namespace: 'default',
    owner: 'group:default/customer-ml',
    system: 'system:default/customer-insights',
    type: 'classification',
    lifecycle: 'production',
    riskLevel: 'high',
    tags: [],
    environments: [
      { environment: 'staging', version: '3', since: '2026-12-01T10:00:00.000Z', verdict: { state: 'in-line', version: '3' } },
      { environment: 'production', version: '2', since: '2026-11-20T10:00:00.000Z', verdict: { state: 'in-line', version: '2' } },
    ],
    pendingApprovals: 0,
    pendingEnvironments: [],
    slo: { state: 'ok', budgetRemaining: 0.42, figure: { stale: false, at: measuredAt } },
    drift: { state: 'ok', driftedFeatures: 0, figure: { stale: false, at: measuredAt } },
    serving: { state: 'ok', verdict: 'in-line', figure: { stale: false, at: measuredAt } },
    review: { state: 'current', dueAt: '2027-05-01T00:00:00.000Z' },
    attention: [],
    indexedAt,
    ...overrides,
  };
}

export function explorerPage(items: ExplorerRow[], overrides: Partial<ExplorerPage> = {}): ExplorerPage {
  return { items, totalItems: items.length, offset: 0, limit: 25, indexedAt, ...overrides };
}

export const explorerFacets: ExplorerFacets = {
  owner: [
    { value: 'group:default/customer-ml', count: 3 },
    { value: 'group:default/risk-ml', count: 2 },
  ],
  system: [{ value: 'system:default/customer-insights', count: 5 }],
  type: [{ value: 'classification', count: 4 }, { value: 'regression', count: 1 }],
  lifecycle: [{ value: 'production', count: 5 }],
  riskLevel: [{ value: 'high', count: 2 }, { value: 'low', count: 3 }],
  environment: [{ value: 'staging', count: 5 }, { value: 'production', count: 4 }],
};
