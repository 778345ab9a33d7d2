import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { FleetEntry, FleetServing } from '@modelport/plugin-models-common';
import { screen, within } from '@testing-library/react';
import { type ModelRegistryApi, modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { snapshot } from '../../__testUtils__/observabilitySnapshot';
import { reviewStatus } from '../../__testUtils__/reviewStatus';
import { MyTeamsModels } from './MyTeamsModels';

const inOrder: FleetServing = { state: 'ok', environments: [{ environment: 'prod', approved: '1.2.0', verdict: { state: 'in-line', version: '1.2.0' }, clusters: [] }], stale: false };

function entry(name: string, owner: string, options: Parameters<typeof snapshot>[1] = {}, serving: FleetServing = inOrder): FleetEntry {
  return { modelRef: `model:default/${name}`, title: name, owner, status: { state: 'ok', stale: false, intervalSeconds: 300, latest: snapshot(`model:default/${name}`, options) }, serving, review: reviewStatus() };
}

async function render(fleet: () => Promise<FleetEntry[]>, ownershipEntityRefs = ['user:default/jane.doe', 'group:default/customer-ml']) {
  const api = { listFleet: jest.fn(fleet) } as unknown as ModelRegistryApi;
  await renderInTestApp(<MyTeamsModels />, {
    apis: [
      [modelRegistryApiRef, api],
      [identityApiRef, mockApis.identity({ userEntityRef: 'user:default/jane.doe', ownershipEntityRefs })],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe("the home page's My teams' models", () => {
  it("lists only the models of the person's teams, those needing attention first, each with why in words", async () => {
    const mismatch: FleetServing = {
      state: 'ok',
      environments: [{ environment: 'prod', approved: '2.0.0', verdict: { state: 'mismatch', running: ['1.9.0'] }, clusters: [] }],
      stale: false,
    };
    await render(async () => [
      entry('steady-scorer', 'group:default/customer-ml'),
      // Owner written short, as a Model's spec.owner may be: still the person's team.
      entry('churn-classifier', 'customer-ml', { budget: -19, sloState: 'critical' }),
      entry('upsell-ranker', 'group:default/customer-ml', { drift: 'drifted' }, mismatch),
      entry('fraud-detector', 'group:default/risk-ml', { budget: -5, sloState: 'critical' }),
    ]);

    const list = await screen.findByRole('list', { name: "My teams' models" });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => within(i).getByRole('link').textContent)).toEqual(['churn-classifier', 'upsell-ranker', 'steady-scorer']);
    expect(screen.getByText('2 of 3 need attention.')).toBeInTheDocument();
    expect(items[0]).toHaveTextContent('error budget overspent 20.0x; burn-rate alert: availability page 1h/5m');
    expect(items[1]).toHaveTextContent('drift in tenure_months; prod: Runs 1.9.0, but the registry approved 2.0.0 here.');
    expect(items[2]).toHaveTextContent('In order: no budget overspent, no alert, no drift, nothing served against approval.');
    expect(screen.queryByText('fraud-detector')).not.toBeInTheDocument();
  });

  it('says when figures are stale or Prometheus could not be read', async () => {
    const stale = { ...entry('churn-classifier', 'group:default/customer-ml'), status: { ...entry('x', 'y').status, stale: true } };
    const down: FleetEntry = { ...entry('upsell-ranker', 'group:default/customer-ml'), status: { state: 'unavailable', stale: true, intervalSeconds: 300 } };
    await render(async () => [stale, down]);
    const items = within(await screen.findByRole('list', { name: "My teams' models" })).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/its SLO and drift figures are stale \(evaluated .+\)/);
    expect(items[1]).toHaveTextContent('its SLO and drift figures are stale: Prometheus could not be read');
  });

  it('never calls a model in order before its figures exist', async () => {
    const pending: FleetEntry = { ...entry('churn-classifier', 'group:default/customer-ml'), status: { state: 'pending', stale: false, intervalSeconds: 300 } };
    const unconfigured: FleetEntry = { ...entry('upsell-ranker', 'group:default/customer-ml'), status: { state: 'not-configured', stale: false, intervalSeconds: 300 } };
    await render(async () => [pending, unconfigured]);
    const items = within(await screen.findByRole('list', { name: "My teams' models" })).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Not evaluated yet: its first SLO and drift figures come with the next evaluation.');
    expect(items[1]).toHaveTextContent('No Prometheus is configured for it: no SLO or drift figures.');
    expect(screen.queryByText(/In order/)).not.toBeInTheDocument();
  });

  it("says once that a cluster could not be read, without counting it against each model's owners", async () => {
    const unreadable = (message: string): FleetServing => ({
      state: 'ok',
      environments: [{ environment: 'prod', approved: '1.0.0', verdict: { state: 'cluster-unreachable', failure: { kind: 'unreachable', message } }, clusters: [] }],
      stale: false,
    });
    const down = "Cluster 'prod-us': connect ECONNREFUSED";
    await render(async () => [entry('churn-classifier', 'group:default/customer-ml', {}, unreadable(down)), entry('upsell-ranker', 'group:default/customer-ml', {}, unreadable(down))]);
    expect(await screen.findByText('None of 2 needs attention now.')).toBeInTheDocument();
    expect(screen.getAllByText(/could not be read/)).toHaveLength(1);
    expect(screen.getByText(`Serving is unknown where a cluster could not be read: ${down}`)).toBeInTheDocument();
  });

  it('points to the fleet when none of the teams owns a model', async () => {
    await render(async () => [entry('fraud-detector', 'group:default/risk-ml')]);
    expect(await screen.findByText(/None of your teams owns a Model yet/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'fleet page' })).toHaveAttribute('href', '/models/fleet');
  });

  it('says the fleet could not be read, with the reason', async () => {
    await render(async () => {
      throw new Error('The models backend answered 503');
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('The fleet could not be read: The models backend answered 503');
  });
  it('counts an overdue, missing or rejecting periodic review as needing attention', async () => {
    const overdue = { ...entry('churn-classifier', 'group:default/customer-ml'), review: reviewStatus({ state: 'overdue', riskLevel: 'medium', cycleMonths: 24, dueAt: '2026-06-01T10:00:00.000Z' }) };
    const never = { ...entry('upsell-ranker', 'group:default/customer-ml'), review: reviewStatus({ state: 'never-reviewed', riskLevel: 'high', cycleMonths: 12, independenceRequired: true }) };
    await render(async () => [overdue, never, entry('steady-scorer', 'group:default/customer-ml')]);
    const items = within(await screen.findByRole('list', { name: "My teams' models" })).getAllByRole('listitem');
    expect(screen.getByText('2 of 3 need attention.')).toBeInTheDocument();
    expect(items[0]).toHaveTextContent(/periodic review overdue since /);
    expect(items[1]).toHaveTextContent('never reviewed, though its high risk level asks for a review every 12 months');
  });
});
