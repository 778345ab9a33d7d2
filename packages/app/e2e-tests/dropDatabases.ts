import { Client } from 'pg';

/** Playwright's global teardown: drops the databases that this run's portal replicas created. */
export default async function dropDatabases() {
  const prefix = process.env.MODELPORT_E2E_DATABASE_PREFIX!;
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
}
