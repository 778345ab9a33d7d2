import { act, fireEvent, render, screen } from '@testing-library/react';
import { SEARCH_DELAY_MS, SearchBox } from './SearchBox';

describe('SearchBox', () => {
  afterEach(() => jest.useRealTimers());

  it('searches once typing pauses, with the words trimmed', () => {
    jest.useFakeTimers();
    const onSearch = jest.fn();
    render(<SearchBox value="" onSearch={onSearch} />);
    const box = screen.getByRole('searchbox', { name: 'Search models' });
    fireEvent.change(box, { target: { value: 'chu' } });
    act(() => jest.advanceTimersByTime(SEARCH_DELAY_MS - 1));
    fireEvent.change(box, { target: { value: 'churn ' } });
    act(() => jest.advanceTimersByTime(SEARCH_DELAY_MS - 1));
    expect(onSearch).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(1));
    expect(onSearch.mock.calls).toEqual([['churn']]);
  });

  it('searches at once on Enter, and not again when the pause comes', () => {
    jest.useFakeTimers();
    const onSearch = jest.fn();
    render(<SearchBox value="" onSearch={onSearch} />);
    const box = screen.getByRole('searchbox', { name: 'Search models' });
    fireEvent.change(box, { target: { value: 'fraud' } });
    fireEvent.submit(box);
    expect(onSearch.mock.calls).toEqual([['fraud']]);
    act(() => jest.advanceTimersByTime(SEARCH_DELAY_MS));
    expect(onSearch).toHaveBeenCalledTimes(1);
  });

  it('shows what the URL holds, but keeps what was typed after its own search', () => {
    const onSearch = jest.fn();
    const { rerender } = render(<SearchBox value="" onSearch={onSearch} />);
    const box = screen.getByRole('searchbox', { name: 'Search models' });
    fireEvent.change(box, { target: { value: 'chu' } });
    fireEvent.submit(box);
    fireEvent.change(box, { target: { value: 'churn' } });
    // The URL catches up with the search asked before the last keystrokes.
    rerender(<SearchBox value="chu" onSearch={onSearch} />);
    expect(box).toHaveValue('churn');
    // The back button, or "Clear filters".
    rerender(<SearchBox value="" onSearch={onSearch} />);
    expect(box).toHaveValue('');
    rerender(<SearchBox value="drift" onSearch={onSearch} />);
    expect(box).toHaveValue('drift');
  });

  it('clears the search with its button', () => {
    const onSearch = jest.fn();
    render(<SearchBox value="churn" onSearch={onSearch} />);
    fireEvent.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(onSearch.mock.calls).toEqual([['']]);
    expect(screen.getByRole('searchbox', { name: 'Search models' })).toHaveValue('');
  });
});
