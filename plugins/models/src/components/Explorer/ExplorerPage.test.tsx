import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ModelRegistryClient, type ExplorerPage as Page, type ExplorerQuery } from '@modelport/plugin-models-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation, useNavigate } from 'react-router-dom';
import { type ModelRegistryApi, modelRegistryApiRef } from '../../api/modelRegistryApiRef';
import { explorerFacets, explorerPage, explorerRow, indexedAt, measuredAt } from '../../__testUtils__/explorerRow';
import { fleetRouteRef } from '../../routes';
import { ExplorerPage } from './ExplorerPage';
import { askFirstPage, type FirstPage } from './firstPage';

/** The URL's query string as the page left it, and the browser's back button. */
function Browser() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output aria-label="Query string">{location.search}</output>
      <button onClick={() => navigate(-1)}>Back</button>
    </>
  );
}

function fakeApi(answer: (query: ExplorerQuery) => Promise<Page> = async () => explorerPage([explorerRow('churn-classifier')])) {
  return {
    listExplorer: jest.fn(answer),
    getExplorerFacets: jest.fn(async () => explorerFacets),
  } as unknown as ModelRegistryApi & { listExplorer: jest.Mock };
}

async function render(api: ModelRegistryApi, url = '/models', firstPage?: FirstPage) {
  return renderInTestApp(
    <>
      <ExplorerPage firstPage={firstPage} />
      <Browser />
    </>,
    {
      apis: [[modelRegistryApiRef, api]],
      initialRouteEntries: [url],
      // Not at its usual /models/fleet, to see the link follow the route ref.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef, '/leads/fleet': fleetRouteRef },
    },
  );
}

const lastQuery = (api: { listExplorer: jest.Mock }) => api.listExplorer.mock.calls.at(-1)![0];
const queryString = () => screen.getByRole('status', { name: 'Query string' }).textContent;
const rowNames = () =>
  within(screen.getByRole('table', { name: 'Models' }))
    .getAllByRole('rowheader')
    .map(h => within(h).getByRole('link').textContent);

