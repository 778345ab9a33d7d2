// Registry state throughput with one, two and three replicas of the portal's image on one PostgreSQL, the ratio
// against one replica measured in the same run. Uses the production test's pieces: scripts/build-backend, the
// Dockerfile's steps run on the host (scripts/lib/dockerfile-steps.mjs) and the image's command. The load
// generator (autocannon, closed loop, its connections split evenly over the replicas) runs in this process, pinned
// to core 0; replica i is pinned to core (i + 1) mod cores. Results: docs/benchmarks.md.
// Usage: scripts/run node bench/replicas.mjs [--seconds 10] [--connections 48] [--replicas 1,2,3] [--skip-build]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { freePort, until } from '../scripts/lib/waiting.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const require = createRequire(join(root, 'bench/package.json'));
const autocannon = require('autocannon');
const pg = require(require.resolve('pg', { paths: [root] }));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const seconds = Number(arg('seconds', 10));
const connections = Number(arg('connections', 48));
const counts = arg('replicas', '1,2,3').split(',').map(Number);
const pgUrl = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?? 'postgresql://postgres@127.0.0.1:5432';
const cores = os.cpus().length;
const work = join(root, 'bench/.replicas');

// Pin this process (the load generator) to core 0.
execFileSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' });

if (!process.argv.includes('--skip-build')) {
  rmSync(work, { recursive: true, force: true });
  execFileSync(join(root, 'scripts/build-backend'), { stdio: 'inherit', env: { ...process.env, SKIP_APP_BUILD: process.env.SKIP_APP_BUILD ?? '' } });
  execFileSync('node', [join(root, 'scripts/lib/dockerfile-steps.mjs'), join(root, 'packages/backend/Dockerfile'), root, join(work, 'image'), join(work, 'cmd.json')], { stdio: 'inherit' });
}
const { cwd, cmd, env: imageEnv } = JSON.parse(readFileSync(join(work, 'cmd.json'), 'utf8'));

async function startReplicas(n, prefix) {
  const url = new URL(pgUrl);
  const replicas = [];
  for (let i = 0; i < n; i++) {
    const port = await freePort();
    const file = join(work, `app-config.${prefix}${i}.json`);
    writeFileSync(file, JSON.stringify({
      app: { baseUrl: `http://localhost:${port}` },
      backend: { baseUrl: `http://localhost:${port}`, listen: { port }, database: { prefix } },
      auth: { providers: { guest: { userEntityRef: 'user:default/luis.ortega', ownershipEntityRefs: ['user:default/luis.ortega', 'group:default/customer-ml'], dangerouslyAllowOutsideDevelopment: true } } },
    }));
    const core = String((i + 1) % cores);
    const child = spawn('taskset', ['-c', core, ...cmd, '--config', file], {
      cwd,
      env: { ...process.env, ...imageEnv, POSTGRES_HOST: url.hostname, POSTGRES_PORT: url.port || '5432', POSTGRES_USER: url.username || 'postgres', POSTGRES_PASSWORD: url.password || 'unused', REDIS_URL: 'redis://127.0.0.1:6379/10', OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1', OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()) },
      stdio: ['ignore', openSync(join(work, `replica-${prefix}${i}.log`), 'w'), openSync(join(work, `replica-${prefix}${i}.log`), 'a')],
    });
    replicas.push({ port, child, core, base: `http://localhost:${port}` });
  }
  for (const r of replicas) await until(`replica on ${r.port}`, async () => (await fetch(`${r.base}/.backstage/health/v1/readiness`)).status === 200, 240);
  return replicas;
}

async function measure(n) {
  const prefix = `modelport_bench_${Date.now().toString(36)}_`;
  const replicas = await startReplicas(n, prefix);
  try {
    const session = await (await fetch(`${replicas[0].base}/api/auth/guest/refresh`, { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } })).json();
    const token = session.backstageIdentity.token;
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const path = '/api/models/models/default/churn-classifier';
    await until('the catalog', async () => (await fetch(`${replicas[0].base}/api/catalog/entities/by-name/model/default/churn-classifier`, { headers: auth })).ok, 240);
    await fetch(`${replicas[0].base}${path}/versions`, { method: 'POST', headers: auth, body: JSON.stringify({ version: '1.0.0', artifactUri: 's3://m/1', framework: 'sklearn' }) });
    await fetch(`${replicas[0].base}${path}/promotions`, { method: 'POST', headers: auth, body: JSON.stringify({ version: '1.0.0', environment: 'dev' }) });
    const run = (secs, warm) =>
      Promise.all(replicas.map(r => autocannon({ url: `${r.base}${path}/registry`, connections: Math.max(1, Math.round(connections / n)), duration: secs, headers: { Authorization: `Bearer ${token}` } })))
        .then(results => ({ rps: results.reduce((s, x) => s + x.requests.average, 0), non2xx: results.reduce((s, x) => s + x.non2xx + x.errors, 0), p99: Math.max(...results.map(x => x.latency.p99)), warm }));
    await run(3, true);
    return await run(seconds, false);
  } finally {
    for (const r of replicas) r.child.kill('SIGKILL');
    const admin = new pg.Client({ connectionString: `${pgUrl}/postgres` });
    await admin.connect();
    const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  }
}

mkdirSync(work, { recursive: true });
const results = [];
for (const n of counts) {
  const r = await measure(n);
  results.push({ n, ...r });
  console.log(`${n} replica(s): ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms, non-2xx/errors ${r.non2xx}`);
}
const base = results.find(r => r.n === 1)?.rps ?? results[0].rps;
console.log(`\n| replicas | registry state req/s | ratio to 1 | p99 ms | non-2xx |\n| --- | --- | --- | --- | --- |`);
for (const r of results) console.log(`| ${r.n} | ${r.rps.toFixed(0)} | ${(r.rps / base).toFixed(2)}x | ${r.p99} | ${r.non2xx} |`);
console.log(`\n${os.cpus().length} x ${os.cpus()[0].model}, Node ${process.version}; load generator on core 0, replica i on core (i + 1) mod ${cores}; ${connections} connections, ${seconds} s`);
