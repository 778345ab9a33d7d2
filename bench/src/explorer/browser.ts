/*
 * The models explorer in headless Chromium with N models in the portal: the real backend (catalog, models backend,
 * permissions) serving the built frontend, PostgreSQL, the catalog holding N Model entities, and the registry and
 * snapshots of every one seeded into the models backend's database before it starts (a version current in dev and
 * prod, a pending promotion for one in twenty, an SLO and drift snapshot). Measures, for each navigation from a blank
 * page, the time from the navigation's start until the explorer's first page is rendered and usable (the frame that
 * first shows a model's row with the search box enabled, by the page's own clock), against, as the baseline in the
 * same run, the catalog's own table filtered to the Model kind (the page engineers browsed models with before) until
 * the frame that first shows a model. (The fleet page, which loads the whole fleet, showed no row within 5 minutes
 * at 10,000 models on this machine, so it is no usable baseline.) Rounds alternate the two pages; the first round of
 * each is a cold cache.
 * Needs the frontend built (cd packages/app && backstage-cli package build) and Debian's chromium.
 * Usage: pnpm --filter @modelport/bench explorer-browser [--models 10000] [--rounds 7] [--trace file.json]
 *   --trace writes a Chromium trace (timeline and JavaScript samples) of one more explorer navigation after the
 *   rounds, to open in Chrome DevTools' Performance panel.
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
    trace: { type: 'string' },
  },
});
const count = Number(values.models);
const rounds = Number(values.rounds);
const root = path.resolve(__dirname, '../../..');
const port = 7037;
const base = `http://localhost:${port}`;
const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?? 'postgresql://postgres@127.0.0.1:5432';
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
  const refs = Array.from({ length: count }, (_, i) => `model:default/model-${i}`);
  const insert = (table: string, rows: object[]) => knex.batchInsert(table, rows, 500);
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
          externalAccess: [{ type: 'static', options: { token, subject: 'bench' } }],
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

/**
 * Runs in each page before the app's own code: at every animation frame until the page is usable, checks whether it
 * is, and keeps the time (from the navigation's start, by the page's own clock) of the frame that first shows it
 * usable. The explorer: a model's row in the table and the search box enabled; the catalog: a model's link. This is
 * the goal's figure; Playwright's waits, a round trip to the browser per check, come on top in the outer figure.
 */
function watchUsable() {
  const usable = () => {
    if (location.pathname === '/models') {
      const search = document.querySelector('input[type="search"]') as HTMLInputElement | null;
      return !!document.querySelector('table[aria-label="Models"] [role="rowheader"]') && !!search && !search.disabled;
    }
    if (location.pathname === '/models/fleet') return !!document.querySelector('table tbody tr a');
    if (location.pathname === '/catalog') return [...document.querySelectorAll('table a')].some(a => /^Model \d+ of team/.test(a.textContent ?? ''));
    return false;
  };
  const frame = () => {
    if (usable()) (window as { usableAt?: number }).usableAt = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** CPU seconds used so far by the processes of a process group (the backend and its children), from /proc. */
function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // The fields after the command's closing parenthesis: state, ppid, pgrp, ..., utime (14th) and stime (15th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100; // USER_HZ, 100 on Linux
}

/**
 * Waits until the backend is settled: the catalog has done processing the new entities (it keeps both cores busy
 * for minutes after 10,000 arrive) and uses less than a third of a core over two windows of 10 s running. The
 * seconds waited.
 */
async function settle(pgid: number): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  let before = groupCpuSeconds(pgid);
  while (quiet < 2 && Date.now() - started < 900_000) {
    await new Promise(resolve => setTimeout(resolve, 10_000));
    const now = groupCpuSeconds(pgid);
    const cores = (now - before) / 10;
    before = now;
    quiet = cores < 0.33 ? quiet + 1 : 0;
    console.error(`backend: ${cores.toFixed(2)} cores busy`);
  }
  return Math.round((Date.now() - started) / 1000);
}

