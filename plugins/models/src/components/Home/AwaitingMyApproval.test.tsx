import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { PendingPromotion } from '@modelport/plugin-models-common';
import { screen, within } from '@testing-library/react';
import {
  type ModelRegistryApi,
  modelRegistryApiRef,
} from '../../api/modelRegistryApiRef';
import { AwaitingMyApproval } from './AwaitingMyApproval';

const hoursAgo = (h: number) =>
  new Date(Date.now() - h * 3_600_000).toISOString();

function pending(
  id: string,
  overrides: Partial<PendingPromotion> = {},
  request: Partial<PendingPromotion['request']> = {},
): PendingPromotion {
  return {
    request: {
      id,
      modelRef: 'model:default/churn-classifier',
      version: '1.1.0',
      toEnvironment: 'prod',
      status: 'pending',
      requestedBy: 'user:default/jane.doe',
      requestedAt: hoursAgo(3),
      decisions: [],
      ...request,
    },
    modelTitle: 'Churn Classifier',
    approvalsRequired: 2,
    approvers: ['group:default/customer-ml', 'group:default/model-risk'],
    viewerDecision: { allowed: true },
    viewerMayCancel: false,
    ...overrides,
  };
}

async function render(list: () => Promise<PendingPromotion[]>) {
  const api = {
    listPendingPromotions: jest.fn(list),
  } as unknown as ModelRegistryApi;
  await renderInTestApp(<AwaitingMyApproval />, {
    apis: [[modelRegistryApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe("the home page's Awaiting my approval", () => {
  it('lists what the person may decide on, linked to the Registry tab, and their own requests waiting for others', async () => {
    await render(async () => [
      pending(
        'a',
        {},
        {
          decisions: [
            {
              actor: 'user:default/hannah.schmidt',
              decision: 'approve',
              at: hoursAgo(1),
            },
          ],
          comment: 'Retrained on Q3',
        },
      ),
      pending(
        'b',
        {
          modelTitle: undefined,
          viewerDecision: {
            allowed: false,
            blocker: 'not-an-approver',
            reason: 'x',
          },
        },
        { modelRef: 'model:default/fraud-detector' },
      ),
      pending(
        'c',
        {
          modelTitle: undefined,
          viewerDecision: {
            allowed: false,
            blocker: 'separation-of-duties',
            reason: 'x',
          },
          viewerMayCancel: true,
          approvalsRequired: 1,
          approvers: ['group:default/customer-ml', 'group:default/model-risk'],
        },
        {
          modelRef: 'model:default/demand-forecaster',
          version: '2.0.0',
          toEnvironment: 'staging',
          requestedBy: 'user:default/luis.ortega',
        },
      ),
    ]);
    expect(
      await screen.findByText('1 promotion waits for your decision.'),
    ).toBeInTheDocument();
    const decide = within(
      screen.getByRole('list', { name: 'Awaiting my decision' }),
    ).getAllByRole('listitem');
    expect(decide).toHaveLength(1);
    expect(
      within(decide[0]).getByRole('link', {
        name: 'Churn Classifier 1.1.0 → prod',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/model/churn-classifier/registry',
    );
    expect(decide[0]).toHaveTextContent(
      'Requested by jane.doe 3 hours ago; approvals 1 of 2 (hannah.schmidt): “Retrained on Q3”',
    );
    // Another team's request that the person may not decide on is not offered.
    expect(screen.queryByText(/fraud-detector/)).not.toBeInTheDocument();
    const mine = within(
      screen.getByRole('list', { name: 'My pending requests' }),
    ).getAllByRole('listitem');
    expect(mine[0]).toHaveTextContent('demand-forecaster 2.0.0 → staging');
    expect(mine[0]).toHaveTextContent(
      'Requested 3 hours ago; approvals 0 of 1, decided by group:customer-ml or group:model-risk',
    );
  });

  it('says when nothing waits', async () => {
    await render(async () => []);
    expect(
      await screen.findByText('Nothing waits for your decision.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it("says the server's reason in full when the list cannot be read", async () => {
    await render(async () => {
      throw new Error('Request failed with 503 Service Unavailable');
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The pending promotions could not be read: Request failed with 503 Service Unavailable',
    );
  });
});
