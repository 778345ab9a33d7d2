import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, within } from '@testing-library/react';
import { explorerRow } from '../../__testUtils__/explorerRow';
import { ExplorerTable, sortingAfterClick } from './ExplorerTable';

describe('sortingAfterClick', () => {
  it('turns the order of the sorted column round, and starts another column in its first order', () => {
    expect(sortingAfterClick({ sort: 'owner', order: 'asc' }, 'owner')).toEqual({ sort: 'owner', order: 'desc' });
    expect(sortingAfterClick({ sort: 'owner', order: 'desc' }, 'owner')).toEqual({ sort: 'owner', order: 'asc' });
    expect(sortingAfterClick({ sort: 'owner', order: 'desc' }, 'budget')).toEqual({ sort: 'budget', order: 'asc' });
    expect(sortingAfterClick({ order: 'asc' }, 'attention')).toEqual({ sort: 'attention', order: 'desc' });
  });
});

describe('ExplorerTable', () => {
  it("names each row by its model, says the sorted column's order, and sorts by a clicked header", async () => {
    const onSort = jest.fn();
    await renderInTestApp(
      <ExplorerTable rows={[explorerRow('churn-classifier'), explorerRow('fraud-detector')]} sorting={{ sort: 'budget', order: 'desc' }} onSort={onSort} />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const table = screen.getByRole('table', { name: 'Models' });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map(h => h.textContent),
    ).toEqual(['churn-classifier', 'fraud-detector']);
    expect(within(table).getByRole('columnheader', { name: 'Budget left' })).toHaveAttribute('aria-sort', 'descending');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .filter(h => h.hasAttribute('aria-sort')),
    ).toHaveLength(1);
    fireEvent.click(within(table).getByRole('button', { name: 'Budget left' }));
    fireEvent.click(within(table).getByRole('button', { name: 'Freshness' }));
    expect(onSort.mock.calls).toEqual([[{ sort: 'budget', order: 'asc' }], [{ sort: 'freshness', order: 'asc' }]]);
  });
});
