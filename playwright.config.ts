import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

const baseURL = 'http://localhost:7017';

// Both replicas of the portal use one PostgreSQL database under a prefix of this run's own (app-config.e2e.yaml);
// the global teardown drops it. Worker processes evaluate this file again and inherit the values set here.
process.env.MODELPORT_E2E_DATABASE_URL ??=
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?? 'postgresql://postgres@127.0.0.1:5432';
process.env.MODELPORT_E2E_DATABASE_PREFIX ??= `modelport_e2e_${Date.now().toString(36)}_`;

const replica = (configs: string[], port: number) => ({
  command: `cd packages/backend && exec backstage-cli package start ${configs.map(c => `--config ../../${c}`).join(' ')}`,
  url: `http://localhost:${port}/.backstage/health/v1/readiness`,
  reuseExistingServer: false,
  timeout: 180_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
});

/**
 * The end-to-end test of the portal, in Debian's Chromium (never a downloaded browser). The backend serves the
 * frontend built by `backstage-cli package build` in packages/app; scripts/test builds it first. Two replicas run:
 * Luis's on port 7017 (the base URL) and Jane's on 7018 (see app-config.e2e.yaml).
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  globalTeardown: './packages/app/e2e-tests/dropDatabases.ts',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'node_modules/.cache/e2e-test-results',
  webServer: [
    {
      // The demo Prometheus with simulated traffic and a fresh 7-day history, for the SLO and drift cards.
      command: `exec scripts/demo-prometheus ${path.join(os.tmpdir(), `modelport-e2e-prometheus-${process.env.MODELPORT_E2E_DATABASE_PREFIX}`)}`,
      url: 'http://127.0.0.1:9465/-/ready',
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The sandbox clusters, for the Serving card and the fleet's serving column.
      command: 'exec node --require @backstage/cli-node/config/nodeTransform.cjs packages/kubernetes-sandbox/src/cli.ts',
      url: 'http://127.0.0.1:9481/version',
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The sandbox registry (MLflow and Databricks), whose models the registry sync imports.
      command: 'exec node --require @backstage/cli-node/config/nodeTransform.cjs packages/mlflow-sandbox/src/cli.ts',
      // Any path answers 401 without the token: the server is up.
      url: 'http://127.0.0.1:9491/api/2.0/mlflow/registered-models/search',
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    replica(['app-config.yaml', 'app-config.demo-prometheus.yaml', 'app-config.sandbox-clusters.yaml', 'app-config.sandbox-registries.yaml', 'app-config.e2e.yaml'], 7017),
    replica(['app-config.yaml', 'app-config.demo-prometheus.yaml', 'app-config.sandbox-clusters.yaml', 'app-config.sandbox-registries.yaml', 'app-config.e2e.yaml', 'app-config.e2e-jane.yaml'], 7018),
  ],
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
