import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { explorerFacets } from '../../__testUtils__/explorerRow';
import { ExplorerFilters } from './ExplorerFilters';
import type { Query } from './explorerQuery';

const labels = ['owner', 'system', 'type', 'lifecycle', 'risk level', 'environment', 'slo', 'drift', 'serving verdict', 'review'];

function renderFilters(query: Query, overrides: Partial<Parameters<typeof ExplorerFilters>[0]> = {}) {
  const onChange = jest.fn();
  const onClear = jest.fn();
  render(<ExplorerFilters query={query} facets={explorerFacets} facetsError={undefined} filtered onChange={onChange} onClear={onClear} {...overrides} />);
  return { onChange, onClear };
}

describe('ExplorerFilters', () => {
  it('has a filter for every filterable column, and asks from the first page on any change', async () => {
    const { onChange } = renderFilters({ sort: 'owner', offset: 50, limit: 25 });
    for (const label of labels) expect(screen.getByRole('textbox', { name: `Filter by ${label}` })).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('textbox', { name: 'Filter by slo' }));
    expect(
      within(await screen.findByRole('listbox'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toContain('no traffic');
    await user.click(screen.getByRole('option', { name: 'critical' }));
    expect(onChange).toHaveBeenLastCalledWith({ sort: 'owner', slo: ['critical'], offset: 0, limit: 25 });

    fireEvent.click(screen.getByRole('checkbox', { name: 'Pending approvals' }));
    expect(onChange).toHaveBeenLastCalledWith({ sort: 'owner', pending: true, offset: 0, limit: 25 });
  });

  it('unchecks a flag and clears every filter', () => {
    const { onChange, onClear } = renderFilters({ attention: true, offset: 0, limit: 25 });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Needs attention' }));
    expect(onChange).toHaveBeenLastCalledWith({ attention: undefined, offset: 0, limit: 25 });
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onClear).toHaveBeenCalled();
  });

  it('offers no clearing without filters, and says when the values could not be read', () => {
    renderFilters({ offset: 0, limit: 25 }, { filtered: false, facets: undefined, facetsError: new Error('catalog unavailable') });
    expect(screen.getByRole('button', { name: 'Clear filters' })).toBeDisabled();
    expect(screen.getByRole('alert')).toHaveTextContent("The filters' values could not be read: catalog unavailable");
  });
});
