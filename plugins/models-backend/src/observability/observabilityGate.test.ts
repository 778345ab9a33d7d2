import { ConfigReader } from '@backstage/config';
import type { ModelObservability, ObservabilityStatus } from '@modelport/plugin-models-common';
import { churnModel } from '../__testUtils__/fixtures';
import { observabilityGate } from './observabilityGate';
import type { ObservabilityService } from './ObservabilityService';

const latest = (slo: 'ok' | 'warning' | 'critical', drift: 'ok' | 'drifted'): ModelObservability => ({
  modelRef: 'model:default/churn-classifier',
  evaluatedAt: '2026-11-26T10:00:00.000Z',
  prometheus: 'default',
  slo: { state: slo, objectives: [] },
  drift: {
    state: drift,
    window: '1d',
    reference: { window: '7d', offset: '1d' },
    features: [{ name: 'tenure_months', type: 'numerical', role: 'feature', state: drift }],
  },
});

async function gate(status: ObservabilityStatus, config: object = { type: 'slo-and-drift' }) {
  const service = { status: async () => status } as unknown as ObservabilityService;
  return observabilityGate(service).evaluate({ model: churnModel, version: {} as any, environment: 'prod', config: new ConfigReader(config), now: new Date() });
}

describe('the slo-and-drift gate', () => {
  it('passes on current figures without critical burn or drift, and says as of when', async () => {
    expect(await gate({ state: 'ok', stale: false, latest: latest('warning', 'ok') })).toEqual({
      passed: true,
      message: 'As of 2026-11-26T10:00:00.000Z: SLO warning, drift ok',
    });
  });

  it('fails, overridably, on critical burn or drift, and on warnings when configured to', async () => {
    expect(await gate({ state: 'ok', stale: false, latest: latest('critical', 'drifted') })).toEqual({
      passed: false,
      overridable: true,
      message: 'As of 2026-11-26T10:00:00.000Z: an SLO burns its error budget at a critical rate; drift in tenure_months',
    });
    expect(await gate({ state: 'ok', stale: false, latest: latest('warning', 'drifted') }, { type: 'slo-and-drift', block: ['slo-warning'] })).toMatchObject({
      passed: false,
      message: 'As of 2026-11-26T10:00:00.000Z: an SLO burns its error budget at a warning rate',
    });
  });

  it('fails closed without current figures', async () => {
    expect(await gate({ state: 'not-configured', stale: false })).toMatchObject({ passed: false, overridable: true, message: expect.stringContaining('no Prometheus is configured') });
    expect(await gate({ state: 'pending', stale: false })).toMatchObject({ passed: false, message: expect.stringContaining('not been evaluated yet') });
    expect(
      await gate({ state: 'unavailable', stale: true, latest: latest('ok', 'ok'), lastAttempt: { at: '2026-11-26T10:05:00.000Z', ok: false, error: { kind: 'network', message: 'ECONNREFUSED' } } }),
    ).toMatchObject({ passed: false, message: 'SLO and drift state unknown since 2026-11-26T10:00:00.000Z: Prometheus failed (ECONNREFUSED)' });
  });

  it("fails closed when one of the model's own objectives or features could not be evaluated", async () => {
    const figures = latest('ok', 'ok');
    figures.slo.objectives = [
      { name: 'useful-answers', indicator: 'custom', objective: 0.9, window: '7d', state: 'error', burnRates: [], error: { kind: 'execution', message: 'many-to-many matching not allowed' } },
    ];
    figures.drift.features[0] = { ...figures.drift.features[0], state: 'error', message: 'query processing would load too many samples' };
    expect(await gate({ state: 'ok', stale: false, latest: figures })).toEqual({
      passed: false,
      overridable: true,
      message:
        'As of 2026-11-26T10:00:00.000Z: the useful-answers SLO could not be evaluated (many-to-many matching not allowed); drift could not be evaluated for tenure_months (query processing would load too many samples)',
    });
  });
});
