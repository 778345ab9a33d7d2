import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { FleetEntry, ObservabilityStatus } from '@modelport/plugin-models-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { type ModelRegistryApi, modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { churnClassifier } from '../../__testUtils__/churnClassifier';
import { evaluatedAt, snapshot } from '../../__testUtils__/observabilitySnapshot';
import { DriftCard } from './DriftCard';
import { FleetPage } from './FleetPage';
import { SloCard } from './SloCard';
import { reviewStatus } from '../../__testUtils__/reviewStatus';

function fakeApi(status: ObservabilityStatus, fleet: FleetEntry[] = []): ModelRegistryApi {
  return {
    getObservability: jest.fn(async () => status),
    getObservabilityHistory: jest.fn(async () => [snapshot('model:default/churn-classifier', { drift: 'drifted' })]),
    getLatency: jest.fn(async () => ({
      state: 'ok' as const,
      unit: 'ms' as const,
      queriedAt: evaluatedAt,
      stepSeconds: 300,
      series: [
        { quantile: 0.5, points: [{ time: Date.parse(evaluatedAt) - 300_000, value: 120 }, { time: Date.parse(evaluatedAt), value: 130 }] },
        { quantile: 0.99, points: [{ time: Date.parse(evaluatedAt) - 300_000, value: 280 }, { time: Date.parse(evaluatedAt), value: 290 }] },
      ],
    })),
    listFleet: jest.fn(async () => fleet),
  } as unknown as ModelRegistryApi;
}

