import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('should render', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // Without a signed-in user the app shows its sign-in page, which offers the guest sign-in of the portal.
    expect(await screen.findByText('Guest', {}, { timeout: 15_000 })).toBeInTheDocument();
  });
});
