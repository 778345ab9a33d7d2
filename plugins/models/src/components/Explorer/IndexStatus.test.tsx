import { render, screen } from '@testing-library/react';
import { IndexStatus } from './IndexStatus';

describe('IndexStatus', () => {
  it('says how current the index is, with the clock time on hover', () => {
    const at = new Date(Date.now() - 3 * 60_000).toISOString();
    render(<IndexStatus indexedAt={at} />);
    expect(screen.getByRole('status')).toHaveTextContent('Index as of 3 minutes ago');
    expect(screen.getByText('3 minutes ago')).toHaveAttribute('title', new Date(at).toLocaleString());
  });

  it('says the index is being built before its first run', () => {
    render(<IndexStatus indexedAt={undefined} />);
    expect(screen.getByRole('status')).toHaveTextContent('The index is being built: models appear as soon as its first run finishes.');
  });
});
