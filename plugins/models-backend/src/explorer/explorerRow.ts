import type { ExplorerRow, FleetServing, ModelEntityV1alpha1, ObservabilityStatus, ReviewStatus } from '@modelport/plugin-models-common';
import { modelOwnerRefOf, modelRefOf, modelSystemRefOf } from '@modelport/plugin-models-common';
import { createHash } from 'node:crypto';
import { entityFacts, type EntityFact } from './entityFacts';

type Verdict = NonNullable<ExplorerRow['serving']['verdict']>;

/** Severity order of each state, worst highest: the explorer sorts a column by it. */
export const sloRanks: Record<ExplorerRow['slo']['state'], number> = {
  critical: 9, warning: 8, error: 7, unavailable: 6, 'no-traffic': 5, 'no-data': 4, ok: 3, pending: 2, 'no-objectives': 1, 'not-configured': 0,
};
export const driftRanks: Record<ExplorerRow['drift']['state'], number> = {
  drifted: 6, error: 5, unavailable: 4, 'no-data': 3, ok: 2, pending: 1, 'not-configured': 0,
};
export const verdictRanks: Record<Verdict, number> = {
  mismatch: 7, 'unregistered-artifact': 6, 'cluster-unreachable': 5, unidentified: 4, 'rolling-out': 3, 'not-deployed': 2, 'in-line': 1, 'not-watched': 0,
};
export const reviewRanks: Record<ExplorerRow['review']['state'], number> = {
  overdue: 5, rejected: 4, 'never-reviewed': 3, upcoming: 2, current: 1, 'not-required': 0,
};

/** What the index keeps of a Model: the row people see, the columns SQL filters and sorts on, and the entity's facts. */
export type IndexedModel = {
  row: Omit<ExplorerRow, 'indexedAt'>;
  columns: {
    model_ref: string;
    name: string;
    namespace: string;
    sort_name: string;
    owner: string;
    system: string | null;
    type: string;
    lifecycle: string;
    risk_level: string | null;
    search_text: string;
    pending_approvals: number;
    slo_rank: number;
    slo_state: string;
    slo_budget: number | null;
    drift_rank: number;
    drift_state: string;
    verdict_rank: number;
    verdict: string | null;
    review_rank: number;
    review_state: string;
    attention: number;
    last_change_at: string | null;
    oldest_figure_at: string | null;
  };
  facts: EntityFact[];
  /** Changes whenever anything above does, so that an unchanged model is not written again. */
  hash: string;
};

export type ModelSources = {
  model: ModelEntityV1alpha1;
  environments: string[];
  current: Array<{ environment: string; version: string; since: string }>;
  pendingEnvironments: string[];
  observability: ObservabilityStatus;
  serving: FleetServing;
  review: ReviewStatus;
};

/** The key of an environment's current version among a model's facts: apart from any key the catalog's search uses. */
export const ENVIRONMENT_FACT = 'modelport:environment';

function sloOf(status: ObservabilityStatus): ExplorerRow['slo'] {
  const latest = status.latest;
  const figure = { stale: status.stale, ...(latest ? { at: latest.evaluatedAt } : {}) };
  const budgets = (latest?.slo.objectives ?? []).map(o => o.budgetRemaining).filter((b): b is number => typeof b === 'number');
  const budget = budgets.length ? { budgetRemaining: Math.min(...budgets) } : {};
  if (status.state === 'not-configured' || status.state === 'pending') return { state: status.state, figure };
  if (status.state === 'unavailable') return { state: 'unavailable', ...budget, figure: { ...figure, stale: true } };
  const state = latest!.slo.state === 'not-configured' ? 'no-objectives' : latest!.slo.state;
  return { state, ...budget, figure };
}

function driftOf(status: ObservabilityStatus): ExplorerRow['drift'] {
  const latest = status.latest;
  const figure = { stale: status.stale, ...(latest ? { at: latest.evaluatedAt } : {}) };
  const driftedFeatures = (latest?.drift.features ?? []).filter(f => f.state === 'drifted').length;
  if (status.state === 'not-configured' || status.state === 'pending') return { state: status.state, driftedFeatures: 0, figure };
  if (status.state === 'unavailable') return { state: 'unavailable', driftedFeatures, figure: { ...figure, stale: true } };
  return { state: latest!.drift.state, driftedFeatures, figure };
}

