import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { render, screen, within } from '@testing-library/react';
import { explorerRow, measuredAt } from '../../__testUtils__/explorerRow';
import { AttentionCell } from './AttentionCell';
import { BudgetCell } from './BudgetCell';
import { DriftCell } from './DriftCell';
import { FigureStamp, stampText } from './FigureStamp';
import { FreshnessCell } from './FreshnessCell';
import { ModelCell } from './ModelCell';
import { PendingCell } from './PendingCell';
import { ReviewCell } from './ReviewCell';
import { ServingCell } from './ServingCell';
import { SloCell } from './SloCell';
import { VersionsCell } from './VersionsCell';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const routes = { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } };

describe('FigureStamp', () => {
  it('says the age of a current figure, and that a stale one is stale and since when, never one as the other', () => {
    expect(stampText({ stale: false, at: hoursAgo(2) })).toBe('2 hours ago');
    expect(stampText({ stale: true, at: hoursAgo(3) })).toBe('stale since 3 hours ago');
    expect(stampText({ stale: true })).toBe('stale: never measured');
    expect(stampText({ stale: false })).toBe('not measured yet');
  });

  it("puts the figure's own clock time in its tooltip", () => {
    const at = hoursAgo(3);
    render(<FigureStamp label="SLO" figure={{ stale: true, at }} />);
    expect(screen.getByTitle(`SLO measured ${new Date(at).toLocaleString()}`)).toHaveTextContent('SLO stale since 3 hours ago');
  });
});

describe('FreshnessCell', () => {
  it('stamps the SLO, drift and serving figures each with its own time', () => {
    render(<FreshnessCell row={explorerRow('m', { drift: { state: 'ok', driftedFeatures: 0, figure: { stale: true, at: hoursAgo(5) } } })} />);
    expect(screen.getByText(/^SLO /)).not.toHaveTextContent('stale');
    expect(screen.getByText(/^Drift /)).toHaveTextContent('Drift stale since 5 hours ago');
    expect(screen.getByTitle(`Serving measured ${new Date(measuredAt).toLocaleString()}`)).toBeInTheDocument();
  });
});

describe('VersionsCell', () => {
  it("shows each environment's version with its serving verdict, explained on hover, and none where no cluster watches", () => {
    render(
      <VersionsCell
        environments={[
          {
            environment: 'staging',
            version: '3',
            since: measuredAt,
            verdict: { state: 'rolling-out', version: '3', percent: 20, rest: [{ version: '2', percent: 80 }] },
          },
          { environment: 'production', verdict: { state: 'not-watched' } },
        ]}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'Versions per environment' })).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual(['staging: 3rolling out', 'production: none']);
    expect(within(items[0]).getByTitle('Rolling out 3 at 20%; 80% on 2. Approved: 3.')).toHaveTextContent('rolling out');
    expect(within(items[0]).getByTitle(`current since ${new Date(measuredAt).toLocaleString()}`)).toBeInTheDocument();
  });

  it('says when the model has no environments', () => {
    render(<VersionsCell environments={[]} />);
    expect(screen.getByText('no environments')).toBeInTheDocument();
  });
});

describe('ModelCell and PendingCell', () => {
  it("link to the model's entity page by its title, and to its Registry tab where promotions wait", async () => {
    const row = explorerRow('churn-classifier', { title: 'Churn Classifier', pendingApprovals: 1, pendingEnvironments: ['staging', 'production'] });
    await renderInTestApp(
      <>
        <ModelCell row={row} />
        <PendingCell row={row} />
      </>,
      routes,
    );
    expect(screen.getByRole('link', { name: 'Churn Classifier' })).toHaveAttribute('href', '/catalog/default/model/churn-classifier');
    expect(screen.getByRole('link', { name: '1 pending' })).toHaveAttribute('href', '/catalog/default/model/churn-classifier/registry');
    expect(screen.getByText('to staging, production')).toBeInTheDocument();
  });

  it('name a model without a title by its name, and say when nothing waits', async () => {
    const row = explorerRow('fraud-detector');
    await renderInTestApp(
      <>
        <ModelCell row={row} />
        <PendingCell row={row} />
      </>,
      routes,
    );
    expect(screen.getByRole('link', { name: 'fraud-detector' })).toBeInTheDocument();
    expect(screen.getByText('none')).toBeInTheDocument();
    expect(screen.getAllByRole('link')).toHaveLength(1);
  });
});

describe('SloCell and BudgetCell', () => {
  it('mark a stale SLO state and budget as stale', () => {
    const slo = { state: 'ok' as const, budgetRemaining: 0.5, figure: { stale: true, at: hoursAgo(4) } };
    render(
      <>
        <SloCell slo={slo} />
        <BudgetCell slo={slo} />
      </>,
    );
    expect(screen.getByText('ok')).toBeInTheDocument();
    expect(screen.getByText('SLO stale since 4 hours ago')).toBeInTheDocument();
    expect(screen.getByText('50.0% (stale)')).toBeInTheDocument();
  });

  it('show a current state without a stamp, and an unknown budget as a dash', () => {
    const slo = { state: 'no-data' as const, figure: { stale: false, at: hoursAgo(1) } };
    render(
      <>
        <SloCell slo={slo} />
        <BudgetCell slo={slo} />
      </>,
    );
    expect(screen.getByText('no data')).toBeInTheDocument();
    expect(screen.queryByText(/stale/)).toBeNull();
    expect(screen.getByText('—')).toBeInTheDocument();
  });
});

describe('DriftCell, ServingCell, ReviewCell and AttentionCell', () => {
  it('say how many features drifted', () => {
    render(<DriftCell drift={{ state: 'drifted', driftedFeatures: 1, figure: { stale: false, at: measuredAt } }} />);
    expect(screen.getByText('drifted')).toBeInTheDocument();
    expect(screen.getByText('1 feature drifted')).toBeInTheDocument();
  });

  it('say the worst serving verdict, or why there is none', () => {
    const { unmount } = render(<ServingCell serving={{ state: 'ok', verdict: 'not-deployed', figure: { stale: false, at: measuredAt } }} />);
    expect(screen.getByText('not deployed')).toBeInTheDocument();
    unmount();
    render(<ServingCell serving={{ state: 'unmatched', problem: 'no kubernetes-id annotation', figure: { stale: true } }} />);
    expect(screen.getByText('unmatched')).toBeInTheDocument();
    expect(screen.getByText('no kubernetes-id annotation')).toBeInTheDocument();
    expect(screen.getByText('Serving stale: never measured')).toBeInTheDocument();
  });

  it('say when the review is due, with the date on hover', () => {
    // Half a day more, so that the moments between here and the render cannot make it read "in 2 days".
    const dueAt = new Date(Date.now() + 3.5 * 86_400_000).toISOString();
    render(<ReviewCell review={{ state: 'upcoming', dueAt }} />);
    expect(screen.getByText('upcoming')).toBeInTheDocument();
    expect(screen.getByText('due in 3 days')).toHaveAttribute('title', new Date(dueAt).toLocaleString());
  });

  it('list what needs attention, most severe first as the server ordered it', () => {
    render(
      <AttentionCell
        attention={[
          { kind: 'budget-critical', message: 'error budget overspent 2.0x' },
          { kind: 'review-overdue', message: 'periodic review overdue' },
        ]}
      />,
    );
    expect(
      within(screen.getByRole('list', { name: 'Needs attention' }))
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual(['error budget overspent 2.0x', 'periodic review overdue']);
  });
});
