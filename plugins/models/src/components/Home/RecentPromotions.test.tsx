import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { EnvironmentChange } from '@modelport/plugin-models-common';
import { screen, within } from '@testing-library/react';
import {
  type ModelRegistryApi,
  modelRegistryApiRef,
} from '../../api/modelRegistryApiRef';
import { RecentPromotions } from './RecentPromotions';

const daysAgo = (d: number) =>
  new Date(Date.now() - d * 86_400_000).toISOString();

async function render(list: () => Promise<EnvironmentChange[]>) {
  const api = {
    listEnvironmentChanges: jest.fn(list),
  } as unknown as ModelRegistryApi;
  await renderInTestApp(<RecentPromotions />, {
    apis: [[modelRegistryApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
  return api;
}

describe("the home page's Recent promotions", () => {
  it('says what became current where, by whom, what it replaced and when, newest first', async () => {
    const api = await render(async () => [
      {
        modelRef: 'model:default/churn-classifier',
        modelTitle: 'Churn Classifier',
        environment: 'prod',
        version: '1.0.0',
        previousVersion: '1.1.0',
        since: daysAgo(1),
        by: 'user:default/jane.doe',
        cause: 'rollback',
        reason: 'latency regression in 1.1.0',
      },
      {
        modelRef: 'model:default/churn-classifier',
        modelTitle: 'Churn Classifier',
        environment: 'staging',
        version: '1.1.0',
        previousVersion: '1.0.0',
        since: daysAgo(2),
        by: 'user:default/luis.ortega',
        cause: 'promotion',
        requestId: 'r1',
      },
      {
        modelRef: 'model:default/fraud-detector',
        environment: 'dev',
        version: '3.0.0',
        since: daysAgo(3),
        by: 'user:default/rita',
        cause: 'promotion',
        requestId: 'r2',
      },
    ]);
    const items = within(
      await screen.findByRole('list', { name: 'Recent promotions' }),
    ).getAllByRole('listitem');
    expect(items.map(i => within(i).getByRole('link').textContent)).toEqual([
      'Churn Classifier 1.0.0 in prod',
      'Churn Classifier 1.1.0 in staging',
      'fraud-detector 3.0.0 in dev',
    ]);
    expect(within(items[0]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/model/churn-classifier/registry',
    );
    expect(items[0]).toHaveTextContent(
      /^Churn Classifier 1\.0\.0 in prodRolled back by jane\.doe from 1\.1\.0: “latency regression in 1\.1\.0” · 1 day ago \(.+ UTC\)$/,
    );
    expect(items[1]).toHaveTextContent(
      'Promoted by luis.ortega, replacing 1.0.0 · 2 days ago',
    );
    expect(items[2]).toHaveTextContent(
      'Promoted by rita, the first version there · 3 days ago',
    );
    expect(api.listEnvironmentChanges).toHaveBeenCalledWith({ limit: 8 });
  });

  it('says when nothing was promoted yet', async () => {
    await render(async () => []);
    expect(
      await screen.findByText('No version has been promoted yet.'),
    ).toBeInTheDocument();
  });

  it("says the server's reason when the list cannot be read", async () => {
    await render(async () => {
      throw new Error('Not allowed');
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The recent promotions could not be read: Not allowed',
    );
  });
});