describe('ExplorerPage', () => {
  it('shows the first page asked for while its code loaded without asking again, and asks anew on a later visit', async () => {
    const api = fakeApi(async query => explorerPage([explorerRow(query.riskLevel ? 'risky-one' : 'any-one')]));
    const firstPage = askFirstPage(api, '?riskLevel=high');
    expect(api.listExplorer).toHaveBeenCalledTimes(1);
    const first = await render(api, '/models?riskLevel=high', firstPage);
    expect(await screen.findByRole('link', { name: 'risky-one' })).toBeInTheDocument();
    expect(api.listExplorer).toHaveBeenCalledTimes(1);
    first.unmount();

    await render(api, '/models?riskLevel=high', firstPage);
    expect(await screen.findByRole('link', { name: 'risky-one' })).toBeInTheDocument();
    expect(api.listExplorer).toHaveBeenCalledTimes(2);
  });

  it('asks again when the first page was asked for another view', async () => {
    const api = fakeApi(async query => explorerPage([explorerRow(query.riskLevel?.includes('high') ? 'risky-one' : 'any-one')]));
    await render(api, '/models?riskLevel=high', askFirstPage(api, '?riskLevel=low'));
    expect(await screen.findByRole('link', { name: 'risky-one' })).toBeInTheDocument();
    expect(api.listExplorer).toHaveBeenCalledTimes(2);
    expect(lastQuery(api)).toMatchObject({ riskLevel: ['high'] });
  });

  it('shows every column of each model, the index time, and links to the entity page, the Registry tab and the fleet', async () => {
    const api = fakeApi(async () =>
      explorerPage([
        explorerRow('churn-classifier', {
          title: 'Churn Classifier',
          description: 'Who will leave next month',
          pendingApprovals: 2,
          pendingEnvironments: ['production'],
          environments: [
            { environment: 'staging', version: '3', verdict: { state: 'in-line', version: '3' } },
            { environment: 'production', version: '2', verdict: { state: 'mismatch', running: ['1'] } },
          ],
          drift: { state: 'drifted', driftedFeatures: 2, figure: { stale: false, at: measuredAt } },
          serving: { state: 'ok', verdict: 'mismatch', figure: { stale: false, at: measuredAt } },
          review: { state: 'overdue', dueAt: '2026-11-01T00:00:00.000Z' },
          attention: [{ kind: 'mismatch', message: 'production runs 1, but the registry approved 2' }],
        }),
        explorerRow('fraud-detector', { owner: 'group:default/risk-ml', riskLevel: undefined, system: undefined }),
      ]),
    );
    await render(api);

    const table = await screen.findByRole('table', { name: 'Models' });
    expect(lastQuery(api)).toEqual({ offset: 0, limit: 25 });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Model',
      'Owner',
      'System',
      'Type',
      'Lifecycle',
      'Risk level',
      'Versions',
      'Pending approvals',
      'SLO',
      'Budget left',
      'Drift',
      'Serving',
      'Review',
      'Attention',
      'Freshness',
    ]);
    expect(rowNames()).toEqual(['Churn Classifier', 'fraud-detector']);
    const churn = within(table).getAllByRole('row')[1];
    expect(within(churn).getByRole('link', { name: 'Churn Classifier' })).toHaveAttribute('href', '/catalog/default/model/churn-classifier');
    expect(within(churn).getByText('Who will leave next month')).toBeInTheDocument();
    expect(within(churn).getByRole('link', { name: 'customer-ml' })).toBeInTheDocument();
    expect(within(churn).getByRole('link', { name: 'customer-insights' })).toBeInTheDocument();
    const versions = within(churn).getByRole('list', { name: 'Versions per environment' });
    expect(
      within(versions)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual(['staging: 3in line', 'production: 2mismatch']);
    expect(within(versions).getByText('mismatch').closest('[title]')).toHaveAttribute('title', 'Runs 1, but the registry approved 2 here.');
    expect(within(churn).getByRole('link', { name: '2 pending' })).toHaveAttribute('href', '/catalog/default/model/churn-classifier/registry');
    expect(within(churn).getByText('to production')).toBeInTheDocument();
    expect(within(churn).getByText('42.0%')).toBeInTheDocument();
    expect(within(churn).getByText('2 features drifted')).toBeInTheDocument();
    expect(within(churn).getByText('overdue')).toBeInTheDocument();
    expect(within(churn).getByText('production runs 1, but the registry approved 2')).toBeInTheDocument();
    const fraud = within(table).getAllByRole('row')[2];
    expect(within(fraud).getByText('nothing')).toBeInTheDocument();
    expect(within(fraud).getByText('none')).toBeInTheDocument();

    expect(screen.getByText(/^Index as of/)).toBeInTheDocument();
    expect(screen.getByTitle(new Date(indexedAt).toLocaleString())).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Fleet: SLO budgets and drift by owner' })).toHaveAttribute('href', '/leads/fleet');
    expect(screen.getByRole('tab', { name: 'All models' })).toHaveAttribute('aria-selected', 'true');
    // Sorted by name unless asked otherwise, as the server does.
    expect(within(table).getByRole('columnheader', { name: 'Model' })).toHaveAttribute('aria-sort', 'ascending');
  });

  it('sorts on the server by the clicked header, turning the order round on a second click, and keeps it in the URL', async () => {
    const api = fakeApi();
    await render(api, '/models?offset=25');
    const table = await screen.findByRole('table', { name: 'Models' });
    const user = userEvent.setup();

    await user.click(within(table).getByRole('button', { name: 'Owner' }));
    await waitFor(() => expect(lastQuery(api)).toEqual({ sort: 'owner', order: 'asc', offset: 0, limit: 25 }));
    expect(queryString()).toBe('?sort=owner&order=asc');
    expect(within(table).getByRole('columnheader', { name: 'Owner' })).toHaveAttribute('aria-sort', 'ascending');

    await user.click(within(table).getByRole('button', { name: 'Owner' }));
    await waitFor(() => expect(lastQuery(api)).toMatchObject({ sort: 'owner', order: 'desc' }));
    expect(queryString()).toBe('?sort=owner&order=desc');

    // What waits for a person sorts the most first.
    await user.click(within(table).getByRole('button', { name: 'Pending approvals' }));
    await waitFor(() => expect(lastQuery(api)).toMatchObject({ sort: 'pendingApprovals', order: 'desc' }));
  });

  it('shows the answer to the latest question, whatever order the answers arrive in', async () => {
    let answerFirst: (page: Page) => void = () => {};
    const api = fakeApi(query =>
      query.pending ? Promise.resolve(explorerPage([explorerRow('second-answer')])) : new Promise<Page>(resolve => (answerFirst = resolve)),
    );
    await render(api);
    expect(await screen.findByRole('progressbar', { name: 'Loading models' })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('checkbox', { name: 'Pending approvals' }));
    await screen.findByRole('table', { name: 'Models' });
    answerFirst(explorerPage([explorerRow('first-answer')]));
    await waitFor(() => expect(screen.queryByRole('progressbar', { name: 'Loading models' })).toBeNull());
    expect(rowNames()).toEqual(['second-answer']);
  });

  it('asks with a filter and from the first page when a filter changes, and the back button undoes it', async () => {
    const api = fakeApi(async () => explorerPage([explorerRow('churn-classifier')], { totalItems: 60, offset: 25 }));
    await render(api, '/models?offset=25&sort=budget');
    await screen.findByRole('table', { name: 'Models' });
    const user = userEvent.setup();

    await user.click(screen.getByRole('textbox', { name: 'Filter by owner' }));
    await user.click(await screen.findByRole('option', { name: 'risk-ml (2)' }));
    await waitFor(() => expect(lastQuery(api)).toEqual({ owner: ['group:default/risk-ml'], sort: 'budget', offset: 0, limit: 25 }));
    expect(queryString()).toBe('?owner=group%3Adefault%2Frisk-ml&sort=budget');

    await user.click(screen.getByRole('checkbox', { name: 'Needs attention' }));
    await waitFor(() => expect(lastQuery(api)).toMatchObject({ owner: ['group:default/risk-ml'], attention: true, offset: 0 }));

    await user.click(screen.getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(queryString()).toBe('?owner=group%3Adefault%2Frisk-ml&sort=budget'));
    await waitFor(() => expect(lastQuery(api)).toEqual({ owner: ['group:default/risk-ml'], sort: 'budget', offset: 0, limit: 25 }));
    expect(screen.getByRole('checkbox', { name: 'Needs attention' })).not.toBeChecked();
  });

  it('searches on Enter from the first page', async () => {
    const api = fakeApi();
    await render(api, '/models?offset=25');
    await screen.findByRole('table', { name: 'Models' });
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: 'Search models' }), 'churn{Enter}');
    await waitFor(() => expect(lastQuery(api)).toEqual({ q: 'churn', offset: 0, limit: 25 }));
    expect(queryString()).toBe('?q=churn');
  });

  it('pages on the server, 25, 50 or 100 models a page', async () => {
    const api = fakeApi(async q => explorerPage([explorerRow('churn-classifier')], { totalItems: 120, offset: q.offset, limit: q.limit }));
    await render(api);
    await screen.findByRole('table', { name: 'Models' });
    const user = userEvent.setup();
    expect(screen.getByText('1-25 of 120')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(lastQuery(api)).toEqual({ offset: 25, limit: 25 }));
    expect(await screen.findByText('26-50 of 120')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /^Models per page/ }));
    await user.click(await screen.findByRole('option', { name: '100' }));
    await waitFor(() => expect(lastQuery(api)).toEqual({ offset: 0, limit: 100 }));
    expect(queryString()).toBe('?limit=100');
  });

  it('asks for "My team" with mine=true, in the order the server gives it', async () => {
    const api = fakeApi();
    await render(api, '/models?sort=owner&order=desc');
    await screen.findByRole('table', { name: 'Models' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'My team' }));
    await waitFor(() => expect(lastQuery(api)).toEqual({ mine: true, offset: 0, limit: 25 }));
    expect(queryString()).toBe('?mine=true');
    expect(screen.getByRole('tab', { name: 'My team' })).toHaveAttribute('aria-selected', 'true');
    expect(
      within(screen.getByRole('table', { name: 'Models' }))
        .queryAllByRole('columnheader')
        .filter(h => h.hasAttribute('aria-sort')),
    ).toEqual([]);
  });

  it('opens a shared link with its filters, sort and page applied', async () => {
    const api = fakeApi();
    await render(
      api,
      '/models?q=churn&owner=group%3Adefault%2Fcustomer-ml&slo=critical&slo=warning&pending=true&mine=true&sort=budget&order=desc&offset=50&limit=50',
    );
    await screen.findByRole('table', { name: 'Models' });
    expect(api.listExplorer).toHaveBeenCalledTimes(1);
    expect(lastQuery(api)).toEqual({
      q: 'churn',
      owner: ['group:default/customer-ml'],
      slo: ['critical', 'warning'],
      pending: true,
      mine: true,
      sort: 'budget',
      order: 'desc',
      offset: 50,
      limit: 50,
    });
    expect(screen.getByRole('searchbox', { name: 'Search models' })).toHaveValue('churn');
    const filters = screen.getByRole('group', { name: 'Filters' });
    expect(within(filters).getByRole('button', { name: 'customer-ml' })).toBeInTheDocument();
    expect(within(filters).getByRole('button', { name: 'critical' })).toBeInTheDocument();
    expect(within(filters).getByRole('button', { name: 'warning' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Pending approvals' })).toBeChecked();
    expect(screen.getByRole('tab', { name: 'My team' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('columnheader', { name: 'Budget left' })).toHaveAttribute('aria-sort', 'descending');
  });

  it('marks stale figures as stale, never as current', async () => {
    const stale = { stale: true, at: '2026-12-04T10:00:00.000Z' };
    const api = fakeApi(async () =>
      explorerPage([
        explorerRow('stale-model', {
          slo: { state: 'ok', budgetRemaining: 0.9, figure: stale },
          drift: { state: 'ok', driftedFeatures: 0, figure: { stale: true } },
        }),
      ]),
    );
    await render(api);
    const row = within(await screen.findByRole('table', { name: 'Models' })).getAllByRole('row')[1];
    expect(within(row).getAllByText(/^SLO stale since /)).toHaveLength(2);
    expect(within(row).getAllByText('Drift stale: never measured')).toHaveLength(2);
    expect(within(row).getByText(/^Serving /)).not.toHaveTextContent('stale');
    expect(within(row).getByText('90.0% (stale)')).toBeInTheDocument();
    // The figure's own time, on hover.
    expect(within(row).getAllByTitle(`SLO measured ${new Date(stale.at).toLocaleString()}`)).toHaveLength(2);
    expect(within(row).getByTitle(`Serving measured ${new Date(measuredAt).toLocaleString()}`)).toBeInTheDocument();
  });

  it("says the server's error and asks again on Retry", async () => {
    let fail = true;
    const failing = new ModelRegistryClient({
      discoveryApi: { getBaseUrl: async () => 'http://models.test/api/models' },
      fetchApi: {
        fetch: async () =>
          fail
            ? new Response(JSON.stringify({ error: { name: 'InputError', message: 'limit must be at most 200' }, response: { statusCode: 400 } }), {
                status: 400,
                statusText: 'Bad Request',
                headers: { 'Content-Type': 'application/json' },
              })
            : new Response(JSON.stringify(explorerPage([explorerRow('churn-classifier')])), { headers: { 'Content-Type': 'application/json' } }),
      },
    });
    await render(Object.assign(fakeApi(), { listExplorer: (q: ExplorerQuery) => failing.listExplorer(q) }));
    // The server's message, in the panel's title (which Backstage's panel starts with "Error: ").
    expect(await screen.findByText(/The models could not be read: limit must be at most 200$/)).toBeInTheDocument();
    fail = false;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: 'Models' })).toBeInTheDocument();
    expect(screen.queryByText(/could not be read/)).toBeNull();
  });

  it('says which filters exclude every model, and clears them', async () => {
    const api = fakeApi(async q => explorerPage(q.owner ? [] : [explorerRow('churn-classifier')]));
    await render(api, '/models?owner=group%3Adefault%2Frisk-ml&drift=drifted&sort=owner');
    const empty = await screen.findByText(/^No model matches all of these filters/);
    const status = empty.closest('[role="status"]') as HTMLElement;
    expect(
      within(status)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual(['Owner: risk-ml', 'Drift: drifted']);
    expect(screen.queryByRole('table', { name: 'Models' })).toBeNull();

    await userEvent.setup().click(within(status).getByRole('button', { name: 'Clear filters' }));
    await screen.findByRole('table', { name: 'Models' });
    expect(lastQuery(api)).toEqual({ sort: 'owner', offset: 0, limit: 25 });
    expect(queryString()).toBe('?sort=owner');
  });

  it("says when none of the person's teams owns a model, and that the index is being built before its first run", async () => {
    const api = fakeApi(async () => explorerPage([], { indexedAt: undefined }));
    await render(api, '/models?mine=true');
    expect(await screen.findByText('None of your teams owns a model.')).toBeInTheDocument();
    expect(screen.getByText('The index is being built: models appear as soon as its first run finishes.')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show all models' }));
    await waitFor(() => expect(lastQuery(api)).toEqual({ offset: 0, limit: 25 }));
  });
});
