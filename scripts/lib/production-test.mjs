// The production test (scripts/test-production): the portal as its image runs it, on PostgreSQL and Redis, with
// three replicas, scraped by the real Prometheus. IMAGE is the folder the Dockerfile's steps were run into and
// CMD_FILE the image's command (scripts/lib/dockerfile-steps.mjs). Every process is started and stopped by PID;
// waits are for conditions (bounded), never for a fixed time.
// Usage: node scripts/lib/production-test.mjs IMAGE CMD_FILE WORK_DIR
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, until } from './waiting.mjs';

const [image, cmdFile, work] = process.argv.slice(2);
const root = resolve(fileURLToPath(import.meta.url), '../../..');
const { cwd, cmd, env: imageEnv } = JSON.parse(readFileSync(cmdFile, 'utf8'));
const pgUrl = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?? 'postgresql://postgres@127.0.0.1:5432';
const redisUrl = process.env.MODELPORT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/9';
const prefix = `modelport_prod_${Date.now().toString(36)}_`;
const restoredPrefix = `${prefix}restored_`;
const INTERVAL_S = 5;
const failures = [];
const children = new Set();

const log = m => console.log(`[production] ${m}`);
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
  return ok;
}
// A Prometheus for the models (the real one cannot answer for models that do not exist): answers every query
// with an empty result, fails while `failing`, and holds answers while `holding`, so that the test controls what
// is in flight. It records the evaluation time of each instant query, to count the fleet's evaluation cycles.
const fake = { failing: true, holding: false, held: [], instantTimes: [], rangeQueries: 0 };
const fakeServer = http.createServer((req, res) => {
  let body = '';
  req.on('data', c => (body += c));
  req.on('end', () => {
    const params = new URLSearchParams(body || req.url.split('?')[1] || '');
    const range = req.url.includes('query_range');
    const answer = () => {
      if (fake.failing && !range) {
        res.writeHead(503, { 'Content-Type': 'text/plain' }).end('unavailable');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: 'success', data: { resultType: range ? 'matrix' : 'vector', result: [] } }));
    };
    if (range) fake.rangeQueries++;
    else if (params.get('time')) fake.instantTimes.push(Number(params.get('time')));
    if (fake.holding) fake.held.push(answer);
    else answer();
  });
});
const release = () => {
  fake.holding = false;
  for (const answer of fake.held.splice(0)) answer();
};

function config(name, port, { guest, prefix: dbPrefix, prometheusUrl, clusters }) {
  const file = join(work, `app-config.${name}.yaml`);
  // What differs between this test's replicas and a deployment: ports, the database prefix of this run, the guest
  // each replica signs in (two people, for separation of duties), the model Prometheus, a short interval.
  writeFileSync(
    file,
    JSON.stringify({
      app: { baseUrl: `http://localhost:${port}` },
      backend: { baseUrl: `http://localhost:${port}`, listen: { port }, database: { prefix: dbPrefix } },
      // The guest provider stands in for the company's sign-in; outside development it must be allowed explicitly.
      auth: { providers: { guest: { userEntityRef: guest.ref, ownershipEntityRefs: guest.owns, dangerouslyAllowOutsideDevelopment: true } } },
      catalog: { processingInterval: { seconds: 5 } },
      // The serving clusters: one sandbox cluster that answers and one that never does (packages/kubernetes-sandbox).
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'prod-eu', url: clusters.answering, authProvider: 'serviceAccount', serviceAccountToken: 'sandbox-prod-eu', skipTLSVerify: true },
              { name: 'prod-us', url: clusters.silent, authProvider: 'serviceAccount', serviceAccountToken: 'sandbox-prod-us', skipTLSVerify: true },
            ],
          },
        ],
      },
      models: {
        serving: { clusters: [{ name: 'prod-eu', environment: 'prod' }, { name: 'prod-us', environment: 'prod' }], interval: { seconds: INTERVAL_S }, timeout: { seconds: 3 } },
        prometheus: { instances: [{ name: 'test', url: prometheusUrl, timeout: { seconds: 30 } }] },
        observability: { interval: { seconds: INTERVAL_S } },
        registry: {
          environments: [
            { name: 'dev', policy: { approvals: 0 } },
            { name: 'staging', policy: { approvals: 1, approvers: ['owner'], qualityGates: [{ type: 'model-card-complete' }] } },
            { name: 'prod', policy: { approvals: 1, approvers: ['owner'], qualityGates: [{ type: 'metric', metric: 'auc', min: 0.95 }] } },
          ],
        },
      },
    }),
  );
  return file;
}

