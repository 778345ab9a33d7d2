/*
 * The models explorer in headless Chromium with N models in the portal: the real backend (catalog, models backend,
 * permissions) serving the built frontend, PostgreSQL, the catalog holding N Model entities, and the registry and
 * snapshots of every one seeded into the models backend's database before it starts (a version current in dev and
 * prod, a pending promotion for one in twenty, an SLO and drift snapshot). Measures, for each navigation, the time
 * from navigation start until the explorer's first page is rendered and interactive (its first row shown and the
 * search box enabled), against, as the baseline in the same run, the catalog's own table filtered to the Model
 * kind (the page engineers browsed models with before) to its first model. (The fleet page, which loads the whole
 * fleet, showed no row within 5 minutes at 10,000 models on this machine, so it is no usable baseline.) Rounds alternate the two pages; the first round of each is a cold cache.
 * Needs the frontend built (cd packages/app && backstage-cli package build) and Debian's chromium.
 * Usage: pnpm --filter @modelport/bench explorer-browser [--models 10000] [--rounds 7]
 */
import { chromium } from '@playwright/test';
import { migrateModelsDatabase } from '@modelport/plugin-models-backend/src/database/migrations';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import knexFactory, { type Knex } from 'knex';
import { median } from '../median';
import { benchModel } from './fleet';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '7' },
  },
});
const count = Number(values.models);
const rounds = Number(values.rounds);
const root = path.resolve(__dirname, '../../..');
const port = 7037;
const base = `http://localhost:${port}`;
const url =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';
const prefix = `modelport_bench_browser_${process.pid}_`;
const token = randomBytes(24).toString('hex');
const at = new Date().toISOString();

async function seedModelsDatabase() {
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
  await admin.raw('CREATE DATABASE ??', [`${prefix}models`]);
  await admin.destroy();
  const knex = knexFactory({
    client: 'pg',
    connection: `${url}/${prefix}models`,
  });
  await migrateModelsDatabase(knex);
  const refs = Array.from(
    { length: count },
    (_, i) => `model:default/model-${i}`,
  );
  const insert = (table: string, rows: object[]) =>
    knex.batchInsert(table, rows, 500);
  await insert(
    'model_versions',
    refs.map((ref, i) => ({
      model_ref: ref,
      version: `1.${i % 5}.0`,
      artifact_uri: `s3://models/${i}/model.onnx`,
      framework: 'xgboost',
      metrics: '{"auc":0.9}',
      parameters: '{}',
      tags: '[]',
      registered_by: 'user:default/bench',
      registered_at: at,
    })),
  );
  await insert(
    'environment_assignments',
    refs.flatMap((ref, i) =>
      ['dev', 'prod'].map(environment => ({
        model_ref: ref,
        environment,
        version: `1.${i % 5}.0`,
        since: at,
        assigned_by: 'user:default/bench',
        cause: 'promotion',
      })),
    ),
  );
  await insert(
    'promotion_requests',
    refs
      .filter((_, i) => i % 20 === 0)
      .map((ref, i) => ({
        id: `bench-${i}`,
        model_ref: ref,
        version: '1.0.0',
        to_environment: 'staging',
        status: 'pending',
        requested_by: 'user:default/bench',
        requested_at: at,
      })),
  );
  const states = ['ok', 'ok', 'ok', 'warning', 'critical'];
  await insert(
    'observability_snapshots',
    refs.map((ref, i) => ({
      model_ref: ref,
      evaluated_at: at,
      payload: JSON.stringify({
        modelRef: ref,
        evaluatedAt: at,
        prometheus: 'default',
        slo: {
          state: states[i % 5],
          objectives: [
            {
              name: 'availability',
              indicator: 'availability',
              objective: 0.999,
              window: '30d',
              state: states[i % 5],
              budgetRemaining: (i % 100) / 100,
              burnRates: [],
            },
          ],
        },
        drift: {
          state: i % 13 === 0 ? 'drifted' : 'ok',
          window: '1d',
          reference: { kind: 'training' },
          features: [],
        },
      }),
    })),
  );
  return knex;
}

function configFile(dir: string, catalogFile: string) {
  const file = path.join(dir, 'bench.yaml');
  fs.writeFileSync(
    file,
    yaml.dump({
      app: { baseUrl: base },
      backend: {
        baseUrl: base,
        listen: { port, host: '127.0.0.1' },
        cors: { origin: base },
        database: { client: 'pg', connection: url, prefix },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'bench' } },
          ],
        },
      },
      catalog: {
        locations: [
          { type: 'file', target: catalogFile },
          {
            type: 'file',
            target: path.join(root, 'examples/org.yaml'),
            rules: [{ allow: ['Group', 'User'] }],
          },
        ],
      },
      // A Prometheus that does not answer: the seeded snapshots are shown as the last figures, marked stale.
      models: {
        prometheus: {
          instances: [{ name: 'default', url: 'http://127.0.0.1:9' }],
        },
        explorer: { intervalSeconds: 60 },
      },
    }),
  );
  return file;
}

let backendExited = false;

