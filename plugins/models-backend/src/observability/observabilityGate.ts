import { modelRefOf } from '@modelport/plugin-models-common';
import type { QualityGate } from '@modelport/plugin-models-node';
import type { ObservabilityService } from './ObservabilityService';

/**
 * The `slo-and-drift` quality gate: no promotion while the model's latest SLO state is critical or a monitored
 * feature drifts, nor without current figures (it fails closed when Prometheus is down, the figures are stale, or
 * an objective or feature of the model could not be evaluated).
 * It is overridable: the requester may promote anyway by giving a reason, which the audit trail keeps.
 * Config: `block: [slo-critical, slo-warning, drift]` (default slo-critical and drift).
 */
export function observabilityGate(observability: ObservabilityService): QualityGate {
  return {
    type: 'slo-and-drift',
    async evaluate({ model, config }) {
      const block = new Set(config.getOptionalStringArray('block') ?? ['slo-critical', 'drift']);
      const status = await observability.status(modelRefOf(model));
      const fail = (message: string) => ({ passed: false, overridable: true, message });
      if (status.state === 'not-configured') return fail('SLO and drift state unknown: no Prometheus is configured');
      if (!status.latest) return fail('SLO and drift state unknown: the model has not been evaluated yet');
      if (status.stale) {
        const why = status.lastAttempt && !status.lastAttempt.ok ? `Prometheus failed (${status.lastAttempt.error?.message})` : 'the figures are old';
        return fail(`SLO and drift state unknown since ${status.latest.evaluatedAt}: ${why}`);
      }
      const { slo, drift, evaluatedAt } = status.latest;
      const problems: string[] = [];
      // A model's own failed query leaves its state unknown, which is no better than stale figures.
      for (const o of slo.objectives.filter(x => x.state === 'error')) problems.push(`the ${o.name} SLO could not be evaluated (${o.error?.message})`);
      const broken = drift.features.filter(f => f.state === 'error');
      if (broken.length) problems.push(`drift could not be evaluated for ${broken.map(f => `${f.name} (${f.message})`).join(', ')}`);
      if (block.has('slo-critical') && slo.state === 'critical') problems.push('an SLO burns its error budget at a critical rate');
      if (block.has('slo-warning') && slo.state === 'warning') problems.push('an SLO burns its error budget at a warning rate');
      if (block.has('drift') && drift.state === 'drifted') {
        problems.push(`drift in ${drift.features.filter(f => f.state === 'drifted').map(f => f.name).join(', ')}`);
      }
      return problems.length
        ? fail(`As of ${evaluatedAt}: ${problems.join('; ')}`)
        : { passed: true, message: `As of ${evaluatedAt}: SLO ${slo.state}, drift ${drift.state}` };
    },
  };
}
