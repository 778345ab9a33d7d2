import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { ExplorerError } from './ExplorerError';

describe('ExplorerError', () => {
  it("says the server's message, not only the status, and asks again on Retry", async () => {
    const error = Object.assign(new Error('Request failed with 503 Service Unavailable'), {
      body: { error: { name: 'ServiceUnavailableError', message: 'the explorer index is not ready' } },
    });
    const onRetry = jest.fn();
    await renderInTestApp(<ExplorerError error={error} onRetry={onRetry} />);
    expect(screen.getByText(/The models could not be read: the explorer index is not ready$/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it("says the client's own error when there is no answer", async () => {
    await renderInTestApp(<ExplorerError error={new TypeError('Failed to fetch')} onRetry={jest.fn()} />);
    expect(screen.getByText(/The models could not be read: Failed to fetch$/)).toBeInTheDocument();
  });
});
