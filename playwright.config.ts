import { defineConfig } from '@playwright/test';

const baseURL = 'http://localhost:7017';

/**
 * The end-to-end test of the portal, in Debian's Chromium (never a downloaded browser). The backend serves the
 * frontend built by `backstage-cli package build` in packages/app; scripts/test builds it first.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'node_modules/.cache/e2e-test-results',
  webServer: {
    command:
      'cd packages/backend && exec backstage-cli package start --config ../../app-config.yaml --config ../../app-config.e2e.yaml',
    url: `${baseURL}/.backstage/health/v1/readiness`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    viewport: { width: 1440, height: 900 },
  },
});
