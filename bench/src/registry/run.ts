/*
 * Registry read benchmark: the registry state of one model and a model's version list, against the catalog's
 * get-entity-by-name on the same backend, in the same run, over the same number of connections: throughput in a
 * closed loop (autocannon), latency in an open loop at fixed fractions of the catalog's throughput.
 * Usage: pnpm --filter @modelport/bench registry [--models 5000] [--versions 20] [--connections 50] [--seconds 10]
 *   [--rounds 3] [--loads 0.25,0.5] [--compare REV]
 * With `--compare REV`, a second backend runs the models backend's source at git revision REV (extracted into the
 * ignored bench/.compare/, resolving this workspace's dependencies), on the same core, with the same data; its
 * three endpoints join the rotation, so both revisions are measured in the same run against the same catalog.
 * Diagnostics: BENCH_CPU_PROF=dir writes a CPU profile of the backend; BENCH_NODE_FLAGS passes flags to the
 * backend's node (e.g. --trace-gc) and BENCH_BACKEND_LOG=file keeps what the backend prints.
 */
import autocannon from 'autocannon';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { latencyOf, openLoop } from './openLoop';
import { median } from '../median';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: '5000' },
    versions: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    // Open-loop rates for the latency phase, as fractions of the catalog's closed-loop throughput.
    loads: { type: 'string', default: '0.25,0.5' },
    compare: { type: 'string' },
  },
});
const models = Number(values.models);
const port = 7037;
const comparePort = 7038;
const token = 'bench-static-token-0123456789';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modelport-bench-registry-'));

const catalogFile = path.join(dir, 'models.yaml');
fs.writeFileSync(
  catalogFile,
  Array.from({ length: models }, (_, i) =>
    yaml.dump({
      apiVersion: 'modelport.io/v1alpha1',
      kind: 'Model',
      metadata: { name: `model-${i}` },
      spec: {
        type: 'classification',
        lifecycle: 'production',
        owner: `group:team-${i % 50}`,
      },
    }),
  ).join('---\n'),
);

function configFor(listenPort: number) {
  const file = path.join(dir, `app-config-${listenPort}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      backend: {
        baseUrl: `http://localhost:${listenPort}`,
        listen: { port: listenPort, host: '127.0.0.1' },
        database: { client: 'better-sqlite3', connection: ':memory:' },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'bench' } },
          ],
        },
      },
      // Entities are processed once at start; a re-processing pass over 5,000 entities in the middle of a
      // measurement would load the one database connection for whichever endpoint is being measured then.
      catalog: {
        rules: [{ allow: ['Model', 'Location'] }],
        locations: [{ type: 'file', target: catalogFile }],
        processingInterval: { hours: 6 },
      },
    }),
  );
  return file;
}

// With two or more cores the backend runs on one core and the load generator on another, so that the load
// generator's own CPU time does not show up as the backend's latency.
const pinned =
  os.cpus().length >= 2 && spawnSync('taskset', ['--version']).status === 0;
if (pinned)
  spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], {
    stdio: 'ignore',
  });

/** The models backend's source at another revision, extracted once into bench/.compare/. */
function modelsBackendAt(rev: string): string {
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  const target = path.join(root, 'bench', '.compare', rev.replace(/[^A-Za-z0-9._-]/g, '_'));
  if (!fs.existsSync(target)) {
    fs.mkdirSync(target, { recursive: true });
    execFileSync('bash', ['-c', `git -C "${root}" archive "${rev}" plugins/models-backend/src | tar -x -C "${target}"`]);
    // The workspace's own packages are linked per package, not hoisted: the extracted source finds them here.
    fs.symlinkSync(path.join(root, 'plugins/models-backend/node_modules'), path.join(target, 'plugins/models-backend/node_modules'));
  }
  return path.join(target, 'plugins/models-backend/src');
}