const LUIS = { ref: 'user:default/luis.ortega', owns: ['user:default/luis.ortega', 'group:default/customer-ml', 'group:default/risk-ml', 'group:default/clinical-ml', 'group:default/ml-platform'] };
const JANE = { ref: 'user:default/jane.doe', owns: ['user:default/jane.doe', 'group:default/customer-ml', 'group:default/risk-ml', 'group:default/clinical-ml', 'group:default/ml-platform'] };

function startReplica(name, { guest, dbPrefix = prefix, prometheusUrl, clusters }) {
  return (async () => {
    const port = await freePort();
    const metricsPort = await freePort();
    const file = config(name, port, { guest, prefix: dbPrefix, prometheusUrl, clusters });
    const url = new URL(pgUrl);
    const out = join(work, `${name}.log`);
    const child = spawn(cmd[0], [...cmd.slice(1), '--config', file], {
      cwd,
      env: {
        ...process.env,
        ...imageEnv,
        POSTGRES_HOST: url.hostname,
        POSTGRES_PORT: url.port || '5432',
        POSTGRES_USER: decodeURIComponent(url.username || 'postgres'),
        POSTGRES_PASSWORD: decodeURIComponent(url.password || 'unused'),
        REDIS_URL: redisUrl,
        OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
        OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
      },
      stdio: ['ignore', openSync(out, 'a'), openSync(out, 'a')],
    });
    const exited = new Promise(r => child.on('exit', (code, signal) => r({ code, signal })));
    children.add(child);
    exited.then(() => children.delete(child));
    return { name, port, metricsPort, base: `http://localhost:${port}`, child, exited, log: out };
  })();
}

/** Polls readiness from the start; every answer before the first 200 must be 503 or no connection yet. */
async function watchStartup(r) {
  const seen = [];
  for (let i = 0; i < 240 * 4; i++) {
    if (r.child.exitCode !== null) return { ready: false, seen, exited: r.child.exitCode };
    const status = await fetch(`${r.base}/.backstage/health/v1/readiness`).then(x => x.status, () => 'refused');
    if (seen[seen.length - 1] !== status) seen.push(status);
    if (status === 200) return { ready: true, seen };
    await new Promise(res => setTimeout(res, 250));
  }
  return { ready: false, seen };
}

