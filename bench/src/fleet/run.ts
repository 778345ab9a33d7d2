/*
 * Fleet evaluation against a real Prometheus: N models with 30 days of KServe request metrics and feature
 * distributions (the last day every 5 minutes, the days before hourly), backfilled with promtool. Measures the
 * scheduled evaluation (evaluateFleet: one query per window for the whole fleet) and, as the baseline in the same
 * run, the same evaluation one model at a time on a sample of the fleet.
 * With `--custom N`, the first N models also have a custom objective over their own request counters, and with
 * `--broken M` the first M of those a custom query that Prometheus fails at run time (many-to-many matching), to
 * measure what custom-query models cost and what isolating a failing one costs, next to the fleet without them.
 * With `--compare REV`, the evaluation of the models backend at git revision REV runs in the same process against
 * the same Prometheus, in rounds alternating with this one's, and both medians are reported.
 * Usage: pnpm --filter @modelport/bench fleet [--models 1000] [--days 30] [--rounds 3] [--baseline 20] [--custom 0]
 *   [--broken 0] [--compare REV]
 */
import type { ModelEntityV1alpha1 } from '@modelport/plugin-models-common';
import { evaluateFleet } from '@modelport/plugin-models-backend/src/observability/evaluateFleet';
import { targetOf } from '@modelport/plugin-models-backend/src/observability/targets';
import { PrometheusClient } from '@modelport/plugin-models-backend/src/prometheus/PrometheusClient';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { median } from '../median';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: '1000' },
    days: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '3' },
    baseline: { type: 'string', default: '20' },
    // Keeps the backfilled and compacted data here between runs (it is written only when the folder is new).
    'data-dir': { type: 'string' },
    custom: { type: 'string', default: '0' },
    broken: { type: 'string', default: '0' },
    compare: { type: 'string' },
  },
});
const models = Number(values.models);
const days = Number(values.days);
const rounds = Number(values.rounds);
const t0 = Math.floor(Date.parse('2026-11-20T12:00:00Z') / 1000);
const port = 9477;

const custom = Number(values.custom);
const broken = Number(values.broken);

function customObjective(i: number) {
  const requests = `revision_app_request_count{service_name="model-${i}-predictor"`;
  const good = i < broken
    ? `sum(increase(revision_app_request_count[{{.window}}]) / on () increase(revision_app_request_count[{{.window}}]))`
    : `sum(increase(${requests}, response_code_class="2xx"}[{{.window}}]))`;
  return { name: 'successful-requests', indicator: 'custom' as const, objective: 0.99, window: '7d', query: { good, total: `sum(increase(${requests}}[{{.window}}]))` } };
}

function model(i: number): ModelEntityV1alpha1 {
  return {
    apiVersion: 'modelport.io/v1alpha1',
    kind: 'Model',
    metadata: { name: `model-${i}`, namespace: 'default' },
    spec: {
      type: 'classification',
      lifecycle: 'production',
      owner: `group:default/team-${i % 50}`,
      monitoring: { features: [{ name: 'amount', type: 'numerical' }, { name: 'segment', type: 'categorical' }] },
      slos: [
        { name: 'availability', objective: 0.999, window: '30d' },
        { name: 'latency', objective: 0.99, thresholdMs: 300, window: '30d' },
        ...(i < custom ? [customObjective(i)] : []),
      ],
    },
  };
}

/** Per model and second: requests, error share, share under 300 ms; every tenth model fails 2%. */
function lines(i: number, t: number): string {
  const rate = 5 + (i % 7);
  const errors = i % 10 === 0 ? 0.02 : 0.0004;
  const elapsed = t - (t0 - days * 86_400);
  const total = rate * elapsed;
  const svc = `service_name="model-${i}-predictor",namespace_name="models"`;
  const feature = (le: string, share: number) => `modelport_feature_value_bucket{model="model-${i}",feature="amount",le="${le}"} ${total * share} ${t}`;
  return [
    `revision_app_request_count{${svc},response_code_class="2xx"} ${total * (1 - errors)} ${t}`,
    `revision_app_request_count{${svc},response_code_class="5xx"} ${total * errors} ${t}`,
    `revision_app_request_latencies_bucket{${svc},le="300"} ${total * 0.998} ${t}`,
    `revision_app_request_latencies_bucket{${svc},le="+Inf"} ${total} ${t}`,
    `revision_app_request_latencies_count{${svc}} ${total} ${t}`,
    feature('10', 0.2),
    feature('50', 0.6),
    feature('100', 0.9),
    feature('+Inf', 1),
    `modelport_feature_category_total{model="model-${i}",feature="segment",category="retail"} ${total * 0.7} ${t}`,
    `modelport_feature_category_total{model="model-${i}",feature="segment",category="business"} ${total * 0.3} ${t}`,
  ].join('\n');
}

