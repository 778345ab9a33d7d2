import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { FleetEntry, ServingStatus } from '@modelport/plugin-models-common';
import { screen, within } from '@testing-library/react';
import { type ModelRegistryApi, modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { churnClassifier } from '../../__testUtils__/churnClassifier';
import { FleetPage } from '../Observability/FleetPage';
import { ServingCard } from './ServingCard';
import { reviewStatus } from '../../__testUtils__/reviewStatus';

const readAt = '2026-12-02T10:00:00.000Z';
const unauthorized = { kind: 'unauthorized' as const, message: "Cluster 'prod-us': the credentials were refused (401 Unauthorized)" };

/** The churn classifier as the sandbox's clusters show it: a 10% canary in staging, in line on prod-eu, prod-us refusing. */
const churnServing: ServingStatus = {
  state: 'ok',
  intervalSeconds: 60,
  environments: [
    { environment: 'dev', approved: '1.1.0', verdict: { state: 'not-watched' }, clusters: [] },
    {
      environment: 'staging',
      approved: '1.0.0',
      verdict: { state: 'rolling-out', version: '1.1.0', percent: 10, rest: [{ revision: 'churn-classifier-predictor-00003', percent: 90 }] },
      clusters: [{ cluster: 'staging-eu', verdict: { state: 'rolling-out', version: '1.1.0', percent: 10, rest: [{ revision: 'churn-classifier-predictor-00003', percent: 90 }] } }],
    },
    {
      environment: 'prod',
      approved: '1.0.0',
      verdict: { state: 'cluster-unreachable', failure: unauthorized },
      clusters: [
        { cluster: 'prod-eu', verdict: { state: 'in-line', version: '1.0.0' } },
        { cluster: 'prod-us', verdict: { state: 'cluster-unreachable', failure: unauthorized } },
      ],
    },
  ],
  clusters: [
    {
      cluster: 'staging-eu',
      environment: 'staging',
      readAt,
      stale: false,
      unavailable: {
        seldonModels: { kind: 'not-installed', message: "Cluster 'staging-eu': Model (models.mlops.seldon.io/v1alpha1) is not installed" },
        seldonExperiments: { kind: 'not-installed', message: "Cluster 'staging-eu': Experiment (experiments.mlops.seldon.io/v1alpha1) is not installed" },
      },
      objects: [
        {
          kind: 'InferenceService',
          namespace: 'customer-ml',
          name: 'churn-classifier',
          labels: { 'modelport.io/model': 'churn-classifier' },
          ready: 'True',
          url: 'https://churn-classifier.customer-ml.staging-eu.acme.example',
          artifact: 's3://acme-models/churn-classifier/1.1.0/model.ubj',
          modelFormat: 'xgboost',
          traffic: [
            { revision: 'churn-classifier-predictor-00004', percent: 10, latest: true },
            { revision: 'churn-classifier-predictor-00003', percent: 90, latest: false },
          ],
          canaryPercent: 10,
          replicas: { min: 1, max: 4 },
          model: { transition: 'UpToDate', activeState: 'Loaded', targetState: 'Loaded', copies: { failed: 0, total: 1 } },
        },
      ],
      unreadable: [{ kind: 'InferenceService', namespace: 'customer-ml', name: 'churn-shadow', problem: 'spec.predictor: Required' }],
      sharedWith: {},
    },
    {
      cluster: 'prod-eu',
      environment: 'prod',
      readAt,
      stale: false,
      unavailable: {},
      objects: [
        {
          kind: 'InferenceService',
          namespace: 'customer-ml',
          name: 'churn-classifier',
          labels: {},
          ready: 'False',
          failing: { condition: 'PredictorReady', reason: 'RevisionMissing', message: 'Configuration "churn-classifier-predictor" does not have any ready Revision.' },
          artifact: 's3://acme-models/churn-classifier/1.0.0/model.ubj',
          traffic: [],
          revisions: { latestCreated: 'churn-classifier-predictor-00003' },
          model: { activeState: 'FailedToLoad', targetState: 'FailedToLoad', lastFailure: { reason: 'ModelLoadFailed', message: 'CUDA out of memory', time: readAt } },
        },
      ],
      unreadable: [],
      sharedWith: { 'InferenceService/customer-ml/churn-classifier': ['model:default/churn-classifier-v2'] },
    },
    { cluster: 'prod-us', environment: 'prod', stale: true, failure: unauthorized, unavailable: {}, objects: [], unreadable: [], sharedWith: {} },
  ],
};

function fakeApi(serving: ServingStatus, fleet: FleetEntry[] = []): ModelRegistryApi {
  return { getServing: jest.fn(async () => serving), listFleet: jest.fn(async () => fleet) } as unknown as ModelRegistryApi;
}

async function renderCard(serving: ServingStatus) {
  await renderInTestApp(
    <EntityProvider entity={churnClassifier}>
      <ServingCard />
    </EntityProvider>,
    { apis: [[modelRegistryApiRef, fakeApi(serving)]], mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ServingCard', () => {
  it('shows per environment what runs against what was approved, and per cluster the objects, traffic and state', async () => {
    await renderCard(churnServing);
    const staging = await screen.findByRole('group', { name: 'Environment staging' });
    expect(within(staging).getByText('rolling out')).toBeInTheDocument();
    expect(within(staging).getByText('Rolling out 1.1.0 at 10%; 90% on revision churn-classifier-predictor-00003. Approved: 1.0.0.')).toBeInTheDocument();
    const stagingCluster = within(staging).getByRole('group', { name: 'Cluster staging-eu' });
    expect(within(stagingCluster).getByText('10% → churn-classifier-predictor-00004 (latest)')).toBeInTheDocument();
    expect(within(stagingCluster).getByText('90% → churn-classifier-predictor-00003')).toBeInTheDocument();
    // Said once for both of Seldon Core 2's types.
    expect(within(stagingCluster).getByText('Seldon Core 2 is not installed on cluster staging-eu.')).toBeInTheDocument();
    expect(within(stagingCluster).getByText(/churn-shadow could not be read, and is not counted: spec.predictor: Required/)).toBeInTheDocument();
    expect(within(stagingCluster).getByRole('link', { name: /^https:\/\/churn-classifier.customer-ml.staging-eu.acme.example/ })).toBeInTheDocument();

    const prod = screen.getByRole('group', { name: 'Environment prod' });
    expect(within(prod).getByText('cluster unreachable')).toBeInTheDocument();
    expect(within(prod).getByText('prod-eu: Runs 1.0.0, as approved.')).toBeInTheDocument();
    const eu = within(prod).getByRole('group', { name: 'Cluster prod-eu' });
    expect(within(eu).getByText('not ready')).toBeInTheDocument();
    expect(within(eu).getByText(/PredictorReady: RevisionMissing/)).toBeInTheDocument();
    expect(within(eu).getByText(/Last failure .*: ModelLoadFailed — CUDA out of memory/)).toBeInTheDocument();
    expect(within(eu).getByText('Also selected by model:default/churn-classifier-v2')).toBeInTheDocument();
    const us = within(prod).getByRole('group', { name: 'Cluster prod-us' });
    expect(within(us).getByText('never read — the last attempt failed: refused the credentials (the credentials were refused (401 Unauthorized))')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Stale: prod-us is not current');
    expect(screen.getByRole('group', { name: 'Environment dev' })).toHaveTextContent('No configured cluster serves this environment.');
  });

  it('says when nothing is configured, nothing read yet, or the model cannot be matched', async () => {
    await renderCard({ state: 'not-configured', intervalSeconds: 60, environments: [], clusters: [] });
    expect(await screen.findByRole('status')).toHaveTextContent('No serving clusters are configured for Modelport');
  });

  it('says the model cannot be matched, and why', async () => {
    await renderCard({ state: 'unmatched', problem: 'no backstage.io/kubernetes-id or backstage.io/kubernetes-label-selector annotation names its workloads', intervalSeconds: 60, environments: [], clusters: [] });
    expect(await screen.findByRole('status')).toHaveTextContent('Its workloads cannot be found: no backstage.io/kubernetes-id');
  });

  it('says when the clusters were not read yet', async () => {
    await renderCard({ state: 'pending', intervalSeconds: 120, environments: [], clusters: [] });
    expect(await screen.findByRole('status')).toHaveTextContent('Not read yet: the serving clusters are read every 2 minutes.');
  });
});

describe("the fleet page's serving column", () => {
  it('shows each watched environment’s verdict in words, and whether the reads are stale', async () => {
    const row = (name: string, serving: FleetEntry['serving']): FleetEntry => ({ modelRef: `model:default/${name}`, owner: 'group:default/customer-ml', status: { state: 'pending', stale: false }, serving, review: reviewStatus() });
    await renderInTestApp(<FleetPage />, {
      apis: [
        [
          modelRegistryApiRef,
          fakeApi(churnServing, [
            row('churn-classifier', { state: 'ok', environments: churnServing.environments, stale: true, readAt }),
            row('fraud-detector', {
              state: 'ok',
              environments: [{ environment: 'prod', approved: undefined, verdict: { state: 'mismatch', running: ['3.3.0'] }, clusters: [] }],
              stale: false,
              readAt,
            }),
            row('unlabelled', { state: 'unmatched', problem: 'no backstage.io/kubernetes-id annotation', environments: [], stale: false }),
          ]),
        ],
      ],
      // Every owner's models: the page opens on the signed-in person's teams', which the test app's person has none of.
      initialRouteEntries: ['/?owner=all'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    const churn = (await screen.findByText('churn-classifier')).closest('tr')!;
    const staging = within(churn).getByRole('group', { name: 'Serving in staging' });
    expect(staging).toHaveTextContent('rolling out');
    expect(staging).toHaveTextContent('Rolling out 1.1.0 at 10%');
    expect(within(churn).queryByRole('group', { name: 'Serving in dev' })).toBeNull();
    expect(within(churn).getByText(/^stale, read/)).toBeInTheDocument();
    const fraud = screen.getByText('fraud-detector').closest('tr')!;
    expect(within(fraud).getByRole('group', { name: 'Serving in prod' })).toHaveTextContent('Runs 3.3.0, but the registry approved no version here.');
    const unlabelled = screen.getByText('unlabelled').closest('tr')!;
    expect(within(unlabelled).getByText('unmatched')).toBeInTheDocument();
    expect(within(unlabelled).getByText('no backstage.io/kubernetes-id annotation')).toBeInTheDocument();
  });
});
