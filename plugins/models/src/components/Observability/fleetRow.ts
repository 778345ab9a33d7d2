import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { servingVerdictText, type FleetEntry } from '@modelport/plugin-models-common';
import { when } from './format';

/** An owner as a full entity ref: a Model's spec.owner may be written short ('customer-ml'), ownership refs never are. */
export const ownerRefOf = (owner: string) => stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: 'default' }));

/** A fleet entry with the figures the fleet page and the home page sort and speak by. */
export type Row = FleetEntry & {
  id: string;
  /** What the Model column shows (its title, or its entity name), which is what it sorts by. */
  name: string;
  /** The owner's name as the Owner column shows it. */
  ownerName: string;
  budget?: number;
  firing: string[];
  drifted: string[];
};

export function rowOf(entry: FleetEntry): Row {
  const latest = entry.status.latest;
  const budgets = (latest?.slo.objectives ?? []).map(o => o.budgetRemaining).filter((b): b is number => b !== undefined);
  return {
    ...entry,
    id: entry.modelRef,
    name: entry.title ?? parseEntityRef(entry.modelRef).name,
    ownerName: parseEntityRef(entry.owner, { defaultKind: 'group', defaultNamespace: 'default' }).name,
    budget: budgets.length ? Math.min(...budgets) : undefined,
    firing: (latest?.slo.objectives ?? []).flatMap(o => o.burnRates.filter(b => b.firing).map(b => `${o.name} ${b.severity === 'critical' ? 'page' : 'ticket'} ${b.long}/${b.short}`)),
    drifted: (latest?.drift.features ?? []).filter(f => f.state === 'drifted').map(f => f.name),
  };
}

/** Budgets unknown sort after every known one, so "lowest budget first" puts real trouble on top. */
export const byBudget = (a: Row, b: Row) => (a.budget ?? Infinity) - (b.budget ?? Infinity);

/**
 * Serving verdicts that ask the model's owners to act; a rollout under way, nothing watched or all in line do not,
 * and neither does a cluster that could not be read: that is the platform's to fix, said once (unreadClusters).
 */
const SERVING_TROUBLE = new Set(['mismatch', 'not-deployed', 'unregistered-artifact', 'unidentified']);

/**
 * Why a model needs its owners now, in words, worst first: its error budget, its burn-rate alerts, drift, what runs
 * against what was approved, its periodic review, figures gone stale. Empty when nothing does.
 */
export function attentionOf(row: Row): string[] {
  const reasons: string[] = [];
  const latest = row.status.latest;
  // A budget of -19 is 20 budgets spent: said as the factor, which reads, rather than "-1900% left".
  if (row.budget !== undefined && row.budget < 0) reasons.push(`error budget overspent ${(1 - row.budget).toFixed(1)}x`);
  if (row.firing.length) reasons.push(`burn-rate alert: ${row.firing.join(', ')}`);
  if (latest?.drift.state === 'drifted') reasons.push(`drift in ${row.drifted.join(', ') || 'its features'}`);
  for (const env of row.serving.environments) {
    if (SERVING_TROUBLE.has(env.verdict.state)) reasons.push(`${env.environment}: ${servingVerdictText(env.verdict, env.approved)}`);
  }
  const review = row.review;
  if (review.state === 'overdue') reasons.push(`periodic review overdue since ${when(review.dueAt)}`);
  if (review.state === 'never-reviewed') reasons.push(`never reviewed, though its ${review.riskLevel ?? 'unclassified'} risk level asks for a review every ${review.cycleMonths} months`);
  if (review.state === 'rejected') reasons.push('its last review rejected it');
  if (row.status.state === 'unavailable') reasons.push('its SLO and drift figures are stale: Prometheus could not be read');
  else if (row.status.stale) reasons.push(`its SLO and drift figures are stale (evaluated ${when(latest?.evaluatedAt)})`);
  return reasons;
}

/** Why serving verdicts are unknown somewhere, once per distinct cause across the rows, not once per model. */
export function unreadClusters(rows: Row[]): string[] {
  const causes = rows.flatMap(r => r.serving.environments.flatMap(e => (e.verdict.state === 'cluster-unreachable' ? [e.verdict.failure?.message ?? `a cluster of ${e.environment} could not be read`] : [])));
  return [...new Set(causes)].sort();
}