/** One OpenMetrics file and one promtool run per day: promtool parses its whole input once per 2-hour block. */
function backfill(dataDir: string, workDir: string) {
  for (let day = days - 1; day >= 0; day--) {
    const file = path.join(workDir, `day-${day}.om`);
    const fd = fs.openSync(file, 'w');
    const step = day === 0 ? 300 : 3600;
    const end = t0 - day * 86_400;
    for (let t = end - 86_400 + step; t <= end; t += step) {
      const chunk: string[] = [];
      for (let i = 0; i < models; i++) chunk.push(lines(i, t));
      fs.writeSync(fd, `${chunk.join('\n')}\n`);
    }
    fs.writeSync(fd, '# EOF\n');
    fs.closeSync(fd);
    execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, dataDir]);
    fs.rmSync(file);
  }
}

async function startPrometheus(dataDir: string, workDir: string) {
  fs.writeFileSync(path.join(workDir, 'prometheus.yml'), 'global:\n  evaluation_interval: 1h\n');
  const child = spawn(
    'prometheus',
    [`--config.file=${path.join(workDir, 'prometheus.yml')}`, `--storage.tsdb.path=${dataDir}`, '--storage.tsdb.retention.time=100y', `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: 'ignore' },
  );
  for (;;) {
    if (await fetch(`http://127.0.0.1:${port}/-/ready`).then(r => r.ok, () => false)) break;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  // Prometheus merges the backfilled 2-hour blocks into larger ones after it starts; measuring while it does
  // would measure the compaction. Wait until the number of loaded blocks holds still for 70 s (the compactor runs every minute).
  const blocks = async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return Number(/^prometheus_tsdb_blocks_loaded (\S+)$/m.exec(text)?.[1]);
  };
  let last = await blocks();
  for (let still = 0; still < 14; ) {
    await new Promise(resolve => setTimeout(resolve, 5000));
    const now = await blocks();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return { child, blocks: last };
}


/**
 * The fleet evaluation of the models backend at another revision: its source, extracted with git archive into
 * bench/.compare/ (ignored by git) so that it resolves the workspace's dependencies like this one.
 */
function evaluationAt(rev: string): { evaluate: typeof evaluateFleet; target: typeof targetOf } {
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  const dir = path.join(root, 'bench', '.compare', rev.replace(/[^A-Za-z0-9._-]/g, '_'));
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('bash', ['-c', `git -C "${root}" archive "${rev}" plugins/models-backend/src | tar -x -C "${dir}"`]);
  }
  const src = path.join(dir, 'plugins/models-backend/src/observability');
  return { evaluate: require(path.join(src, 'evaluateFleet')).evaluateFleet, target: require(path.join(src, 'targets')).targetOf };
}

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'modelport-bench-fleet-'));
  const keep = values['data-dir'];
  const dataDir = keep ?? path.join(workDir, 'data');
  const started = Date.now();
  const marker = path.join(dataDir, `modelport-${models}-${days}`);
  if (!fs.existsSync(marker)) {
    backfill(dataDir, workDir);
    fs.writeFileSync(marker, '');
  }
  const backfillSeconds = (Date.now() - started) / 1000;
  const { child: prometheus, blocks } = await startPrometheus(dataDir, workDir);
  try {
    const prometheusClient = new PrometheusClient({ name: 'bench', url: `http://127.0.0.1:${port}`, timeoutMs: 120_000 });
    // Times every query of the last fleet round, to show where the time goes.
    const perQuery: Array<{ seconds: number; query: string }> = [];
    const client = {
      query: async (query: string, time: Date) => {
        const s = process.hrtime.bigint();
        const result = await prometheusClient.query(query, time);
        perQuery.push({ seconds: Number(process.hrtime.bigint() - s) / 1e9, query: query.slice(0, 140) });
        return result;
      },
    } as unknown as PrometheusClient;
    const targets = Array.from({ length: models }, (_, i) => targetOf(model(i), { source: 'kserve', instance: 'bench' }));
    const at = new Date(t0 * 1000);
    await evaluateFleet(client, targets.slice(0, 10), at); // warm-up: loads the blocks' indexes

    const fleet: number[] = [];
    let queries = 0;
    let results: Awaited<ReturnType<typeof evaluateFleet>>['results'] = [];
    // As the scheduler does: each cycle asks the units that failed in the one before apart first.
    let suspects: string[] = [];
    const firstCycle = { queries: 0, seconds: 0 };
    for (let r = 0; r < rounds; r++) {
      perQuery.length = 0;
      const s = process.hrtime.bigint();
      let failed: string[];
      ({ queries, results, failed } = await evaluateFleet(client, targets, at, new Map(), suspects));
      fleet.push(Number(process.hrtime.bigint() - s) / 1e9);
      if (r === 0) Object.assign(firstCycle, { queries, seconds: fleet[0] });
      suspects = failed;
    }
    const lastRound = [...perQuery];
    let compared: { revision: string; seconds: number; rounds: number[]; thisRevisionSeconds: number; thisRevisionRounds: number[]; ratio: number } | undefined;
    if (values.compare) {
      const other = evaluationAt(values.compare);
      const otherTargets = Array.from({ length: models }, (_, i) => other.target(model(i), { source: 'kserve', instance: 'bench' }));
      const times = { other: [] as number[], mine: [] as number[] };
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 ? (['mine', 'other'] as const) : (['other', 'mine'] as const);
        for (const which of order) {
          const s = process.hrtime.bigint();
          await (which === 'mine' ? evaluateFleet(client, targets, at) : other.evaluate(client, otherTargets, at));
          times[which].push(Number(process.hrtime.bigint() - s) / 1e9);
        }
      }
      const round3 = (xs: number[]) => xs.map(x => Number(x.toFixed(3)));
      compared = {
        revision: values.compare,
        seconds: Number(median(times.other).toFixed(3)),
        rounds: round3(times.other),
        thisRevisionSeconds: Number(median(times.mine).toFixed(3)),
        thisRevisionRounds: round3(times.mine),
        ratio: Number((median(times.other) / median(times.mine)).toFixed(2)),
      };
    }
    const sample = targets.slice(0, Number(values.baseline));
    const perModel: number[] = [];
    let perModelQueries = 0;
    for (let r = 0; r < rounds; r++) {
      const s = process.hrtime.bigint();
      perModelQueries = 0;
      for (const t of sample) perModelQueries += (await evaluateFleet(client, [t], at)).queries;
      perModel.push(Number(process.hrtime.bigint() - s) / 1e9);
    }
    const baselineFleetSeconds = (median(perModel) / sample.length) * models;
    const critical = results.filter(x => x.slo.state === 'critical').length;
    console.log(
      JSON.stringify(
        {
          command: `pnpm --filter @modelport/bench fleet --models ${models} --days ${days} --rounds ${rounds} --baseline ${values.baseline} --custom ${custom} --broken ${broken}${values.compare ? ` --compare ${values.compare}` : ''}`,
          machine: `${os.cpus().length} x ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
          prometheus: execFileSync('prometheus', ['--version'], { encoding: 'utf8' }).split('\n')[0],
          series: models * 11,
          blocksAfterCompaction: blocks,
          backfillSeconds,
          fleet: { models, customObjectives: custom, broken, queries, seconds: Number(median(fleet).toFixed(3)), rounds: fleet.map(x => Number(x.toFixed(3))) },
          firstCycleFindingTheBroken: { queries: firstCycle.queries, seconds: Number(firstCycle.seconds.toFixed(3)) },
          failedObjectives: suspects.length,
          lastRoundPerQuery: lastRound.map(q => `${q.seconds.toFixed(3)} s  ${q.query}`),
          classified: {
            critical,
            ok: results.filter(x => x.slo.state === 'ok').length,
            noData: results.filter(x => x.slo.state === 'no-data').length,
            error: results.filter(x => x.slo.state === 'error').length,
          },
          baselineOneModelAtATime: {
            sampleModels: sample.length,
            queries: perModelQueries,
            seconds: Number(median(perModel).toFixed(3)),
            extrapolatedFleetSeconds: Number(baselineFleetSeconds.toFixed(1)),
            extrapolatedFleetQueries: (perModelQueries / sample.length) * models,
          },
          speedupVsOneModelAtATime: Number((baselineFleetSeconds / median(fleet)).toFixed(1)),
          ...(compared ? { comparedWithRevision: compared } : {}),
        },
        null,
        2,
      ),
    );
  } finally {
    prometheus.kill();
    await new Promise(resolve => prometheus.once('exit', resolve));
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