async function token(r) {
  const res = await fetch(`${r.base}/api/auth/guest/refresh`, { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
  return (await res.json()).backstageIdentity.token;
}
const api = (r, tok, path, init = {}) =>
  fetch(`${r.base}/api/models${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${tok}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
  });
const json = async res => ({ status: res.status, body: await res.json().catch(() => undefined) });

async function promQuery(promBase, q) {
  const res = await fetch(`${promBase}/api/v1/query?query=${encodeURIComponent(q)}`);
  const body = await res.json();
  return body.data.result.map(s => Number(s.value[1]));
}

const models = readFileSync(join(root, 'examples/models.yaml'), 'utf8')
  .split(/^---$/m)
  .filter(d => /^kind: Model$/m.test(d))
  .map(d => /^ {2}name: (\S+)$/m.exec(d)[1]);

/** The sandbox clusters on free ports (packages/kubernetes-sandbox's cli.ts); prod-eu's URL once it answers. */
async function startSandboxClusters() {
  const sandbox = spawn(process.execPath, ['--require', '@backstage/cli-node/config/nodeTransform.cjs', 'packages/kubernetes-sandbox/src/cli.ts', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(sandbox);
  let out = '';
  sandbox.stdout.on('data', chunk => (out += chunk));
  await until('the sandbox clusters', async () => /sandbox cluster prod-eu .* at (\S+)/.test(out), 60);
  return /sandbox cluster prod-eu .* at (\S+)/.exec(out)[1];
}

async function main() {
  mkdirSync(work, { recursive: true });
  await new Promise(r => fakeServer.listen(0, '127.0.0.1', r));
  const prometheusUrl = `http://127.0.0.1:${fakeServer.address().port}`;
  const clusters = { answering: await startSandboxClusters(), silent: `http://127.0.0.1:${await freePort()}` };

  // 1. Three replicas at the same moment on one empty PostgreSQL.
  const replicas = await Promise.all([
    startReplica('r1', { guest: LUIS, prometheusUrl, clusters }),
    startReplica('r2', { guest: JANE, prometheusUrl, clusters }),
    startReplica('r3', { guest: JANE, prometheusUrl, clusters }),
  ]);
  const [r1, r2, r3] = replicas;
  const startups = await Promise.all(replicas.map(watchStartup));
  for (const [i, s] of startups.entries()) {
    check(s.ready, `replica ${i + 1} became ready (readiness answers: ${s.seen.join(' -> ')})`);
    check(s.seen.every(x => x === 'refused' || x === 503 || x === 200), `replica ${i + 1} readiness said 503 until it was ready`);
  }
  if (!startups.every(s => s.ready)) throw new Error('a replica did not start');
  const live = await fetch(`${r1.base}/.backstage/health/v1/liveness`);
  check(live.status === 200, 'liveness answers 200');
  // The image serves the built frontend: the page and the scripts it loads.
  const page = await (await fetch(`${r2.base}/catalog/default/model/churn-classifier`)).text();
  const scripts = [...page.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map(m => m[1]);
  check(page.includes('<div id="root">') && scripts.length > 0, `the backend serves the built frontend (${scripts.length} scripts)`);
  const loaded = await Promise.all(scripts.map(src => fetch(new URL(src, r2.base)).then(x => x.status)));
  check(loaded.every(st => st === 200), `every script of the page loads (${loaded.join(', ')})`);

  const db = new pg.Client({ connectionString: `${pgUrl}/${prefix}models` });
  db.on('error', () => {}); // the cleanup drops the database under it when a check fails early
  await db.connect();
  const migrations = (await db.query('SELECT name FROM knex_migrations ORDER BY id')).rows.map(r => r.name);
  const files = readdirSync(join(root, 'plugins/models-backend/migrations')).filter(f => f.endsWith('.js'));
  check(migrations.length === files.length && new Set(migrations).size === files.length, `migrations ran once each (${migrations.length} rows for ${files.length} files)`);

  // The catalog has to have the Models before the registry accepts versions of them.
  const luis = await token(r1);
  const jane = await token(r2);
  await until('the catalog to serve every example Model', async () => {
    const res = await fetch(`${r1.base}/api/catalog/entities/by-query?filter=kind=model&limit=100`, { headers: { Authorization: `Bearer ${luis}` } });
    return res.ok && (await res.json()).items.length === models.length;
  });

  // 2. Concurrent approvals spread over the three replicas: exactly one promotion per request.
  const requests = {};
  for (const [i, name] of models.entries()) {
    const r = replicas[i % 3];
    const path = `/models/default/${name}`;
    check((await api(r, luis, `${path}/versions`, { method: 'POST', body: JSON.stringify({ version: '1.0.0', artifactUri: `s3://models/${name}/1.0.0`, framework: 'sklearn', metrics: { auc: 0.9 } }) })).status === 201, `${name}: version registered`);
    const dev = await json(await api(r, luis, `${path}/promotions`, { method: 'POST', body: JSON.stringify({ version: '1.0.0', environment: 'dev' }) }));
    check(dev.body?.request?.status === 'promoted', `${name}: promoted to dev without approval (${dev.status})`);
    const staging = await json(await api(replicas[(i + 1) % 3], luis, `${path}/promotions`, { method: 'POST', body: JSON.stringify({ version: '1.0.0', environment: 'staging' }) }));
    check(staging.status === 201 && staging.body.request.status === 'pending', `${name}: staging requested (${staging.status})`);
    requests[name] = staging.body?.request?.id;
  }
  const decisions = await Promise.all(
    models.flatMap(name => replicas.map(r => api(r, jane, `/promotions/${requests[name]}/approve`, { method: 'POST', body: '{}' }).then(x => ({ name, status: x.status })))),
  );
  for (const name of models) {
    const statuses = decisions.filter(d => d.name === name).map(d => d.status).sort();
    check(statuses.filter(s => s === 200).length === 1 && statuses.every(s => s === 200 || s === 409), `${name}: one of three concurrent approvals took effect (${statuses.join(', ')})`);
  }
  const audit = async (r, name, tok = luis) => (await json(await api(r, tok, `/audit?subject=${encodeURIComponent(`model:default/${name}`)}&limit=1000`))).body.items;
  for (const name of models) {
    const completed = (await audit(r3, name)).filter(e => e.action === 'promotion.completed' && e.after?.requestId === requests[name]);
    check(completed.length === 1, `${name}: one promotion.completed for its staging request (${completed.length})`);
  }
  const verify = async (r, tok = luis) => (await json(await api(r, tok, '/audit/verify'))).body;
  check((await verify(r2)).valid === true, 'the audit chain verifies after concurrent approvals');

  // A quality gate refuses prod: the version's auc 0.9 is under the test policy's 0.95.
  const refused = await api(r1, luis, `/models/default/${models[0]}/promotions`, { method: 'POST', body: JSON.stringify({ version: '1.0.0', environment: 'prod' }) });
  check(refused.status === 409, `the metric gate refuses prod (${refused.status})`);

  // 3. Modelport's metrics, scraped by the real Prometheus from every replica.
  const promPort = await freePort();
  const promDir = join(work, 'prometheus');
  mkdirSync(promDir, { recursive: true });
  writeFileSync(
    join(promDir, 'prometheus.yml'),
    `global: { scrape_interval: 1s }\nscrape_configs:\n  - job_name: modelport\n    static_configs:\n      - targets: [${replicas.map(r => `'127.0.0.1:${r.metricsPort}'`).join(', ')}]\n`,
  );
  const prometheus = spawn('prometheus', [`--config.file=${join(promDir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(promDir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`], { stdio: 'ignore' });
  children.add(prometheus);
  const promBase = `http://127.0.0.1:${promPort}`;
  await until('Prometheus to be ready', async () => (await fetch(`${promBase}/-/ready`)).ok, 60);
  const sum = async q => (await promQuery(promBase, `sum(${q})`))[0];
  check(await until('promotions in Prometheus', async () => (await sum('modelport_registry_promotions_total{cause="promotion"}')) === 2 * models.length, 60).catch(() => false), `modelport_registry_promotions_total sums to ${2 * models.length} over the replicas`);
  check(await until('approvals in Prometheus', async () => (await sum('modelport_registry_approvals_total{decision="approve"}')) === models.length, 60).catch(() => false), `modelport_registry_approvals_total{decision="approve"} is ${models.length}`);
  check(await until('a gate refusal in Prometheus', async () => (await sum('modelport_registry_gate_refusals_total{environment="prod",gate="metric"}')) === 1, 60).catch(() => false), 'modelport_registry_gate_refusals_total counts the refusal');
  // The model Prometheus fails until the failure is counted, then answers: both outcomes of a cycle are seen.
  check(await until('a failed cycle', async () => (await sum('modelport_observability_prometheus_failures_total{prometheus="test"}')) >= 1, 90).catch(() => false), 'modelport_observability_prometheus_failures_total counts a failing Prometheus');
  fake.failing = false;
  const cyclesFrom = fake.instantTimes.length;
  check(await until('an evaluated cycle', async () => (await sum('modelport_observability_cycle_duration_count{outcome="ok"}')) >= 1, 90).catch(() => false), 'modelport_observability_cycle_duration counts a completed cycle');
  // The serving collection: one cluster read, one that does not answer (counted under the cluster's own failures).
  check(await until('a serving read', async () => (await sum('modelport_serving_cluster_read_duration_count{cluster="prod-eu",outcome="ok"}')) >= 1, 90).catch(() => false), 'modelport_serving_cluster_read_duration counts a read of prod-eu');
  check(await until('serving list calls', async () => (await sum('modelport_serving_list_calls_total{cluster="prod-eu"}')) >= 4, 90).catch(() => false), 'modelport_serving_list_calls_total counts a list per resource type');
  check(await until('a failed serving read', async () => (await sum('modelport_serving_failures_total{cluster="prod-us",resource="all"}')) >= 1, 90).catch(() => false), 'modelport_serving_failures_total counts the cluster that does not answer');
  // The dashboard uses exactly the names the backend exports.
  const names = new Set((await (await fetch(`${promBase}/api/v1/label/__name__/values`)).json()).data);
  const dashboard = readFileSync(join(root, 'docs/grafana/modelport.json'), 'utf8');
  const used = [...new Set(dashboard.match(/modelport_[a-z_]+/g))];
  check(used.length >= 5, `the dashboard queries Modelport's metrics (${used.join(', ')})`);
  for (const n of used) check(names.has(n), `the dashboard's ${n} is scraped`);

  // 4. The fleet evaluation runs once per cycle across replicas, not once per replica.
  await until('three more evaluation cycles', async () => new Set(fake.instantTimes.slice(cyclesFrom)).size >= 3, 120);
  const times = [...new Set(fake.instantTimes.slice(cyclesFrom))].sort((a, b) => a - b);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  check(gaps.every(g => g >= 0.8 * INTERVAL_S), `evaluation cycles are one interval apart, not one per replica (gaps ${gaps.map(g => g.toFixed(1)).join(', ')} s)`);

  // 5. Redis is the cache the replicas share: a latency answer cached by one is served by another.
  const rangeBefore = fake.rangeQueries;
  const first = await json(await api(r1, luis, `/models/default/${models[0]}/observability/latency?hours=6`));
  const second = await json(await api(r2, luis, `/models/default/${models[0]}/observability/latency?hours=6`));
  check(first.body?.state === 'ok' && second.body?.queriedAt === first.body?.queriedAt, 'a second replica answers the latency from the shared cache');
  check(fake.rangeQueries - rangeBefore === 2, `Prometheus was asked once (two quantiles: ${fake.rangeQueries - rangeBefore} range queries)`);
  const keys = execFileSync('redis-cli', ['-u', redisUrl, '--scan']).toString().trim().split('\n').filter(Boolean);
  check(keys.some(k => k.includes('models')), `the models plugin's cache entries are in Redis (${keys.length} keys)`);

  // 6. SIGTERM drains: readiness fails, the request in flight finishes, the process exits.
  fake.holding = true;
  const inFlight = api(r2, luis, `/models/default/${models[1]}/observability/latency?hours=3`).then(json);
  await until('the latency request to reach Prometheus', async () => fake.held.length > 0, 30);
  r2.child.kill('SIGTERM');
  const draining = await until('readiness to fail on SIGTERM', async () => (await fetch(`${r2.base}/.backstage/health/v1/readiness`)).status === 503, 30).catch(() => false);
  check(draining, 'readiness answers 503 while the replica drains');
  check((await fetch(`${r2.base}/.backstage/health/v1/liveness`)).status === 200, 'liveness still answers 200 while draining');
  release();
  const drained = await inFlight;
  check(drained.status === 200 && drained.body?.state === 'ok', `the request in flight at SIGTERM finished (${drained.status})`);
  const exit2 = await Promise.race([r2.exited, new Promise(r => setTimeout(() => r('timeout'), 60_000))]);
  check(exit2 !== 'timeout', `the replica exited after draining (${JSON.stringify(exit2)})`);

  // 7. SIGKILL in the middle of promotions: each is complete or absent; the others carry on.
  const pending = {};
  for (const name of models) {
    const path = `/models/default/${name}`;
    await api(r1, luis, `${path}/versions`, { method: 'POST', body: JSON.stringify({ version: '2.0.0', artifactUri: `s3://models/${name}/2.0.0`, framework: 'sklearn' }) });
    await api(r1, luis, `${path}/promotions`, { method: 'POST', body: JSON.stringify({ version: '2.0.0', environment: 'dev' }) });
    const staging = await json(await api(r1, luis, `${path}/promotions`, { method: 'POST', body: JSON.stringify({ version: '2.0.0', environment: 'staging' }) }));
    pending[name] = staging.body?.request?.id;
  }
  const killed = models.map(name => api(r3, jane, `/promotions/${pending[name]}/approve`, { method: 'POST', body: '{}' }).then(x => x.status, () => 'cut'));
  await Promise.race(killed);
  r3.child.kill('SIGKILL');
  const outcomes = await Promise.all(killed);
  let complete = 0;
  for (const name of models) {
    const state = (await json(await api(r1, luis, `/models/default/${name}/registry`))).body;
    const staging = state.environments.find(e => e.name === 'staging')?.current?.version;
    const stillPending = state.pendingRequests.find(p => p.id === pending[name]);
    const completed = (await audit(r1, name)).filter(e => e.action === 'promotion.completed' && e.after?.requestId === pending[name]).length;
    if (staging === '2.0.0') complete++;
    check(
      (staging === '2.0.0' && !stillPending && completed === 1) || (staging === '1.0.0' && stillPending && stillPending.decisions.length === 0 && completed === 0),
      `${name}: the promotion is complete or absent after SIGKILL (staging ${staging}, answer ${outcomes[models.indexOf(name)]})`,
    );
  }
  log(`${complete} of ${models.length} promotions completed before SIGKILL, ${models.length - complete} absent`);
  check((await verify(r1)).valid === true, 'the audit chain verifies after SIGKILL');
  for (const name of models) {
    const state = (await json(await api(r1, luis, `/models/default/${name}/registry`))).body;
    if (state.pendingRequests.some(p => p.id === pending[name])) {
      const { status } = await api(r1, jane, `/promotions/${pending[name]}/approve`, { method: 'POST', body: '{}' });
      check(status === 200, `${name}: the surviving replica promotes what the killed one left (${status})`);
    }
  }

  // What every history and audit answer is now; the restored database must answer the same (step 9).
  const answers = {};
  for (const name of models) {
    answers[name] = JSON.stringify({
      history: (await json(await api(r1, luis, `/models/default/${name}/history`))).body,
      audit: await audit(r1, name),
    });
  }

  // 8. The last replica stops on SIGTERM in the middle of an evaluation cycle whose Prometheus never answers (held
  // until the replica is gone), abandons the cycle and releases the task's lock before its database closes.
  fake.holding = true;
  await until('the last replica to run an evaluation cycle', async () => fake.held.length > 0, 150);
  r1.child.kill('SIGTERM');
  const exit1 = await Promise.race([r1.exited, new Promise(r => setTimeout(() => r('timeout'), 60_000))]);
  release();
  check(exit1 !== 'timeout', `the last replica exited (${JSON.stringify(exit1)})`);
  check(readFileSync(r1.log, 'utf8').includes('stopped: the backend is shutting down'), 'the last replica abandoned its evaluation cycle at shutdown');
  const locks = (await db.query(`SELECT id, current_run_ticket FROM backstage_backend_tasks__tasks WHERE id = 'models-observability'`)).rows;
  check(locks.length === 1 && locks[0].current_run_ticket === null, `the evaluation task's lock was released (${JSON.stringify(locks)})`);

  // 9. pg_dump of the populated registry, restored into a new database, answers the same.
  const dump = join(work, 'models.sql');
  execFileSync('pg_dump', ['--no-owner', '-f', dump, `${pgUrl}/${prefix}models`]);
  const admin = new pg.Client({ connectionString: `${pgUrl}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${restoredPrefix}models"`);
  await admin.end();
  execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-f', dump, `${pgUrl}/${restoredPrefix}models`], { stdio: ['ignore', 'ignore', 'inherit'] });
  const r4 = await startReplica('r4', { guest: LUIS, dbPrefix: restoredPrefix, prometheusUrl, clusters });
  check((await watchStartup(r4)).ready, 'a replica starts on the restored database');
  const luis4 = await token(r4);
  check((await verify(r4, luis4)).valid === true, 'the restored audit chain verifies');
  await until('the catalog of the restored replica to serve every Model', async () => {
    const res = await fetch(`${r4.base}/api/catalog/entities/by-query?filter=kind=model&limit=100`, { headers: { Authorization: `Bearer ${luis4}` } });
    return res.ok && (await res.json()).items.length === models.length;
  });
  for (const name of models) {
    const restored = JSON.stringify({
      history: (await json(await api(r4, luis4, `/models/default/${name}/history`))).body,
      audit: await audit(r4, name, luis4),
    });
    check(restored === answers[name], `${name}: the restored database answers the same history and audit trail`);
  }
  r4.child.kill('SIGTERM');
  await r4.exited;
  await db.end();
}

const cleanup = async () => {
  for (const c of children) c.kill('SIGKILL');
  fakeServer.close();
  const admin = new pg.Client({ connectionString: `${pgUrl}/postgres` });
  await admin.connect();
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix}%`]);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();
};

try {
  await main();
} catch (error) {
  failures.push(String(error?.stack ?? error));
  console.error(error);
} finally {
  await cleanup().catch(e => console.error('cleanup:', e));
}
if (failures.length) {
  console.error(`production test: ${failures.length} failed:\n- ${failures.join('\n- ')}`);
  console.error(`replica logs are in ${work}`);
  process.exit(1);
}
log('passed');