async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  seconds: number,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    if (backendExited) throw new Error(`The backend exited while waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

async function main() {
  if (!fs.existsSync(path.join(root, 'packages/app/dist/index.html')))
    throw new Error(
      'Build the frontend first: cd packages/app && backstage-cli package build',
    );
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'modelport-bench-browser-'),
  );
  const catalogFile = path.join(dir, 'models.yaml');
  fs.writeFileSync(
    catalogFile,
    Array.from({ length: count }, (_, i) => {
      const { relations: _relations, ...entity } = benchModel(i);
      return yaml.dump(entity);
    }).join('---\n'),
  );
  let knex: Knex | undefined;
  let backend: ReturnType<typeof spawn> | undefined;
  const started = Date.now();
  try {
    knex = await seedModelsDatabase();
    backend = spawn(
      path.join(root, 'node_modules/.bin/backstage-cli'),
      [
        'package',
        'start',
        '--config',
        path.join(root, 'app-config.yaml'),
        '--config',
        configFile(dir, catalogFile),
      ],
      {
        cwd: path.join(root, 'packages/backend'),
        env: { ...process.env, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'inherit'],
        detached: true,
      },
    );
    backend.on('exit', () => {
      backendExited = true;
    });
    const api = async (p: string) => {
      const response = await fetch(`${base}${p}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    };
    await until(
      'the catalog',
      () => api('/api/catalog/entities/by-query?filter=kind=model&limit=1'),
      (r: { totalItems: number }) => r.totalItems >= count,
      1800,
    );
    console.error(
      `catalog: ${count} models after ${Math.round(
        (Date.now() - started) / 1000,
      )} s`,
    );
    await until(
      'the explorer index',
      () => api('/api/models/explorer?limit=1'),
      (r: { totalItems: number }) => r.totalItems >= count,
      600,
    );
    console.error(
      `explorer index: ${count} models after ${Math.round(
        (Date.now() - started) / 1000,
      )} s`,
    );

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    const page = await browser.newPage({
      viewport: { width: 1600, height: 1000 },
    });
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('button', { name: 'Enter' })
      .waitFor({ state: 'detached' });
    const measure = async (target: 'explorer' | 'catalog') => {
      await page.goto('about:blank');
      const t0 = Date.now();
      if (target === 'explorer') {
        await page.goto(`${base}/models`, { waitUntil: 'commit' });
        await page
          .getByRole('table', { name: 'Models' })
          .getByRole('rowheader')
          .first()
          .waitFor({ timeout: 120_000 });
        const search = page.getByRole('searchbox', { name: 'Search models' });
        await search.waitFor();
        if (!(await search.isEnabled()))
          await page.waitForFunction(
            () =>
              !(
                document.querySelector(
                  'input[type=search]',
                ) as HTMLInputElement | null
              )?.disabled,
          );
      } else {
        // The page engineers had to browse models with: the catalog's table, filtered to the Model kind.
        await page.goto(
          `${base}/catalog?filters%5Bkind%5D=model&filters%5Buser%5D=all`,
          { waitUntil: 'commit' },
        );
        await page
          .getByRole('link', { name: /^Model \d+ of team/ })
          .first()
          .waitFor({ timeout: 300_000 });
      }
      const seconds = (Date.now() - t0) / 1000;
      if (target === 'explorer') {
        // Where the time went, as the page itself saw it (milliseconds from the navigation's start).
        phases.push(
          await page.evaluate(() => {
            const call = performance
              .getEntriesByType('resource')
              .find(e => /\/api\/models\/explorer(\?|$)/.test(e.name)) as PerformanceResourceTiming | undefined;
            return { requested: call?.startTime ?? NaN, answered: call?.responseEnd ?? NaN, shown: performance.now() };
          }),
        );
      }
      return seconds;
    };
    const phases: Array<{ requested: number; answered: number; shown: number }> = [];
    const samples: Record<'explorer' | 'catalog', number[]> = {
      explorer: [],
      catalog: [],
    };
    for (let round = 0; round < rounds; round++) {
      for (const target of round % 2
        ? (['catalog', 'explorer'] as const)
        : (['explorer', 'catalog'] as const)) {
        const seconds = await measure(target);
        samples[target].push(seconds);
        console.error(`round ${round + 1}: ${target} ${seconds.toFixed(2)} s`);
      }
    }
    await browser.close();
    const warm = (xs: number[]) => xs.slice(1);
    console.log(
      `machine: ${os.cpus().length} x ${os.cpus()[0].model}, ${Math.round(
        os.totalmem() / 2 ** 30,
      )} GiB, Node ${process.version}, PostgreSQL, Chromium headless`,
    );
    console.log(
      '| page | first (cold cache) | median of the others | max of the others |\n| --- | --- | --- | --- |',
    );
    for (const target of ['explorer', 'catalog'] as const) {
      const xs = samples[target];
      console.log(
        `| ${
          target === 'explorer'
            ? 'explorer, first page of 50 (/models)'
            : 'baseline: the catalog filtered to Models (/catalog)'
        } | ${xs[0].toFixed(2)} s | ${median(warm(xs)).toFixed(
          2,
        )} s | ${Math.max(...warm(xs)).toFixed(2)} s |`,
      );
    }
    const later = phases.slice(1);
    console.log(
      `explorer, median of the warm rounds: the page asked for its rows ${median(later.map(p => p.requested)).toFixed(0)} ms after navigation (the app's start), the answer took ${median(later.map(p => p.answered - p.requested)).toFixed(0)} ms, the rows showed ${median(later.map(p => p.shown - p.answered)).toFixed(0)} ms after it`,
    );
    const apiMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await api(`/api/models/explorer?limit=50&sort=slo&order=desc&riskLevel=high`);
      apiMs.push(performance.now() - t);
    }
    console.log(`GET /api/models/explorer (filtered, sorted, 50 rows) from Node on the same machine: median ${median(apiMs).toFixed(1)} ms of 20`);
    console.log(
      `ratio (catalog / explorer, medians): ${(
        median(warm(samples.catalog)) / median(warm(samples.explorer))
      ).toFixed(1)}x`,
    );
  } finally {
    try {
      if (backend?.pid) process.kill(-backend.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise(resolve => setTimeout(resolve, 3000));
    await knex?.destroy();
    const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
    const { rows } = await admin.raw(
      'SELECT datname FROM pg_database WHERE datname LIKE ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows)
      await admin.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
    await admin.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
