import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MultiSelectFilter } from './MultiSelectFilter';

describe('MultiSelectFilter', () => {
  const options = [
    { value: 'group:default/customer-ml', count: 3 },
    { value: 'group:default/risk-ml', count: 2 },
  ];
  const display = (v: string) => v.replace('group:default/', '');

  it('offers each value with how many models have it, and adds the chosen one', async () => {
    const onChange = jest.fn();
    render(<MultiSelectFilter label="Owner" options={options} selected={['group:default/customer-ml']} display={display} onChange={onChange} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('textbox', { name: 'Filter by owner' }));
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['customer-ml (3)', 'risk-ml (2)']);
    await user.click(within(listbox).getByRole('option', { name: 'risk-ml (2)' }));
    expect(onChange).toHaveBeenLastCalledWith(['group:default/customer-ml', 'group:default/risk-ml']);
  });

  it('keeps a chosen value no model has any more, so that it can be seen and removed', async () => {
    const onChange = jest.fn();
    render(<MultiSelectFilter label="Risk level" options={[{ value: 'low' }]} selected={['extreme']} onChange={onChange} />);
    const user = userEvent.setup();
    const chip = screen.getByRole('button', { name: 'extreme' });
    // The chip's delete icon (with the keyboard: Backspace in the box).
    await user.click(chip.querySelector('svg')!);
    expect(onChange).toHaveBeenLastCalledWith([]);
    await user.click(screen.getByRole('textbox', { name: 'Filter by risk level' }));
    expect(
      within(await screen.findByRole('listbox'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['low', 'extreme']);
  });
});