function attentionOf(row: Omit<ExplorerRow, 'indexedAt' | 'attention'>): ExplorerRow['attention'] {
  const found: ExplorerRow['attention'] = [];
  if (row.slo.state === 'critical') {
    const budget = row.slo.budgetRemaining;
    found.push({ kind: 'budget-critical', message: `SLO critical${budget !== undefined ? `: ${Math.round(budget * 1000) / 10}% of the error budget left` : ''}` });
  }
  const mismatched = row.environments.filter(e => e.verdict && ['mismatch', 'unregistered-artifact'].includes(e.verdict.state));
  if (mismatched.length) found.push({ kind: 'mismatch', message: `Runs other than approved in ${mismatched.map(e => e.environment).join(', ')}` });
  if (row.drift.state === 'drifted') found.push({ kind: 'drift', message: `${row.drift.driftedFeatures} feature${row.drift.driftedFeatures === 1 ? '' : 's'} drifting` });
  if (row.review.state === 'overdue') found.push({ kind: 'review-overdue', message: `Review overdue${row.review.dueAt ? ` since ${row.review.dueAt.slice(0, 10)}` : ''}` });
  if (['unavailable', 'error'].includes(row.slo.state) || ['unavailable', 'error'].includes(row.drift.state)) {
    found.push({ kind: 'figures-unavailable', message: 'Prometheus figures could not be evaluated; the last ones shown are older' });
  }
  return found;
}

/** One Model's row of the explorer, from the catalog entity, the registry's state and the latest snapshots. */
export function indexedModel(sources: ModelSources): IndexedModel {
  const { model, observability, serving, review } = sources;
  const modelRef = modelRefOf(model);
  const verdicts = new Map(serving.environments.map(e => [e.environment, e.verdict]));
  const environments = sources.environments.map(environment => {
    const current = sources.current.find(c => c.environment === environment);
    const verdict = verdicts.get(environment);
    return { environment, ...(current ? { version: current.version, since: current.since } : {}), ...(verdict ? { verdict } : {}) };
  });
  const worst = serving.environments.map(e => e.verdict.state).sort((a, b) => verdictRanks[b] - verdictRanks[a])[0];
  const base = {
    modelRef,
    name: model.metadata.name,
    namespace: model.metadata.namespace ?? 'default',
    ...(model.metadata.title ? { title: model.metadata.title } : {}),
    ...(model.metadata.description ? { description: model.metadata.description } : {}),
    owner: modelOwnerRefOf(model),
    ...(model.spec.system ? { system: modelSystemRefOf(model) } : {}),
    type: model.spec.type,
    lifecycle: model.spec.lifecycle,
    ...(model.spec.modelCard?.riskLevel ? { riskLevel: model.spec.modelCard.riskLevel } : {}),
    tags: model.metadata.tags ?? [],
    environments,
    pendingApprovals: sources.pendingEnvironments.length,
    pendingEnvironments: [...new Set(sources.pendingEnvironments)],
    slo: sloOf(observability),
    drift: driftOf(observability),
    serving: {
      state: serving.state,
      ...(serving.problem ? { problem: serving.problem } : {}),
      ...(worst ? { verdict: worst } : {}),
      figure: { stale: serving.stale, ...(serving.readAt ? { at: serving.readAt } : {}) },
    },
    review: { state: review.state, ...(review.dueAt ? { dueAt: review.dueAt } : {}) },
  };
  const row = { ...base, attention: attentionOf(base) };
  const figureTimes = [row.slo.figure.at, row.serving.figure.at].filter((t): t is string => Boolean(t)).sort();
  const changes = sources.current.map(c => c.since).sort();
  const columns: IndexedModel['columns'] = {
    model_ref: modelRef,
    name: row.name,
    namespace: row.namespace,
    sort_name: (row.title ?? row.name).toLowerCase(),
    owner: row.owner,
    system: row.system ?? null,
    type: row.type,
    lifecycle: row.lifecycle,
    risk_level: row.riskLevel ?? null,
    search_text: [row.name, row.title, row.description, row.owner, row.system, row.type, row.lifecycle, row.riskLevel, ...row.tags]
      .filter(Boolean)
      .join('\n')
      .toLowerCase(),
    pending_approvals: row.pendingApprovals,
    slo_rank: sloRanks[row.slo.state],
    slo_state: row.slo.state,
    slo_budget: row.slo.budgetRemaining ?? null,
    drift_rank: driftRanks[row.drift.state],
    drift_state: row.drift.state,
    verdict_rank: worst ? verdictRanks[worst] : -1,
    verdict: worst ?? null,
    review_rank: reviewRanks[row.review.state],
    review_state: row.review.state,
    attention: row.attention.length,
    last_change_at: changes.length ? changes[changes.length - 1] : null,
    oldest_figure_at: figureTimes[0] ?? null,
  };
  const facts = [...entityFacts(model), ...sources.current.map(c => ({ key: ENVIRONMENT_FACT, value: c.environment.toLowerCase() }))];
  const hash = createHash('sha256').update(JSON.stringify([row, columns, facts])).digest('hex');
  return { row, columns, facts, hash };
}
