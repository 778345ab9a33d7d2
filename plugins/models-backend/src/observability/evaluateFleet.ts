import {
  ALERT_WINDOWS,
  type ModelObservability,
  type ObservabilityError,
  type SloSnapshot,
  sloIndicator,
  windowSeconds,
} from '@modelport/plugin-models-common';
import type { PrometheusClient, PrometheusError } from '../prometheus/PrometheusClient';
import { type Baseline, evaluateDrift } from './driftEvaluation';
import { builtinSloParts, customSloParts, driftParts, lastTrafficParts } from './fleetQueries';
import { FleetQueryRunner } from './FleetQueryRunner';
import { evaluateObjective, lastEventOf } from './objectiveEvaluation';
import type { SampleIndex } from './sampleIndex';
import { type CustomObjective, type ModelTarget, objectiveId } from './targets';

export type { Baseline } from './driftEvaluation';

const SEVERITY: Record<SloSnapshot['state'], number> = { 'no-data': 0, ok: 1, 'no-traffic': 2, error: 3, warning: 4, critical: 5 };

const driftUnit = (t: ModelTarget) => ({ id: `drift:${t.ref}`, target: t });
const asError = (e: PrometheusError | undefined): ObservabilityError | undefined => (e ? { kind: e.kind, message: e.message } : undefined);

/**
 * Evaluates the SLOs and drift of every model on one Prometheus at one instant, with one query per window: the
 * alerting windows, each distinct objective window (for the models with that window), each distinct drift and
 * reference window, and, when some models are silent, one for when they last had traffic; four at a time.
 *
 * A model's own query failing fails that model alone (see FleetQueryRunner); `failed` names those units, so that
 * the next cycle asks them apart first. Throws the client's PrometheusError if Prometheus cannot answer Modelport's
 * own queries, so that a cycle is stored whole or not at all.
 */
export async function evaluateFleet(
  client: PrometheusClient,
  targets: ModelTarget[],
  at: Date,
  baselines: Map<string, Baseline> = new Map(),
  suspects: Iterable<string> = [],
): Promise<{ results: ModelObservability[]; queries: number; failed: string[] }> {
  const runner = new FleetQueryRunner(client, at, suspects);
  const objectiveWindows = new Set(targets.flatMap(t => (t.model.spec.slos ?? []).map(s => s.window)));
  // Longest windows first: they cost Prometheus the most, so they start before the cheap ones queue behind them.
  const windows = [...new Set([...ALERT_WINDOWS, ...objectiveWindows])].sort((a, b) => windowSeconds(b) - windowSeconds(a));
  const byWindow = new Map<string, SampleIndex>();
  const sloAnswers = Promise.all(
    windows.map(async window => {
      const users = (ALERT_WINDOWS as string[]).includes(window) ? targets : targets.filter(t => (t.model.spec.slos ?? []).some(s => s.window === window));
      const answer = await runner.answer({
        shared: builtinSloParts(users, window),
        units: users.flatMap(t => t.customObjectives),
        partsOf: objectives => customSloParts(objectives, window),
      });
      byWindow.set(window, answer);
    }),
  );

  const key = (r: { window: string; offset?: string }) => `${r.window}|${r.offset ?? ''}`;
  const referenceKey = (t: ModelTarget) => ('window' in t.reference ? key(t.reference) : undefined);
  const driftRanges = new Map<string, { window: string; offset?: string }>();
  for (const t of targets) {
    driftRanges.set(key({ window: t.driftWindow }), { window: t.driftWindow });
    if ('window' in t.reference) driftRanges.set(key(t.reference), t.reference);
  }
  const driftSamples = new Map<string, SampleIndex>();
  await Promise.all([
    sloAnswers,
    ...[...driftRanges].map(async ([k, range]) => {
      const users = targets.filter(t => key({ window: t.driftWindow }) === k || referenceKey(t) === k);
      const answer = await runner.answer({ shared: [], units: users.map(driftUnit), partsOf: units => driftParts(units.map(u => u.target), range) });
      driftSamples.set(k, answer);
    }),
  ]);

  const objectives = new Map(
    targets.map(t => [t.ref, (t.model.spec.slos ?? []).map(slo => evaluateObjective(t, slo, byWindow, asError(runner.failed.get(objectiveId(t.ref, slo)))))]),
  );
  await addLastTraffic(runner, targets, objectives);

  const results = targets.map(t => {
    const slos = objectives.get(t.ref)!;
    const sloState = slos.length ? slos.map(o => o.state).reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a)) : 'not-configured';
    const drift = evaluateDrift(
      t,
      driftSamples.get(key({ window: t.driftWindow })) ?? new Map(),
      driftSamples.get(referenceKey(t) ?? '') ?? new Map(),
      baselines.get(t.ref),
      asError(runner.failed.get(driftUnit(t).id)),
    );
    return { modelRef: t.ref, evaluatedAt: at.toISOString(), prometheus: t.instance, slo: { state: sloState, objectives: slos }, drift } satisfies ModelObservability;
  });
  return { results, queries: runner.queries, failed: [...runner.failed.keys()] };
}

/**
 * For objectives without traffic in the last hour, when their events last increased: one query for all of them,
 * isolated like the others. An objective whose answer is missing keeps no-traffic without a time.
 */
async function addLastTraffic(runner: FleetQueryRunner, targets: ModelTarget[], objectives: Map<string, SloSnapshot[]>) {
  const silent = targets.flatMap(t =>
    (t.model.spec.slos ?? []).flatMap((slo, i) => {
      if (objectives.get(t.ref)![i].state !== 'no-traffic') return [];
      const custom = t.customObjectives.find(o => o.id === objectiveId(t.ref, slo));
      return [{ target: t, slo, indicator: sloIndicator(slo)!, window: slo.window, custom, index: i }];
    }),
  );
  if (!silent.length) return;
  const parts = lastTrafficParts(silent);
  const answer = await runner.answer<CustomObjective>({ shared: parts.builtin, units: silent.flatMap(s => (s.custom ? [s.custom] : [])), partsOf: parts.custom });
  for (const s of silent) {
    const lastEventAt = lastEventOf(s.target, s.slo, answer);
    if (lastEventAt) objectives.get(s.target.ref)![s.index].lastEventAt = lastEventAt;
  }
}