let backendExited = false;

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, seconds: number): Promise<T> {
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
    throw new Error('Build the frontend first: cd packages/app && backstage-cli package build');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modelport-bench-browser-'));
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
      ['package', 'start', '--config', path.join(root, 'app-config.yaml'), '--config', configFile(dir, catalogFile)],
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
    console.error(`catalog: ${count} models after ${Math.round((Date.now() - started) / 1000)} s`);
    await until(
      'the explorer index',
      () => api('/api/models/explorer?limit=1'),
      (r: { totalItems: number }) => r.totalItems >= count,
      600,
    );
    console.error(`explorer index: ${count} models after ${Math.round((Date.now() - started) / 1000)} s`);

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    const page = await browser.newPage({
      viewport: { width: 1600, height: 1000 },
    });
    await page.addInitScript(watchUsable);
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('button', { name: 'Enter' }).waitFor({ state: 'detached' });
    type Target = 'explorer' | 'catalog';
    type Rounds = { inPage: Record<Target, number[]>; outer: Record<Target, number[]>; phases: Array<{ requested: number; answered: number; shown: number }> };
    /** One navigation from a blank page to the target, into the rounds' figures. */
    const measure = async (target: Target, into: Rounds) => {
      await page.goto('about:blank');
      const t0 = Date.now();
      if (target === 'explorer') {
        await page.goto(`${base}/models`, { waitUntil: 'commit' });
        await page.getByRole('table', { name: 'Models' }).getByRole('rowheader').first().waitFor({ timeout: 120_000 });
        const search = page.getByRole('searchbox', { name: 'Search models' });
        await search.waitFor();
        if (!(await search.isEnabled())) await page.waitForFunction(() => !(document.querySelector('input[type=search]') as HTMLInputElement | null)?.disabled);
      } else {
        // The page engineers had to browse models with: the catalog's table, filtered to the Model kind.
        await page.goto(`${base}/catalog?filters%5Bkind%5D=model&filters%5Buser%5D=all`, { waitUntil: 'commit' });
        await page
          .getByRole('link', { name: /^Model \d+ of team/ })
          .first()
          .waitFor({ timeout: 300_000 });
      }
      into.outer[target].push((Date.now() - t0) / 1000);
      const usableAt = (await (await page.waitForFunction(() => (window as { usableAt?: number }).usableAt)).jsonValue()) as number;
      into.inPage[target].push(usableAt / 1000);
      if (target === 'explorer') {
        // Where the time went, as the page itself saw it (milliseconds from the navigation's start).
        into.phases.push(
          await page.evaluate(() => {
            const call = performance.getEntriesByType('resource').find(e => /\/api\/models\/explorer(\?|$)/.test(e.name)) as
              | PerformanceResourceTiming
              | undefined;
            return { requested: call?.startTime ?? NaN, answered: call?.responseEnd ?? NaN, shown: (window as { usableAt?: number }).usableAt ?? NaN };
          }),
        );
      }
      return usableAt / 1000;
    };
    /** `rounds` rounds, alternating which page goes first, and how busy the backend was meanwhile (cores). */
    const measureRounds = async (label: string): Promise<Rounds & { backendCores: number }> => {
      const into: Rounds = { inPage: { explorer: [], catalog: [] }, outer: { explorer: [], catalog: [] }, phases: [] };
      const [cpu0, t0] = [groupCpuSeconds(backend!.pid!), Date.now()];
      for (let round = 0; round < rounds; round++) {
        for (const target of round % 2 ? (['catalog', 'explorer'] as const) : (['explorer', 'catalog'] as const)) {
          console.error(`${label}, round ${round + 1}: ${target} ${(await measure(target, into)).toFixed(2)} s`);
        }
      }
      return { ...into, backendCores: (groupCpuSeconds(backend!.pid!) - cpu0) / ((Date.now() - t0) / 1000) };
    };
    // The caches are cold once, in the first set only.
    const busy = await measureRounds('first set');
    const settledAfter = await settle(backend.pid!);
    const settled = await measureRounds('second set');
    // The fleet page, all owners: it reads the whole fleet in one answer and pages it in the browser.
    const fleet: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto('about:blank');
      await page.goto(`${base}/models/fleet?owner=all`, { waitUntil: 'commit' });
      fleet.push(
        ((await (await page.waitForFunction(() => (window as { usableAt?: number }).usableAt, undefined, { timeout: 300_000 })).jsonValue()) as number) / 1000,
      );
      console.error(`fleet page ${i + 1}: ${fleet.at(-1)!.toFixed(2)} s`);
    }
    if (values.trace) {
      // Browser-wide tracing, as the navigation from about:blank moves the page into a new renderer process.
      await browser.startTracing(page, {
        path: values.trace,
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'disabled-by-default-v8.cpu_profiler',
          'v8.execute',
          'blink.user_timing',
          'loading',
        ],
      });
      const traced: Rounds = { inPage: { explorer: [], catalog: [] }, outer: { explorer: [], catalog: [] }, phases: [] };
      console.error(`traced: explorer ${(await measure('explorer', traced)).toFixed(2)} s`);
      await browser.stopTracing();
    }
    await browser.close();

    const cpu = os.cpus();
    console.log(`machine: ${cpu.length} x ${cpu[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL, Chromium headless`);
    console.log("| backend busy during the rounds | page | first round | median of the others | slowest of the others | median with Playwright's waits |");
    console.log('| --- | --- | --- | --- | --- | --- |');
    const title = { explorer: 'explorer, first page of 25 rows (`/models`)', catalog: "baseline: the catalog's table filtered to Models (`/catalog`)" };
    const rest = <T>(xs: T[]) => xs.slice(1);
    const sets = [
      [`right after the index caught up: ${busy.backendCores.toFixed(2)} cores`, busy],
      [`once quiet, ${settledAfter} s later: ${settled.backendCores.toFixed(2)} cores`, settled],
    ] as const;
    for (const [label, set] of sets) {
      for (const target of ['explorer', 'catalog'] as const) {
        const xs = set.inPage[target];
        const cells = [xs[0], median(rest(xs)), Math.max(...rest(xs)), median(rest(set.outer[target]))].map(x => `${x.toFixed(2)} s`);
        console.log(`| ${label} | ${title[target]} | ${cells.join(' | ')} |`);
      }
    }
    for (const [label, set] of sets) {
      const later = rest(set.phases);
      const ms = (xs: number[]) => median(xs).toFixed(0);
      console.log(
        `explorer, ${label}, medians after the first round: rows asked for ${ms(later.map(p => p.requested))} ms after the navigation began, ` +
          `answered ${ms(later.map(p => p.answered - p.requested))} ms later, on screen at ${ms(later.map(p => p.shown))} ms; ` +
          `ratio catalog / explorer ${(median(rest(set.inPage.catalog)) / median(rest(set.inPage.explorer))).toFixed(1)}x`,
      );
    }
    console.log(`fleet page, all owners, first rows on screen (3 rounds): ${fleet.map(x => `${x.toFixed(2)} s`).join(', ')}`);
    const apiMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await api(`/api/models/explorer?limit=50&sort=slo&order=desc&riskLevel=high`);
      apiMs.push(performance.now() - t);
    }
    console.log(`GET /api/models/explorer (filtered, sorted, 50 rows) from Node on the same machine: median ${median(apiMs).toFixed(1)} ms of 20`);
  } finally {
    try {
      if (backend?.pid) process.kill(-backend.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise(resolve => setTimeout(resolve, 3000));
    await knex?.destroy();
    const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
    const { rows } = await admin.raw('SELECT datname FROM pg_database WHERE datname LIKE ?', [`${prefix}%`]);
    for (const { datname } of rows) await admin.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
    await admin.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
