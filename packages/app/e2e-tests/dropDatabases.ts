import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * Playwright's global teardown: drops the databases of the portal replicas, this run's and those left by a run
 * that never reached its teardown (the replicas failed to start, or the run was killed), and removes the demo
 * Prometheus' data.
 */
export default async function dropDatabases() {
  const prefix = 'modelport_e2e_';
  const client = new Client(process.env.MODELPORT_E2E_DATABASE_URL);
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) {
      // The replicas are still connected until Playwright stops them, after this teardown.
      await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
  // And the demo Prometheus' data directories (playwright.config.ts).
  for (const entry of await fs.readdir(os.tmpdir())) {
    if (entry.startsWith('modelport-e2e-prometheus-')) await fs.rm(path.join(os.tmpdir(), entry), { recursive: true, force: true });
  }
}