async function startBackend(listenPort: number, modelsBackend?: string) {
  const command = [
    process.execPath,
    // BENCH_CPU_PROF=dir writes a CPU profile of the backend there when it stops.
    ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []),
    ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
    '--require',
    require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    path.join(__dirname, 'worker.ts'),
    '--config',
    configFor(listenPort),
  ];
  const [file, ...args] = pinned ? ['taskset', '-c', '1', ...command] : command;
  const child = spawn(file, args, {
    env: {
      ...process.env,
      BENCH_MODELS: String(models),
      BENCH_VERSIONS: values.versions,
      ...(modelsBackend ? { BENCH_MODELS_BACKEND: modelsBackend } : {}),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pending = new Set(['seeded', 'catalog-ready']);
  await new Promise<void>((resolve, reject) => {
    child.on('exit', code => reject(new Error(`backend exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (process.env.BENCH_BACKEND_LOG) fs.appendFileSync(process.env.BENCH_BACKEND_LOG, chunk);
      for (const line of chunk.toString().split('\n'))
        pending.delete(line.trim());
      if (!pending.size) resolve();
    });
  });
  child.removeAllListeners('exit');
  return child;
}

/** Requests are spread over all models: a stride that is prime to the number of models visits each in turn. */
const modelAt = (n: number) => (n * 7919) % models;
const headers = { authorization: `Bearer ${token}` };

/** The run whose figures are each the median of the runs' (numbers only; the rest from the first run). */
function medianRun<R extends object>(runs: R[]): R {
  const result: Record<string, unknown> = { ...(runs[0] as Record<string, unknown>) };
  for (const [key, value] of Object.entries(runs[0]))
    if (typeof value === 'number') result[key] = median(runs.map(r => (r as unknown as Record<string, number>)[key]));
  return result as R;
}

/** Closed loop: every connection sends its next request as soon as the previous one is answered (throughput). */
async function load(
  name: string,
  pathFor: (model: number) => string,
  origin: string,
  seconds = Number(values.seconds),
) {
  let n = 0;
  const result = await autocannon({
    url: origin,
    connections: Number(values.connections),
    duration: seconds,
    headers,
    requests: [
      {
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          path: pathFor(modelAt(n++)),
        }),
      },
    ],
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures) throw new Error(`${name}: ${failures} failed requests`);
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
  };
}

async function main() {
  const started = Date.now();
  // Both backends ingest at once; if one fails to start, the other is stopped before the error is reported.
  const starting = [startBackend(port), ...(values.compare ? [startBackend(comparePort, modelsBackendAt(values.compare))] : [])];
  const outcomes = await Promise.allSettled(starting);
  const backends = outcomes.flatMap(s => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = outcomes.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    for (const backend of backends) backend.kill();
    throw failed.reason;
  }
  console.error(
    `${backends.length} backend(s) ready with ${models} models in ${(
      (Date.now() - started) /
      1000
    ).toFixed(0)} s`,
  );
  try {
    const endpointsOf = (origin: string, suffix: string): Array<[string, (m: number) => string, string]> => [
      [
        `catalog get-entity-by-name${suffix}`,
        m => `/api/catalog/entities/by-name/model/default/model-${m}`,
        origin,
      ],
      [
        `registry state of one model${suffix}`,
        m => `/api/models/models/default/model-${m}/registry`,
        origin,
      ],
      [
        `a model's version list${suffix}`,
        m => `/api/models/models/default/model-${m}/versions`,
        origin,
      ],
    ];
    const endpoints = [
      ...endpointsOf(`http://127.0.0.1:${port}`, ''),
      ...(values.compare ? endpointsOf(`http://127.0.0.1:${comparePort}`, ` @ ${values.compare}`) : []),
    ];
    // Rounds rotate the order of the endpoints so that warm-up and drift of the machine fall on all of them.
    // Closed-loop figures are medians over the rounds; open-loop percentiles are over all the rounds' requests.
    const rounds = Number(values.rounds);
    async function rotate<R extends object>(run: (endpoint: (typeof endpoints)[number]) => Promise<R>) {
      const runs: R[][] = endpoints.map(() => []);
      for (let round = 0; round < rounds; round++) {
        for (let k = 0; k < endpoints.length; k++) {
          const e = (k + round) % endpoints.length;
          runs[e].push(await run(endpoints[e]));
        }
      }
      return runs;
    }
    // Warm-up, not measured: the first seconds of each endpoint run through the JIT and fill the caches.
    for (const [name, pathFor, origin] of endpoints) await load(name, pathFor, origin, 3);
    const saturated = (await rotate(([name, pathFor, origin]) => load(name, pathFor, origin))).map(runs => medianRun(runs));
    const [catalog, state, versions, compareCatalog, compareState, compareVersions] = saturated;
    // Latency below saturation: every endpoint at the same open-loop rates, fractions of what the catalog
    // sustained closed loop, over the same number of connections.
    const latency = [];
    for (const load of values.loads.split(',').map(Number)) {
      const rate = Math.round(catalog.requestsPerSecond * load);
      const runs = await rotate(([, pathFor, origin]) =>
        openLoop({
          origin,
          connections: Number(values.connections),
          rate,
          seconds: Number(values.seconds),
          headers,
          pathFor: n => pathFor(modelAt(n)),
        }),
      );
      const endpointsAtRate = runs.map((r, e) => {
        const failures = r.reduce((n, run) => n + run.failures, 0);
        if (failures) throw new Error(`${endpoints[e][0]} at ${rate} req/s: ${failures} failed requests`);
        return { name: endpoints[e][0], achievedRate: medianRun(r).achievedRate, ...latencyOf(r) };
      });
      latency.push({ load, rate, endpoints: endpointsAtRate });
    }
    console.log(
      JSON.stringify(
        {
          command: `pnpm --filter @modelport/bench registry --models ${models} --versions ${values.versions} --connections ${values.connections} --seconds ${values.seconds} --rounds ${values.rounds} --loads ${values.loads}${values.compare ? ` --compare ${values.compare}` : ''}`,
          machine: `${os.cpus().length} x ${os.cpus()[0].model}, ${Math.round(
            os.totalmem() / 2 ** 30,
          )} GiB, Node ${process.version}`,
          cores: pinned
            ? 'backend on core 1, load generator on core 0'
            : 'backend and load generator share the cores',
          saturated,
          latency,
          throughputVsCatalog: {
            state: state.requestsPerSecond / catalog.requestsPerSecond,
            versions: versions.requestsPerSecond / catalog.requestsPerSecond,
            ...(compareCatalog
              ? {
                  [`state @ ${values.compare}`]: compareState.requestsPerSecond / compareCatalog.requestsPerSecond,
                  [`versions @ ${values.compare}`]: compareVersions.requestsPerSecond / compareCatalog.requestsPerSecond,
                }
              : {}),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    for (const backend of backends) backend.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