async function renderCard(card: JSX.Element, api: ModelRegistryApi) {
  await renderInTestApp(<EntityProvider entity={churnClassifier}>{card}</EntityProvider>, {
    apis: [[modelRegistryApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('SloCard', () => {
  it('shows the budget left, the burn rates per window and the latency chart, with the time of the figures', async () => {
    await renderCard(<SloCard />, fakeApi({ state: 'ok', stale: false, intervalSeconds: 300, latest: snapshot('model:default/churn-classifier', { budget: 0.42 }) }));
    const objective = await screen.findByRole('group', { name: 'Objective availability' });
    expect(within(objective).getByText(/^Target 99\.90% over 30d, measured 99\.95%: 42\.0% of the error budget left\.$/)).toBeInTheDocument();
    expect(within(objective).getByText(/^A burn rate says how fast the error budget is being spent/)).toBeInTheDocument();
    const burn = within(objective).getByRole('table', { name: 'Burn rates of availability' });
    expect(within(burn).getByText('1h / 5m')).toBeInTheDocument();
    expect(within(burn).getByText('14.4x')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(`Figures as of ${new Date(evaluatedAt).toLocaleString()} from Prometheus 'default'`);
    expect(screen.getByRole('figure', { name: 'Latency, last 24 hours' }).querySelector('svg')).not.toBeNull();
  });

  it('says Prometheus failed and keeps the older figures marked stale', async () => {
    await renderCard(
      <SloCard />,
      fakeApi({
        state: 'unavailable',
        stale: true,
        latest: snapshot('model:default/churn-classifier', { sloState: 'critical' }),
        lastAttempt: { at: '2026-11-26T10:05:00.000Z', ok: false, error: { kind: 'network', message: "Prometheus 'default': cannot reach http://prometheus:9090: ECONNREFUSED" } },
      }),
    );
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Prometheus is unreachable since');
    expect(status).toHaveTextContent('ECONNREFUSED');
    expect(status).toHaveTextContent(`Stale: figures as of ${new Date(evaluatedAt).toLocaleString()}`);
    expect(screen.getAllByText('critical').length).toBeGreaterThan(0);
  });

  it('says since when a model has had no traffic, and names an objective that could not be evaluated', async () => {
    const latest = snapshot('model:default/churn-classifier');
    latest.slo.state = 'error';
    latest.slo.objectives = [
      { ...latest.slo.objectives[0], state: 'no-traffic', lastEventAt: '2026-11-23T09:55:00.000Z' },
      {
        name: 'useful-answers',
        indicator: 'custom',
        objective: 0.9,
        window: '7d',
        state: 'error',
        burnRates: [],
        error: { kind: 'execution', message: "Prometheus 'default': many-to-many matching not allowed." },
      },
    ];
    await renderCard(<SloCard />, fakeApi({ state: 'ok', stale: false, intervalSeconds: 300, latest }));
    const silent = await screen.findByRole('group', { name: 'Objective availability' });
    expect(within(silent).getByText('no traffic')).toBeInTheDocument();
    expect(within(silent).getByRole('status')).toHaveTextContent(`No traffic since ${new Date('2026-11-23T09:55:00.000Z').toLocaleString()}: the budget below is from the requests before`);
    expect(within(silent).getByText(/50\.0% of the error budget left/)).toBeInTheDocument();
    const failed = screen.getByRole('group', { name: 'Objective useful-answers' });
    expect(within(failed).getByRole('alert')).toHaveTextContent("Not evaluated: Prometheus 'default': many-to-many matching not allowed. The rest of the fleet was evaluated as usual.");
    expect(within(failed).queryByRole('table')).toBeNull();
  });

  it('says when Prometheus is not configured, and when nothing was evaluated yet', async () => {
    await renderCard(<SloCard />, fakeApi({ state: 'not-configured', stale: false }));
    expect(await screen.findByRole('status')).toHaveTextContent('Prometheus is not configured for Modelport');
  });
});

describe('DriftCard', () => {
  it('lists each feature with its test, score, threshold and state, the reference, and drift over time', async () => {
    await renderCard(<DriftCard />, fakeApi({ state: 'ok', stale: false, latest: snapshot('model:default/churn-classifier', { drift: 'drifted' }) }));
    const table = await screen.findByRole('table', { name: 'Drift per feature' });
    const tenure = within(table).getByText('tenure_months').closest('tr')!;
    expect(within(tenure).getByText('normed Wasserstein distance')).toBeInTheDocument();
    expect(within(tenure).getByText('0.31')).toBeInTheDocument();
    expect(within(tenure).getByText('≥ 0.1')).toBeInTheDocument();
    expect(within(tenure).getByText('drifted')).toBeInTheDocument();
    expect(within(table).getByText(/no current observations/)).toBeInTheDocument();
    expect(screen.getByText('The last 1d against the reference: the 7d ending 1d earlier.')).toBeInTheDocument();
    const figure = screen.getByRole('figure', { name: 'Drift over time' });
    expect(figure.querySelector('svg')).not.toBeNull();
    // The chart says the range it truly covers: here the one evaluation there is.
    expect(within(figure).getByText(/^Drift score, 1 evaluation from .+ to .+:$/)).toBeInTheDocument();
  });
});

describe('FleetPage', () => {
  const entry = (name: string, owner: string, budget: number | undefined, options: Parameters<typeof snapshot>[1] = {}): FleetEntry => ({
    modelRef: `model:default/${name}`,
    owner,
    status: budget === undefined ? { state: 'pending', stale: false } : { state: 'ok', stale: false, latest: snapshot(`model:default/${name}`, { budget, ...options }) },
    serving: { state: 'not-configured', environments: [], stale: false },
    review: reviewStatus(),
  });

  const fleet = () => [
    entry('churn-classifier', 'group:default/customer-ml', 0.8),
    entry('fraud-detector', 'group:default/risk-ml', -0.5, { sloState: 'critical', drift: 'drifted' }),
    entry('new-model', 'group:default/customer-ml', undefined),
    entry('credit-scorer', 'group:default/risk-ml', 0.3),
  ];
  // The body's rows: the header's is first, and the pages' controls sit in the table's footer.
  const names = () =>
    screen
      .getAllByRole('row')
      .slice(1)
      .filter(r => !r.closest('tfoot'))
      .map(r => within(r).getAllByRole('cell')[0].textContent);
  const renderFleet = (entries: FleetEntry[], url = '/', ownershipEntityRefs = ['user:default/jane.doe', 'group:default/customer-ml']) =>
    renderInTestApp(<FleetPage />, {
      apis: [
        [modelRegistryApiRef, fakeApi({ state: 'ok', stale: false }, entries)],
        [identityApiRef, mockApis.identity({ userEntityRef: 'user:default/jane.doe', ownershipEntityRefs })],
      ],
      initialRouteEntries: [url],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

  it("opens on the person's teams' models, lowest budget first, with one choice for every owner's and each owner's", async () => {
    await renderFleet(fleet());
    await screen.findByText('2 models');
    expect(names()).toEqual(['churn-classifier', 'new-model']);

    fireEvent.mouseDown(screen.getByRole('button', { name: /^Owner / }));
    fireEvent.click(await screen.findByRole('option', { name: 'All owners' }));
    await screen.findByText('4 models');
    expect(names()).toEqual(['fraud-detector', 'credit-scorer', 'churn-classifier', 'new-model']);
    expect(screen.getByText('availability page 1h/5m')).toBeInTheDocument();
    expect(screen.queryByText(/no traffic since/)).toBeNull();

    fireEvent.mouseDown(screen.getByRole('button', { name: /^Owner / }));
    fireEvent.click(await screen.findByRole('option', { name: 'risk-ml' }));
    await screen.findByText('2 models');
    expect(names()).toEqual(['fraud-detector', 'credit-scorer']);
  });

  it('takes the owner and the sort from the URL, and sorts models by the name it shows', async () => {
    const titled = fleet().map(e => (e.modelRef.endsWith('/fraud-detector') ? { ...e, title: 'Card Fraud Detector' } : e));
    await renderFleet(titled, '/?owner=all&sort=model&dir=asc');
    await screen.findByText('4 models');
    // Sorted by what the column shows: "Card Fraud Detector" before "churn-classifier", though its name is fraud-detector.
    expect(names()).toEqual(['Card Fraud Detector', 'churn-classifier', 'credit-scorer', 'new-model']);
    // When each was evaluated, in words, with the clock time on hover.
    const evaluated = screen.getAllByText(/ ago$/);
    expect(evaluated).toHaveLength(3);
    expect(evaluated[0]).toHaveAttribute('title', new Date(evaluatedAt).toLocaleString());
  });

  it('pages a large fleet, lowest budget first across all of its pages', async () => {
    // Budgets 1.000, 0.995, ...: the lowest ones are the last listed, and must come first on page one.
    const many = Array.from({ length: 120 }, (_, i) => entry(`model-${String(i).padStart(3, '0')}`, 'group:default/customer-ml', 1 - i / 200));
    await renderFleet(many);
    await screen.findByText('120 models');
    expect(names()).toHaveLength(50);
    expect(names()[0]).toBe('model-119');
    expect(screen.getAllByText('1-50 of 120').length).toBeGreaterThan(0);
  });

  it('says when none of the person\'s teams owns a model, and how to see them all', async () => {
    await renderFleet(fleet(), '/', ['user:default/newcomer']);
    await screen.findByText('0 models');
    expect(screen.getByText('None of your teams owns a model: choose All owners to see every one.')).toBeInTheDocument();
  });

  it('says which models are silent since when, and which objectives could not be evaluated', async () => {
    const silent = entry('quiet-model', 'group:default/customer-ml', 0.6);
    silent.status.latest!.slo.state = 'no-traffic';
    silent.status.latest!.slo.objectives[0] = { ...silent.status.latest!.slo.objectives[0], state: 'no-traffic', lastEventAt: '2026-11-23T09:55:00.000Z' };
    const failing = entry('custom-model', 'group:default/customer-ml', 0.7);
    failing.status.latest!.slo.state = 'error';
    failing.status.latest!.slo.objectives.push({ name: 'useful-answers', indicator: 'custom', objective: 0.9, window: '7d', state: 'error', burnRates: [], error: { kind: 'execution', message: 'x' } });
    await renderFleet([silent, failing]);
    const quietRow = (await screen.findByText('quiet-model')).closest('tr')!;
    expect(within(quietRow).getByText('no traffic')).toBeInTheDocument();
    expect(within(quietRow).getByText(`no traffic since ${new Date('2026-11-23T09:55:00.000Z').toLocaleString()}`)).toBeInTheDocument();
    const failingRow = screen.getByText('custom-model').closest('tr')!;
    expect(within(failingRow).getByText('error')).toBeInTheDocument();
    expect(within(failingRow).getByText('not evaluated: useful-answers')).toBeInTheDocument();
  });
});
