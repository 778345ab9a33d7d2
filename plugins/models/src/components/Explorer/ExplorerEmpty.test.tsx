import { fireEvent, render, screen, within } from '@testing-library/react';
import { ExplorerEmpty } from './ExplorerEmpty';

describe('ExplorerEmpty', () => {
  it('names the filters that exclude every model and clears them', () => {
    const onClear = jest.fn();
    render(<ExplorerEmpty filters={['Owner: risk-ml', 'Needs attention']} mine onClear={onClear} onShowAll={jest.fn()} />);
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('No model matches all of these filters among your teams’ models:');
    expect(
      within(status)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual(['Owner: risk-ml', 'Needs attention']);
    fireEvent.click(within(status).getByRole('button', { name: 'Clear filters' }));
    expect(onClear).toHaveBeenCalled();
  });

  it("says when none of the person's teams owns a model, with the way to every model", () => {
    const onShowAll = jest.fn();
    render(<ExplorerEmpty filters={[]} mine onClear={jest.fn()} onShowAll={onShowAll} />);
    expect(screen.getByRole('status')).toHaveTextContent('None of your teams owns a model.');
    fireEvent.click(screen.getByRole('button', { name: 'Show all models' }));
    expect(onShowAll).toHaveBeenCalled();
  });

  it('says when there is no model at all', () => {
    render(<ExplorerEmpty filters={[]} mine={false} onClear={jest.fn()} onShowAll={jest.fn()} />);
    expect(screen.getByRole('status')).toHaveTextContent('There is no model in the catalog that you may see.');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
