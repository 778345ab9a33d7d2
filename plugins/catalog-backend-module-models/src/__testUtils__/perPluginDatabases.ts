import knexFactory from 'knex';

/**
 * A database of its own per plugin, as the database manager gives them in production: several plugins sharing one
 * knex would race on one migrations lock. TestDatabases hands out one knex, so the PostgreSQL ones are made here,
 * under a prefix of this run and test, and dropped after.
 */
export function perPluginDatabases(databaseId: string, test: string) {
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?? 'postgresql://postgres@127.0.0.1:5432';
  const prefix = `modelport_${test}_${process.pid}_`;
  const config = databaseId === 'SQLITE_3' ? { client: 'better-sqlite3', connection: ':memory:' } : { client: 'pg', connection: url, prefix };
  return {
    config,
    async drop() {
      if (databaseId === 'SQLITE_3') return;
      const admin = knexFactory({ client: 'pg', connection: url });
      try {
        const { rows } = await admin.raw('SELECT datname FROM pg_database WHERE datname LIKE ?', [`${prefix}%`]);
        for (const { datname } of rows) await admin.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
      } finally {
        await admin.destroy();
      }
    },
  };
}
